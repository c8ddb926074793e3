package dev.earmark.storage.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earmark.storage.PermissionDeniedException;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.user.Actor;
import dev.earmark.storage.user.Role;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedIdentityTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC);
  private static final OsAccount LENA_OS = OsAccount.fixed("lena.k");
  private static final OsAccount ANN_OS = OsAccount.fixed("ann");
  private static final OsAccount NOBODY = OsAccount.fixed("nobody");

  @TempDir Path dir;

  private Project open() {
    return Project.openEmbedded(dir.resolve("p"), true, CLOCK);
  }

  /** A project whose creator lena (OS lena.k) is lead, with annotator ann-1 mapped to OS ann. */
  private Project team() {
    Project project = open();
    Identities identities = new Identities(project);
    Actor lena = identities.createFirstLead(LENA_OS, "lena");
    project.users().add(lena, "ann-1", "Ann", EnumSet.of(Role.ANNOTATOR));
    identities.mapOsAccount(lena, "ann-1", "ann");
    return project;
  }

  @Test
  void theCreatorOfAProjectIsItsLeadMappedToTheirOsAccount() {
    try (Project project = open()) {
      Actor first = new Identities(project).signIn(LENA_OS, Optional.of("lena"));
      assertThat(first.roles()).containsExactlyInAnyOrder(Role.LEAD, Role.ADJUDICATOR);
      assertThat(new Identities(project).osAccountOf("lena")).contains("lena.k");
      assertThat(new Identities(project).signIn(LENA_OS, Optional.empty()).userId())
          .isEqualTo("lena");
    }
  }

  @Test
  void theOsAccountActsAsItsMappedUserAndNoOther() {
    try (Project project = team()) {
      Identities identities = new Identities(project);
      assertThat(identities.signIn(ANN_OS, Optional.empty()).userId()).isEqualTo("ann-1");
      assertThat(identities.signIn(ANN_OS, Optional.of("ann-1")).roles())
          .containsExactly(Role.ANNOTATOR);
      assertThatThrownBy(() -> identities.signIn(ANN_OS, Optional.of("lena")))
          .isInstanceOf(PermissionDeniedException.class)
          .hasMessageStartingWith("your OS account 'ann' may not act as 'lena' in this project")
          .message()
          .doesNotContain("ann-1");
    }
  }

  @Test
  void anUnmappedOsAccountIsRefusedWithASentenceNamingNoUser() {
    try (Project project = team()) {
      Identities identities = new Identities(project);
      assertThatThrownBy(() -> identities.signIn(NOBODY, Optional.of("lena")))
          .isInstanceOf(PermissionDeniedException.class)
          .message()
          .contains("'nobody' is not mapped")
          .doesNotContain("lena")
          .doesNotContain("ann-1");
      assertThatThrownBy(() -> identities.signIn(NOBODY, Optional.empty()))
          .isInstanceOf(PermissionDeniedException.class)
          .message()
          .doesNotContain("lena")
          .doesNotContain("ann-1");
    }
  }

  @Test
  void onlyALeadMapsAccountsAndTheMappingIsAudited() {
    try (Project project = team()) {
      Identities identities = new Identities(project);
      Actor ann = identities.signIn(ANN_OS, Optional.empty());
      assertThatThrownBy(() -> identities.mapOsAccount(ann, "ann-1", "nobody"))
          .isInstanceOf(PermissionDeniedException.class);
      Actor lena = identities.signIn(LENA_OS, Optional.empty());
      identities.mapOsAccount(lena, "ann-1", "ann.laptop");
      // One account is one user: the old account no longer signs in.
      assertThatThrownBy(() -> identities.signIn(ANN_OS, Optional.empty()))
          .isInstanceOf(PermissionDeniedException.class);
      assertThat(identities.signIn(OsAccount.fixed("ann.laptop"), Optional.empty()).userId())
          .isEqualTo("ann-1");
      long audited =
          project
              .jdbi()
              .withHandle(
                  h ->
                      h.createQuery(
                              "SELECT COUNT(*) FROM audit_events WHERE action ="
                                  + " 'user.map-os-account' AND actor = 'lena'")
                          .mapTo(Long.class)
                          .one());
      assertThat(audited).isEqualTo(3);
    }
  }

  @Test
  void inATrainingSandboxAnyoneMayActAsAnyUser() {
    try (Project project = team()) {
      Identities identities = new Identities(project);
      assertThat(identities.sandbox()).isFalse();
      Actor lena = identities.signIn(LENA_OS, Optional.empty());
      identities.setSandbox(lena, true);
      assertThat(identities.sandbox()).isTrue();
      assertThat(identities.signIn(NOBODY, Optional.of("lena")).userId()).isEqualTo("lena");
      assertThat(identities.signIn(ANN_OS, Optional.of("lena")).roles()).contains(Role.LEAD);
      assertThatThrownBy(() -> identities.signIn(NOBODY, Optional.of("ghost")))
          .message()
          .doesNotContain("lena")
          .doesNotContain("ann-1");
    }
  }

  @Test
  void aProjectMadeBeforeMappingsAdoptsTheFirstOsAccountOnce() {
    try (Project project = open()) {
      // As an older Earmark made it: users, no mapped accounts.
      Actor lena =
          project.users().add(Actor.system(), "lena", "Lena", EnumSet.of(Role.LEAD)).asActor();
      project.users().add(lena, "ann-1", "Ann", EnumSet.of(Role.ANNOTATOR));
      Identities identities = new Identities(project);
      assertThat(identities.signIn(LENA_OS, Optional.of("lena")).userId()).isEqualTo("lena");
      assertThat(identities.osAccountOf("lena")).contains("lena.k");
      // From now on the project has mappings, and an unmapped account gets nothing.
      assertThatThrownBy(() -> identities.signIn(ANN_OS, Optional.of("ann-1")))
          .isInstanceOf(PermissionDeniedException.class);
    }
  }
}
