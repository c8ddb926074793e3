package dev.earmark.app.gui.team;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earmark.app.TestClocks;
import dev.earmark.app.demo.DemoCreation;
import dev.earmark.app.gui.CurrentThreadExecutor;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.user.Role;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The team tab's view-model on a real demo project (H2 file, fixed clock), synchronously. */
class TeamViewModelTest {
  @TempDir static Path dir;
  private Project project;

  @BeforeAll
  static void buildDemo() {
    DemoCreation.create(dir.resolve("demo"), "lead-demo", TestClocks.FIXED);
  }

  @AfterEach
  void close() {
    if (project != null) {
      project.close();
    }
  }

  private TeamViewModel open(String user) {
    project = Project.openEmbedded(dir.resolve("demo"), false, TestClocks.FIXED);
    TeamViewModel model =
        new TeamViewModel(new TeamService(project, user), new CurrentThreadExecutor());
    model.load();
    return model;
  }

  @Test
  void anAdjudicatorIsRefusedTheRosterWithTheServicesSentence() {
    TeamViewModel model = open("adj-demo");
    assertThat(model.members()).isEmpty();
    assertThat(model.problemProperty().get()).isNotEmpty().contains("lead").endsWith(".");
  }

  @Test
  void aUserWithoutARoleIsRefusedAndNothingIsStored() {
    TeamViewModel model = open("lead-demo");
    int before = model.members().size();
    model.add("ann-9", "", Set.of(), "");
    assertThat(model.problemProperty().get()).isEqualTo("User ann-9 needs at least one role.");
    assertThat(project.users().find("ann-9")).isEmpty();
    assertThat(model.members()).hasSize(before);
    assertThat(project.audit().eventsFor("user", "ann-9")).isEmpty();
  }

  @Test
  void aUserAddedWithoutADisplayNameIsNamedByTheirId() {
    TeamViewModel model = open("lead-demo");
    model.add("ann-10", " ", EnumSet.of(Role.ANNOTATOR), " ");
    assertThat(model.problemProperty().get()).isEmpty();
    assertThat(model.member("ann-10"))
        .contains(new TeamMember("ann-10", "ann-10", EnumSet.of(Role.ANNOTATOR), "", true));
  }
}
