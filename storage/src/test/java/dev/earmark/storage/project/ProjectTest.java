package dev.earmark.storage.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earmark.storage.StorageException;
import dev.earmark.storage.TestClocks;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectTest {
  @TempDir Path temp;

  @Test
  void embeddedProjectKeepsItsIdentityAcrossReopening() {
    Path dir = temp.resolve("demo");
    String id;
    try (Project project = Project.openEmbedded(dir, true, TestClocks.FIXED)) {
      id = project.projectId();
      assertThat(project.directory()).contains(dir.toAbsolutePath());
      assertThat(project.audit().eventsFor("project", id)).hasSize(1);
    }
    assertThat(Project.exists(dir)).isTrue();
    try (Project again = Project.openEmbedded(dir, false, TestClocks.FIXED)) {
      assertThat(again.projectId()).isEqualTo(id);
      assertThat(again.audit().eventsFor("project", id)).hasSize(1);
    }
  }

  @Test
  void aSecondOpenProjectOnTheSameFileKeepsWorkingWhenTheFirstCloses() throws Exception {
    Path dir = temp.resolve("shared-file");
    Project first = Project.openEmbedded(dir, true, TestClocks.FIXED);
    try (Project second = Project.openEmbedded(dir, false, TestClocks.FIXED)) {
      fillAndDropScratchTable(second, 240);
      first.close();
      assertThat(second.audit().eventsFor("project", second.projectId())).hasSize(1);
    }
    assertThat(java.nio.file.Files.size(dir.resolve("earmark.mv.db")))
        .isLessThan(EmbeddedCompaction.MIN_FILE_BYTES / 2);
  }

  /** Writes about 14 MB in many commits, then drops it: a file that is mostly free space. */
  private static void fillAndDropScratchTable(Project project, int commits) {
    String blob = "x".repeat(60_000);
    project.jdbi().useHandle(h -> h.execute("CREATE TABLE scratch (id INT, body VARCHAR(100000))"));
    for (int i = 0; i < commits; i++) {
      int row = i;
      project
          .jdbi()
          .useHandle(h -> h.execute("INSERT INTO scratch (id, body) VALUES (?, ?)", row, blob));
    }
    project.jdbi().useHandle(h -> h.execute("DROP TABLE scratch"));
  }

  @Test
  void missingProjectIsNotCreatedUnlessAsked() {
    Path dir = temp.resolve("nothing-here");
    assertThatThrownBy(() -> Project.openEmbedded(dir, false, TestClocks.FIXED))
        .isInstanceOf(StorageException.class)
        .hasMessageStartingWith("no Earmark project in " + dir)
        .hasMessageContaining("earmark demo --project");
    assertThat(dir).doesNotExist();
  }

  @Test
  void passwordsNeverAppearInMessages() {
    assertThat(Project.redact("jdbc:postgresql://db/earmark?user=a&password=s3cret&ssl=true"))
        .isEqualTo("jdbc:postgresql://db/earmark?user=a&password=***&ssl=true");
    assertThat(new Credentials("a", "s3cret".toCharArray()).toString()).doesNotContain("s3cret");
    assertThatThrownBy(
            () -> Project.openShared("jdbc:mysql://db?password=s3cret", null, TestClocks.FIXED))
        .hasMessageNotContaining("s3cret")
        .hasMessageContaining("PostgreSQL URL");
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource(
      delimiterString = " => ",
      textBlock =
          """
          jdbc:postgresql://ann:s3cret@db:5432/earmark => jdbc:postgresql://ann:***@db:5432/earmark
          jdbc:postgresql://ann:s3cret@db/earmark?ssl=true => jdbc:postgresql://ann:***@db/earmark?ssl=true
          jdbc:postgresql://db/earmark?password=s3cret => jdbc:postgresql://db/earmark?password=***
          jdbc:postgresql://db/earmark?user=a&password=s3cret => jdbc:postgresql://db/earmark?user=a&password=***
          jdbc:postgresql://db/earmark?PASSWORD=s3cret&ssl=1 => jdbc:postgresql://db/earmark?PASSWORD=***&ssl=1
          jdbc:postgresql://ann@db/earmark => jdbc:postgresql://ann@db/earmark
          jdbc:mysql://ann:s3cret@db/earmark => jdbc:mysql://ann:***@db/earmark
          """)
  void everyUrlFormOfAPasswordIsRedacted(String url, String shown) {
    assertThat(Project.redact(url)).isEqualTo(shown);
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource(
      delimiterString = " => ",
      textBlock =
          """
          jdbc:postgresql://ann:s3cret@127.0.0.1:1/earmark?connectTimeout=2 => jdbc:postgresql://ann:***@127.0.0.1:1/earmark?connectTimeout=2
          jdbc:postgresql://127.0.0.1:1/earmark?connectTimeout=2&password=s3cret => jdbc:postgresql://127.0.0.1:1/earmark?connectTimeout=2&password=***
          jdbc:postgresql://ann:s%33cret@127.0.0.1:1/earmark?connectTimeout=2 => jdbc:postgresql://ann:***@127.0.0.1:1/earmark?connectTimeout=2
          """)
  void aFailedConnectionNamesTheServerButNotThePassword(String url, String shown) {
    assertThatThrownBy(() -> Project.openShared(url, null, TestClocks.FIXED))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining(shown)
        .hasMessageNotContaining("s3cret")
        .satisfies(
            e -> {
              for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                assertThat(String.valueOf(cause.getMessage())).doesNotContain("s3cret");
              }
            });
  }

  @Test
  void unreachableServerIsOneSentence() {
    assertThatThrownBy(
            () ->
                Project.openShared(
                    "jdbc:postgresql://127.0.0.1:1/earmark?password=s3cret&connectTimeout=2",
                    new Credentials("u", "s3cret".toCharArray()),
                    TestClocks.FIXED))
        .isInstanceOf(StorageException.class)
        .hasMessageStartingWith("cannot open the project at jdbc:postgresql://127.0.0.1:1/earmark")
        .hasMessageNotContaining("s3cret");
  }
}
