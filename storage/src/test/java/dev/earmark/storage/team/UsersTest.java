package dev.earmark.storage.team;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earmark.storage.Databases;
import dev.earmark.storage.PermissionDeniedException;
import dev.earmark.storage.StorageException;
import dev.earmark.storage.TestClocks;
import dev.earmark.storage.access.Access;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.user.Actor;
import dev.earmark.storage.user.Role;
import dev.earmark.storage.user.User;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class UsersTest {
  static List<Named<Supplier<Project>>> databases() {
    return Databases.fresh(TestClocks.FIXED);
  }

  @ParameterizedTest
  @MethodSource("databases")
  void firstUserBootstrapsThenOnlyLeadsAddUsers(Supplier<Project> factory) {
    try (Project project = factory.get()) {
      Users users = project.users();
      User lead = users.add(new Actor("setup", Set.of()), "lead-1", "Lena", EnumSet.of(Role.LEAD));
      User annotator = users.add(lead.asActor(), "ann-1", "Ari", EnumSet.of(Role.ANNOTATOR));

      assertThatThrownBy(
              () -> users.add(annotator.asActor(), "ann-2", "Bo", EnumSet.of(Role.ANNOTATOR)))
          .isInstanceOf(PermissionDeniedException.class)
          .hasMessage("ann-1 cannot add users: that needs the lead role");
      assertThat(users.list()).extracting(User::id).containsExactly("ann-1", "lead-1");
      assertThat(users.actor("ann-1").roles()).containsExactly(Role.ANNOTATOR);
      assertThat(project.audit().eventsFor("user", "ann-1"))
          .singleElement()
          .extracting("actor")
          .isEqualTo("lead-1");
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void badIdsDuplicatesAndUnknownUsersAreRefusedWithASentence(Supplier<Project> factory) {
    try (Project project = factory.get()) {
      Users users = project.users();
      Actor lead = users.add(Actor.system(), "lead-1", "Lena", EnumSet.of(Role.LEAD)).asActor();
      assertThatThrownBy(() -> users.add(lead, "lead-1", "Again", EnumSet.of(Role.LEAD)))
          .isInstanceOf(StorageException.class)
          .hasMessage("user lead-1 already exists");
      assertThatThrownBy(() -> users.add(lead, "bad id", "X", EnumSet.of(Role.LEAD)))
          .hasMessageContaining("not a usable user id");
      assertThatThrownBy(() -> users.add(lead, "x", "X", EnumSet.noneOf(Role.class)))
          .hasMessage("user x needs at least one role");
      assertThatThrownBy(() -> users.actor("ghost"))
          .hasMessage("no user 'ghost' in this project; ask the project's lead to add you")
          .message()
          .doesNotContain("lead-1");
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void requireNamesEveryAllowedRole(Supplier<Project> factory) {
    try (Project project = factory.get()) {
      Users users = project.users();
      Actor lead = users.add(Actor.system(), "lead-1", "Lena", EnumSet.of(Role.LEAD)).asActor();
      Actor annotator = users.add(lead, "ann-1", "Ann", EnumSet.of(Role.ANNOTATOR)).asActor();
      assertThatThrownBy(
              () ->
                  Access.require(
                      project, annotator, "decide a dispute", Role.ADJUDICATOR, Role.LEAD))
          .isInstanceOf(PermissionDeniedException.class)
          .hasMessage("ann-1 cannot decide a dispute: that needs the adjudicator or lead role");
      assertThat(Access.require(project, annotator, "label", Role.ANNOTATOR))
          .containsExactly(Role.ANNOTATOR);
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void anActorClaimingTheLeadRoleIsNotALeadUnlessTheUserTableSaysSo(Supplier<Project> factory) {
    try (Project project = factory.get()) {
      Users users = project.users();
      Actor lead = users.add(Actor.system(), "lead-1", "Lena", EnumSet.of(Role.LEAD)).asActor();
      users.add(lead, "ann-1", "Ann", EnumSet.of(Role.ANNOTATOR));
      Actor forged = new Actor("ann-1", EnumSet.of(Role.LEAD, Role.ANNOTATOR));
      assertThatThrownBy(() -> users.add(forged, "ann-2", "Ann 2", EnumSet.of(Role.LEAD)))
          .isInstanceOf(PermissionDeniedException.class)
          .hasMessage("ann-1 cannot add users: that needs the lead role");
      assertThat(users.find("ann-2")).isEmpty();
    }
  }
}
