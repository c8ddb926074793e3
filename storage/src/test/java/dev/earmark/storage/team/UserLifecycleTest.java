package dev.earmark.storage.team;

import static dev.earmark.storage.LabelingFixture.ANN_1;
import static dev.earmark.storage.LabelingFixture.ASR;
import static dev.earmark.storage.LabelingFixture.LEAD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earmark.storage.Databases;
import dev.earmark.storage.LabelingFixture;
import dev.earmark.storage.PermissionDeniedException;
import dev.earmark.storage.StorageException;
import dev.earmark.storage.access.Access;
import dev.earmark.storage.assign.AssignmentPlan;
import dev.earmark.storage.assign.QueuePriority;
import dev.earmark.storage.audit.AuditEvent;
import dev.earmark.storage.audit.AuditVerification;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.user.Actor;
import dev.earmark.storage.user.Role;
import dev.earmark.storage.user.RoleChange;
import dev.earmark.storage.user.User;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Roles change and users are deactivated, never deleted; only leads do it, each change audited. */
class UserLifecycleTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  static List<Named<Supplier<Project>>> databases() {
    return Databases.fresh(CLOCK);
  }

  private static Users usersWithLeadAndAnnotator(Project project) {
    Users users = project.users();
    users.add(Actor.system(), "lead-1", "Lena", EnumSet.of(Role.LEAD));
    users.add(LEAD, "ann-1", "Ari", EnumSet.of(Role.ANNOTATOR));
    return users;
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aLeadAddsAndRemovesRolesWithOneAuditEventPerChange(Supplier<Project> factory) {
    try (Project project = factory.get()) {
      Users users = usersWithLeadAndAnnotator(project);

      RoleChange change =
          users.changeRoles(
              LEAD, "ann-1", EnumSet.of(Role.ADJUDICATOR), EnumSet.noneOf(Role.class));
      assertThat(change.changed()).isTrue();
      assertThat(change.after().roles())
          .containsExactlyInAnyOrder(Role.ANNOTATOR, Role.ADJUDICATOR);
      assertThat(users.actor("ann-1").roles())
          .containsExactlyInAnyOrder(Role.ANNOTATOR, Role.ADJUDICATOR);

      users.changeRoles(LEAD, "ann-1", EnumSet.noneOf(Role.class), EnumSet.of(Role.ANNOTATOR));
      assertThat(users.find("ann-1").orElseThrow().roles()).containsExactly(Role.ADJUDICATOR);

      // Asking for what is already so changes nothing and is not audited.
      assertThat(
              users
                  .changeRoles(
                      LEAD, "ann-1", EnumSet.of(Role.ADJUDICATOR), EnumSet.of(Role.ANNOTATOR))
                  .changed())
          .isFalse();
      assertThat(project.audit().eventsFor("user", "ann-1"))
          .extracting(AuditEvent::action)
          .containsExactly("user.add", "user.roles", "user.roles");
      assertThat(project.audit().eventsFor("user", "ann-1").get(2).afterJson())
          .contains("\"roles\":[\"adjudicator\"]");
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void roleChangesThatWouldLeaveNoRoleOrNoLeadAreRefused(Supplier<Project> factory) {
    try (Project project = factory.get()) {
      Users users = usersWithLeadAndAnnotator(project);
      assertThatThrownBy(
              () ->
                  users.changeRoles(
                      LEAD, "ann-1", EnumSet.noneOf(Role.class), EnumSet.of(Role.ANNOTATOR)))
          .isInstanceOf(StorageException.class)
          .hasMessage(
              "user ann-1 needs at least one role; deactivate them instead of removing all");
      assertThatThrownBy(
              () ->
                  users.changeRoles(
                      LEAD, "lead-1", EnumSet.of(Role.ANNOTATOR), EnumSet.of(Role.LEAD)))
          .hasMessage(
              "lead-1 is the project's only active lead; give another user the lead role first");
      assertThatThrownBy(
              () -> users.changeRoles(LEAD, "ann-1", EnumSet.of(Role.LEAD), EnumSet.of(Role.LEAD)))
          .hasMessage("a role cannot be both added and removed: lead");
      assertThatThrownBy(
              () ->
                  users.changeRoles(
                      LEAD, "ghost", EnumSet.of(Role.LEAD), EnumSet.noneOf(Role.class)))
          .hasMessage("no user 'ghost' in this project; known users: ann-1, lead-1");
      assertThat(project.audit().eventsFor("user", "lead-1"))
          .extracting(AuditEvent::action)
          .containsExactly("user.add");
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void anAnnotatorCannotManageUsersEvenByClaimingTheLeadRole(Supplier<Project> factory) {
    try (Project project = factory.get()) {
      Users users = usersWithLeadAndAnnotator(project);
      Actor annotator = users.actor("ann-1");
      assertThatThrownBy(
              () ->
                  users.changeRoles(
                      annotator, "ann-1", EnumSet.of(Role.LEAD), EnumSet.noneOf(Role.class)))
          .isInstanceOf(PermissionDeniedException.class)
          .hasMessage("ann-1 cannot change users' roles: that needs the lead role");
      Actor forged = new Actor("ann-1", EnumSet.of(Role.LEAD));
      assertThatThrownBy(() -> users.deactivate(forged, "lead-1"))
          .isInstanceOf(PermissionDeniedException.class)
          .hasMessage("ann-1 cannot deactivate users: that needs the lead role");
      assertThatThrownBy(() -> users.roster(annotator))
          .isInstanceOf(PermissionDeniedException.class);
      assertThat(users.roster(LEAD)).extracting(User::id).containsExactly("ann-1", "lead-1");
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aDeactivatedUserStaysListedButCannotActUntilReactivated(Supplier<Project> factory) {
    try (Project project = factory.get()) {
      Users users = usersWithLeadAndAnnotator(project);
      users.add(LEAD, "lead-2", "Lou", EnumSet.of(Role.LEAD));
      Actor secondLead = users.actor("lead-2");

      assertThat(users.deactivate(LEAD, "lead-2")).isTrue();
      assertThat(users.deactivate(LEAD, "lead-2")).isFalse();
      assertThat(users.list())
          .filteredOn(user -> user.id().equals("lead-2"))
          .singleElement()
          .extracting(User::active)
          .isEqualTo(false);
      assertThatThrownBy(() -> users.actor("lead-2"))
          .isInstanceOf(PermissionDeniedException.class)
          .hasMessage(
              "lead-2 is deactivated in this project and cannot act; a lead can reactivate them");
      // An Actor held from before the deactivation is refused too.
      assertThatThrownBy(() -> users.deactivate(secondLead, "ann-1"))
          .isInstanceOf(PermissionDeniedException.class)
          .hasMessage("lead-2 is deactivated in this project and cannot deactivate users");
      Set<Role> verified =
          project.jdbi().withHandle(handle -> Access.verifiedRoles(handle, secondLead));
      assertThat(verified).isEmpty();

      // The only active lead stays.
      assertThatThrownBy(() -> users.deactivate(LEAD, "lead-1"))
          .hasMessage(
              "lead-1 is the project's only active lead and cannot be deactivated; give another"
                  + " user the lead role first");

      assertThat(users.reactivate(LEAD, "lead-2")).isTrue();
      assertThat(users.actor("lead-2").roles()).containsExactly(Role.LEAD);
      assertThat(project.audit().eventsFor("user", "lead-2"))
          .extracting(AuditEvent::action)
          .containsExactly("user.add", "user.deactivate", "user.reactivate");
      assertThat(project.audit().verify()).isInstanceOf(AuditVerification.Intact.class);
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aDeactivatedAnnotatorGetsNoNewWork(Supplier<Project> factory) {
    try (LabelingFixture fixture = LabelingFixture.create(factory.get(), dir, 3)) {
      fixture.project().users().deactivate(LEAD, "ann-1");
      assertThatThrownBy(
              () ->
                  fixture
                      .assignments()
                      .assign(
                          LEAD,
                          new AssignmentPlan(
                              ASR, Optional.empty(), List.of("ann-1", "ann-2"), 0, 0, 1),
                          QueuePriority.byClipId()))
          .isInstanceOf(StorageException.class)
          .hasMessage(
              "ann-1 is deactivated and gets no new work; assign to an active annotator, or have"
                  + " a lead reactivate them");
      assertThatThrownBy(
              () ->
                  fixture
                      .assignments()
                      .assignExplicit(LEAD, ASR, fixture.clipId("clip-0001"), "ann-1", false))
          .hasMessageStartingWith("ann-1 is deactivated and gets no new work");
      assertThatThrownBy(() -> fixture.assignments().queue(ANN_1, "ann-1"))
          .isInstanceOf(PermissionDeniedException.class);
      long assignments =
          fixture
              .project()
              .jdbi()
              .withHandle(
                  handle ->
                      handle
                          .createQuery("SELECT COUNT(*) FROM assignments")
                          .mapTo(Long.class)
                          .one());
      assertThat(assignments).isZero();
    }
  }
}
