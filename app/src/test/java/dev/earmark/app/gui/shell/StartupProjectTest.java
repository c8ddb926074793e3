package dev.earmark.app.gui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StartupProjectTest {
  private static final Path DEFAULT = Path.of("/home/u/.local/share/earmark/projects/default");

  @ParameterizedTest(name = "named={0} last={1} existing={2} -> {3} demo={4}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
          # named        | last        | existing projects            | opens       | demo
          -              | -           | -                            | DEFAULT     | true
          -              | -           | DEFAULT                      | DEFAULT     | false
          -              | /p/last     | /p/last                      | /p/last     | false
          -              | /p/last     | DEFAULT                      | DEFAULT     | false
          -              | /p/gone     | -                            | DEFAULT     | true
          /p/named       | /p/last     | /p/last                      | /p/named    | false
          /p/named       | -           | -                            | /p/named    | false
          /p/x/../named  | -           | /p/named                     | /p/named    | false
          DEFAULT        | /p/last     | /p/last                      | DEFAULT     | true
          """)
  void theNamedThenTheLastThenTheDefaultProjectOpensAndOnlyAMissingDefaultGetsTheDemo(
      String named, String last, String existing, String opens, boolean demo) {
    Set<Path> projects =
        existing == null
            ? Set.of()
            : Arrays.stream(existing.split(","))
                .map(StartupProjectTest::path)
                .collect(Collectors.toSet());

    StartupProject.Choice choice =
        StartupProject.choose(
            Optional.ofNullable(named).map(StartupProjectTest::path),
            DEFAULT,
            Optional.ofNullable(last).map(StartupProjectTest::path),
            projects::contains);

    assertThat(choice).isEqualTo(new StartupProject.Choice(path(opens), demo));
  }

  private static Path path(String text) {
    return "DEFAULT".equals(text.strip()) ? DEFAULT : Path.of(text.strip());
  }

  @Test
  void theLastProjectIsRememberedUnderTheXdgConfigFolderOrDotConfig(@TempDir Path dir)
      throws Exception {
    assertThat(StartupProject.lastProjectFile(Map.of("XDG_CONFIG_HOME", "/x/cfg"), "/home/u"))
        .isEqualTo(Path.of("/x/cfg/earmark/last-project"));
    assertThat(StartupProject.lastProjectFile(Map.of("XDG_CONFIG_HOME", ""), "/home/u"))
        .isEqualTo(Path.of("/home/u/.config/earmark/last-project"));
    assertThat(StartupProject.lastProjectFile(Map.of(), "/home/u"))
        .isEqualTo(Path.of("/home/u/.config/earmark/last-project"));

    Path file = dir.resolve("cfg/earmark/last-project");
    assertThat(StartupProject.readLast(file)).isEmpty();
    StartupProject.remember(file, dir.resolve("a/../projects/one"));
    assertThat(StartupProject.readLast(file)).contains(dir.resolve("projects/one"));
    Files.writeString(file, "  \n");
    assertThat(StartupProject.readLast(file)).isEmpty();
  }
}
