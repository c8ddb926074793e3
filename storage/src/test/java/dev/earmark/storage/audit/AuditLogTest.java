package dev.earmark.storage.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earmark.storage.Databases;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.user.Actor;
import dev.earmark.storage.user.Role;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The chain detects every kind of tampering done with plain SQL behind Earmark's back. */
class AuditLogTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-21T10:00:00.123456Z"), ZoneOffset.UTC);
  private static final Actor LEAD = new Actor("lead-1", EnumSet.of(Role.LEAD));

  static List<Named<Supplier<Project>>> databases() {
    return Databases.fresh(CLOCK);
  }

  /** A project with the creation event plus five more. */
  private static Project withEvents(Supplier<Project> factory) {
    Project project = factory.get();
    for (int i = 1; i <= 5; i++) {
      int n = i;
      project
          .jdbi()
          .useTransaction(
              handle ->
                  project
                      .audit()
                      .append(
                          handle,
                          LEAD,
                          AuditAction.LABEL_SUBMIT.created(
                              "clip-000" + n,
                              AuditLog.json().createObjectNode().put("transcript", "take " + n))));
    }
    return project;
  }

  private static void sql(Project project, String statement) {
    project.jdbi().useHandle(handle -> handle.execute(statement));
  }

  @ParameterizedTest
  @MethodSource("databases")
  void untouchedChainVerifies(Supplier<Project> factory) {
    try (Project project = withEvents(factory)) {
      AuditVerification result = project.audit().verify();
      assertThat(result).isInstanceOf(AuditVerification.Intact.class);
      assertThat(((AuditVerification.Intact) result).events()).isEqualTo(6);
      assertThat(project.audit().eventsFor("label", "clip-0003"))
          .singleElement()
          .satisfies(
              event -> {
                assertThat(event.actor()).isEqualTo("lead-1");
                assertThat(event.afterJson()).isEqualTo("{\"transcript\":\"take 3\"}");
                assertThat(event.occurredAt()).isEqualTo(Instant.parse("2026-11-21T10:00:00.123Z"));
              });
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void editedRowIsNamed(Supplier<Project> factory) {
    try (Project project = withEvents(factory)) {
      sql(
          project,
          "UPDATE audit_events SET after_json = '{\"transcript\":\"forged\"}' WHERE seq = 4");
      assertThat(project.audit().verify())
          .isEqualTo(
              new AuditVerification.Broken(
                  4, "event 4 (label.submit label clip-0003) was altered after it was written"));
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void editedActorIsDetected(Supplier<Project> factory) {
    try (Project project = withEvents(factory)) {
      sql(project, "UPDATE audit_events SET actor = 'someone-else' WHERE seq = 2");
      assertThat(project.audit().verify()).extracting("seq").isEqualTo(2L);
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void deletedRowIsNamed(Supplier<Project> factory) {
    try (Project project = withEvents(factory)) {
      sql(project, "DELETE FROM audit_events WHERE seq = 3");
      assertThat(project.audit().verify())
          .isEqualTo(
              new AuditVerification.Broken(3, "event 3 is missing (deleted); the next is 4"));
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void reorderedRowsAreDetected(Supplier<Project> factory) {
    try (Project project = withEvents(factory)) {
      sql(project, "UPDATE audit_events SET seq = 100 WHERE seq = 3");
      sql(project, "UPDATE audit_events SET seq = 3 WHERE seq = 4");
      sql(project, "UPDATE audit_events SET seq = 4 WHERE seq = 100");
      AuditVerification result = project.audit().verify();
      assertThat(result)
          .isInstanceOf(AuditVerification.Broken.class)
          .extracting("seq")
          .isEqualTo(3L);
      assertThat(((AuditVerification.Broken) result).reason()).contains("does not link");
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void truncatedTailIsDetected(Supplier<Project> factory) {
    try (Project project = withEvents(factory)) {
      sql(project, "DELETE FROM audit_events WHERE seq = 6");
      assertThat(project.audit().verify())
          .isEqualTo(
              new AuditVerification.Broken(
                  6,
                  "the log ends at event 5 but Earmark last wrote event 6 (events were removed from the end)"));
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void rolledBackChangeLeavesNoEvent(Supplier<Project> factory) {
    try (Project project = withEvents(factory)) {
      try {
        project
            .jdbi()
            .useTransaction(
                handle -> {
                  project.audit().append(handle, LEAD, AuditAction.LABEL_SUBMIT.on("x"));
                  throw new IllegalStateException("the change failed");
                });
      } catch (IllegalStateException expected) {
        // the transaction rolled back
      }
      assertThat(project.audit().eventsFor("label", "x")).isEmpty();
      assertThat(project.audit().verify()).isInstanceOf(AuditVerification.Intact.class);
    }
  }
}
