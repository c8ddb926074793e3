package dev.earmark.app.gui.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earmark.app.TestClocks;
import dev.earmark.storage.StorageException;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.user.Role;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The welcome screen's form, the project it creates, and the recent-projects list. */
class WelcomeModelTest {
  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          ''       | lead-1   | Give the project a name; it becomes the name of its folder.
          a/b      | lead-1   | The name 'a/b' cannot be a folder name here: use letters, digits, spaces, '.', '_' or '-'.
          calls    | ''       | Say who you are with a user id made of letters, digits, '.', '_' or '-'; you become the project's lead.
          calls    | me too   | Say who you are with a user id made of letters, digits, '.', '_' or '-'; you become the project's lead.
          """)
  void theFormSaysWhatStopsIt(String name, String user, String sentence) {
    WelcomeModel model = new WelcomeModel(Optional.empty(), List.of(), dir, user);
    model.nameProperty().set(name);

    assertThat(model.newProject()).isEmpty();
    assertThat(model.problems()).containsExactly(sentence);
  }

  @Test
  void theCreatorBecomesTheLeadOfTheNewProject() {
    WelcomeModel model = new WelcomeModel(Optional.empty(), List.of(), dir, "maria");
    model.nameProperty().set("call centre");

    NewProject request = model.newProject().orElseThrow();
    Path created = request.create(TestClocks.FIXED);

    assertThat(created).isEqualTo(dir.resolve("call centre").toAbsolutePath().normalize());
    try (Project project = Project.openEmbedded(created, false, TestClocks.FIXED)) {
      assertThat(project.users().find("maria").orElseThrow().roles())
          .containsExactlyInAnyOrder(Role.LEAD, Role.ADJUDICATOR);
    }
  }

  @Test
  void anExistingProjectIsNeverOverwritten() {
    new NewProject(dir, "calls", "maria").create(TestClocks.FIXED);
    WelcomeModel model = new WelcomeModel(Optional.empty(), List.of(), dir, "other");
    model.nameProperty().set("calls");

    assertThat(model.newProject()).isEmpty();
    assertThat(model.problems().get(0))
        .endsWith(
            "already holds an Earmark project: open it from"
                + " the list, or choose another name.");
    assertThatThrownBy(() -> new NewProject(dir, "calls", "other").create(TestClocks.FIXED))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("already holds an Earmark project");
  }

  @Test
  void recentProjectsKeepTheNewestFirstOnceEachUpToTheLimit() throws Exception {
    RecentProjects recent = RecentProjects.besides(dir.resolve("config/last-project"));
    assertThat(recent.list()).isEmpty();
    for (int i = 0; i < RecentProjects.LIMIT + 3; i++) {
      recent.add(dir.resolve("p" + i));
    }
    recent.add(dir.resolve("p5"));
    recent.remove(dir.resolve("p12"));

    List<Path> list = recent.list();

    assertThat(list).hasSize(RecentProjects.LIMIT - 1);
    assertThat(list.get(0)).isEqualTo(dir.resolve("p5"));
    assertThat(list.get(1)).isEqualTo(dir.resolve("p11"));
    assertThat(list).doesNotHaveDuplicates().doesNotContain(dir.resolve("p12"));
    assertThat(dir.resolve("config/recent-projects")).exists();
  }
}
