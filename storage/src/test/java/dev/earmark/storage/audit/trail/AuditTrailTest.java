package dev.earmark.storage.audit.trail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earmark.storage.Databases;
import dev.earmark.storage.PermissionDeniedException;
import dev.earmark.storage.audit.AuditEvent;
import dev.earmark.storage.audit.AuditLog;
import dev.earmark.storage.audit.AuditQuery;
import dev.earmark.storage.audit.AuditVerification;
import dev.earmark.storage.audit.OlderReleaseEvents;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.user.Actor;
import dev.earmark.storage.user.Role;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A lead reads the audit log filtered by actor, action, entity and time, newest first. */
class AuditTrailTest {
  private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  static List<Named<Supplier<Project>>> databases() {
    return Databases.fresh(CLOCK);
  }

  /** A project with the lead, an annotator and three label events by two actors. */
  private static Project withEvents(Supplier<Project> factory) {
    Project project = factory.get();
    project.users().add(Actor.system(), "lena", "Lena", EnumSet.of(Role.LEAD));
    project.users().add(project.users().actor("lena"), "ann_1", "Ann", EnumSet.of(Role.ANNOTATOR));
    append(project, "lena", "label.submit", "clip-0001");
    append(project, "ann_1", "label.submit", "clip-0002");
    append(project, "ann_1", "labelling.odd", "clip-0003");
    return project;
  }

  private static void append(Project project, String actor, String action, String clip) {
    project
        .jdbi()
        .useTransaction(
            handle ->
                OlderReleaseEvents.append(
                    project.audit(),
                    handle,
                    project.users().actor(actor),
                    action,
                    "label",
                    clip,
                    AuditLog.json().createObjectNode().put("transcript", clip)));
  }

  private static AuditQuery query(
      String actor, String action, String entity, Instant from, Instant until) {
    return new AuditQuery(
        Optional.ofNullable(actor),
        Optional.ofNullable(action),
        Optional.ofNullable(entity),
        Optional.ofNullable(from),
        Optional.ofNullable(until),
        AuditQuery.DEFAULT_LIMIT);
  }

  private static List<String> ids(List<AuditEvent> events) {
    return events.stream().map(e -> e.actor() + " " + e.action() + " " + e.entityId()).toList();
  }

  @ParameterizedTest
  @MethodSource("databases")
  void filtersCombineAndTheNewestEventComesFirst(Supplier<Project> factory) {
    try (Project project = withEvents(factory)) {
      AuditTrail trail = new AuditTrail(project);
      Actor lead = project.users().actor("lena");

      List<AuditEvent> all = trail.events(lead, AuditQuery.all());
      assertThat(all).hasSizeGreaterThanOrEqualTo(5);
      assertThat(all.get(0).seq()).isGreaterThan(all.get(1).seq());

      assertThat(ids(trail.events(lead, query("ann_1", null, null, null, null))))
          .containsExactly("ann_1 labelling.odd clip-0003", "ann_1 label.submit clip-0002");
      // "label" is an action prefix up to a dot: label.submit, not labelling.odd.
      assertThat(ids(trail.events(lead, query(null, "label", null, null, null))))
          .containsExactly("ann_1 label.submit clip-0002", "lena label.submit clip-0001");
      assertThat(ids(trail.events(lead, query(null, "label.submit", "CLIP-0002", null, null))))
          .containsExactly("ann_1 label.submit clip-0002");
      // The entity filter takes % and _ literally.
      assertThat(trail.events(lead, query(null, null, "clip%", null, null))).isEmpty();
      assertThat(trail.events(lead, query(null, null, "ann_1", null, null)))
          .extracting(AuditEvent::entityType)
          .containsOnly("user");

      assertThat(trail.events(lead, query(null, null, null, NOW, null))).hasSameSizeAs(all);
      assertThat(trail.events(lead, query(null, null, null, null, NOW))).isEmpty();
      assertThat(trail.events(lead, query(null, null, null, NOW.plusSeconds(1), null))).isEmpty();

      AuditQuery two =
          new AuditQuery(
              Optional.of(" "),
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              2);
      assertThat(trail.events(lead, two))
          .extracting(AuditEvent::seq)
          .containsExactly(all.get(0).seq(), all.get(1).seq());
      assertThat(trail.verify()).isInstanceOf(AuditVerification.Intact.class);
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void onlyALeadReadsTheLog(Supplier<Project> factory) {
    try (Project project = withEvents(factory)) {
      AuditTrail trail = new AuditTrail(project);
      assertThatThrownBy(() -> trail.events(project.users().actor("ann_1"), AuditQuery.all()))
          .isInstanceOf(PermissionDeniedException.class)
          .hasMessageContaining("read the audit log");
      assertThatThrownBy(
              () ->
                  new AuditQuery(
                      Optional.empty(),
                      Optional.empty(),
                      Optional.empty(),
                      Optional.empty(),
                      Optional.empty(),
                      0))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
