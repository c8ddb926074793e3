package dev.earmark.app.gui.team;

import static dev.earmark.app.gui.FxThread.fx;
import static dev.earmark.app.gui.WindowNodes.awaitText;
import static dev.earmark.app.gui.WindowNodes.press;
import static dev.earmark.app.gui.WindowNodes.text;
import static dev.earmark.app.gui.WindowNodes.type;
import static org.assertj.core.api.Assertions.assertThat;

import dev.earmark.app.gui.WorkbenchWindow;
import dev.earmark.app.gui.desk.ProjectDeskScreen;
import dev.earmark.storage.audit.AuditEvent;
import dev.earmark.storage.identity.Identities;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.user.Role;
import dev.earmark.storage.user.User;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.CheckBox;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Team tab in the real window on a real demo project: the lead adds a user with an OS account,
 * changes their roles and deactivates them, each stored and audited by the service {@code earmark
 * users} calls; a refusal shows the service's sentence; non-leads do not see the Project screen.
 */
@ExtendWith(ApplicationExtension.class)
class TeamWindowTest {
  @TempDir static Path dir;

  @RegisterExtension static final WorkbenchWindow window = WorkbenchWindow.withDemo(() -> dir);

  @Test
  void aLeadAddsAUserChangesTheirRolesAndDeactivatesThemThroughTheUsersService(FxRobot robot)
      throws Exception {
    window.open(robot, "lead-demo");
    ProjectDeskScreen desk = window.desk(ProjectDeskScreen.Part.TEAM);
    TableView<?> table = robot.lookup("#teamTable").queryAs(TableView.class);
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fx(() -> table.getItems().size() > 3));
    int before = fx(() -> table.getItems().size());

    type(robot, "#newUserId", "ann-4");
    type(robot, "#newUserName", "Ann Four");
    type(robot, "#newUserOsAccount", "ann4-login");
    press(robot, "#addUserButton");
    awaitText(robot, "#teamStatus", s -> s.startsWith("Added ann-4"));
    assertThat(text(robot, "#teamStatus"))
        .isEqualTo("Added ann-4 (annotator), OS account ann4-login.");
    assertThat(fx(() -> table.getItems().size())).isEqualTo(before + 1);
    assertThat(fx(() -> desk.team().member("ann-4").orElseThrow()))
        .isEqualTo(
            new TeamMember("ann-4", "Ann Four", EnumSet.of(Role.ANNOTATOR), "ann4-login", true));
    Project project = desk.project();
    assertThat(project.users().find("ann-4"))
        .contains(new User("ann-4", "Ann Four", EnumSet.of(Role.ANNOTATOR), true));
    assertThat(new Identities(project).osAccountOf("ann-4")).contains("ann4-login");
    assertThat(project.audit().eventsFor("user", "ann-4"))
        .extracting(AuditEvent::action, AuditEvent::actor)
        .contains(
            org.assertj.core.groups.Tuple.tuple("user.add", "lead-demo"),
            org.assertj.core.groups.Tuple.tuple("user.map-os-account", "lead-demo"));

    // Change roles: the selected user gets adjudicator too.
    fx(
        () -> {
          desk.teamView().select("ann-4");
          return null;
        });
    assertThat(text(robot, "#selectedUser")).isEqualTo("ann-4 · Ann Four · active");
    CheckBox adjudicator = robot.lookup("#selectedRole-adjudicator").query();
    fx(
        () -> {
          adjudicator.setSelected(true);
          return null;
        });
    press(robot, "#saveRolesButton");
    awaitText(robot, "#teamStatus", s -> s.startsWith("ann-4 now has the roles"));
    assertThat(text(robot, "#teamStatus"))
        .isEqualTo("ann-4 now has the roles annotator, adjudicator.");
    assertThat(project.users().find("ann-4").orElseThrow().roles())
        .containsExactlyInAnyOrder(Role.ANNOTATOR, Role.ADJUDICATOR);
    assertThat(project.audit().eventsFor("user", "ann-4"))
        .extracting(AuditEvent::action)
        .contains("user.roles");

    // Deactivate, then reactivate.
    press(robot, "#toggleActiveButton");
    awaitText(robot, "#teamStatus", s -> s.startsWith("Deactivated ann-4"));
    assertThat(project.users().find("ann-4").orElseThrow().active()).isFalse();
    assertThat(text(robot, "#selectedUser")).isEqualTo("ann-4 · Ann Four · deactivated");
    press(robot, "#toggleActiveButton");
    awaitText(robot, "#teamStatus", s -> s.equals("Reactivated ann-4."));
    assertThat(project.users().find("ann-4").orElseThrow().active()).isTrue();

    // A refusal is the service's sentence, in one line.
    type(robot, "#newUserId", "ann-4");
    press(robot, "#addUserButton");
    awaitText(robot, "#teamProblem", s -> !s.isEmpty());
    assertThat(text(robot, "#teamProblem")).isEqualTo("User ann-4 already exists.");
  }

  @Test
  void theLastLeadCannotTakeTheirOwnLeadRoleAwayAndIsToldWhy(FxRobot robot) throws Exception {
    window.open(robot, "lead-demo");
    ProjectDeskScreen desk = window.desk(ProjectDeskScreen.Part.TEAM);
    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> fx(() -> desk.team().member("lead-demo").isPresent()));
    fx(
        () -> {
          desk.teamView().select("lead-demo");
          return null;
        });
    CheckBox lead = robot.lookup("#selectedRole-lead").query();
    CheckBox annotator = robot.lookup("#selectedRole-annotator").query();
    fx(
        () -> {
          lead.setSelected(false);
          annotator.setSelected(true);
          return null;
        });
    press(robot, "#saveRolesButton");
    awaitText(robot, "#teamProblem", s -> !s.isEmpty());
    assertThat(text(robot, "#teamProblem")).contains("lead");
    assertThat(desk.project().users().find("lead-demo").orElseThrow().roles())
        .containsExactly(Role.LEAD);
  }

  @Test
  void usersWhoAreNotLeadsDoNotSeeTheProjectScreen(FxRobot robot) throws Exception {
    window.open(robot, "adj-demo");
    assertThat(robot.lookup("#nav-rules").tryQuery()).isPresent();
    assertThat(robot.lookup("#nav-project").tryQuery()).isEmpty();
    window.open(robot, "ann-dee");
    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> robot.lookup("#nav-label").tryQuery().isPresent());
    assertThat(robot.lookup("#nav-project").tryQuery()).isEmpty();
    window.open(robot, "lead-demo");
    assertThat(robot.lookup("#nav-project").tryQuery()).isPresent();
  }
}
