package dev.earmark.app.cli.doc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earmark.app.cli.EarmarkCommand;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class CliReferenceTest {
  /** Surefire runs in the app module's directory; the docs live at the repository root. */
  private static final Path CLI_MD = Path.of("..", "docs", "cli.md");

  @Test
  void committedReferenceMatchesThePicocliDefinitions() throws Exception {
    String generated = CliReference.render(EarmarkCommand.commandLine());
    String committed = Files.exists(CLI_MD) ? Files.readString(CLI_MD, StandardCharsets.UTF_8) : "";
    assertThat(committed)
        .as(
            "docs/cli.md is out of date with the picocli definitions; regenerate it from the"
                + " repository root with: "
                + CliReference.REGENERATE_COMMAND)
        .isEqualTo(generated);
  }

  @Test
  void everyCommandAndSubcommandHasItsOwnSection() {
    String generated = CliReference.render(EarmarkCommand.commandLine());
    Deque<CommandLine> pending = new ArrayDeque<>();
    pending.push(EarmarkCommand.commandLine());
    int sections = 0;
    while (!pending.isEmpty()) {
      CommandLine command = pending.pop();
      assertThat(generated).contains("\n## " + command.getCommandSpec().qualifiedName() + "\n");
      sections++;
      command.getSubcommands().values().forEach(pending::push);
    }
    assertThat(sections).isGreaterThan(10);
    assertThat(generated).contains("## earmark audio info", "## earmark qe train");
  }

  @Test
  void outputDoesNotDependOnThisMachine() {
    String generated = CliReference.render(EarmarkCommand.commandLine());
    assertThat(generated)
        .doesNotContain(System.getProperty("user.home") + "/")
        .doesNotContain("${")
        .contains("`$EARMARK_PROJECT, else ~/.local/share/earmark/projects/default`");
  }

  @Test
  void subcommandsListTheirOptionsDefaultsAndTheExitCodes() {
    String generated = CliReference.render(EarmarkCommand.commandLine());
    String qeTrain = section(generated, "earmark qe train");
    assertThat(qeTrain)
        .contains("```text\nearmark qe train [-hV]")
        .contains("(default: `qe-model.qe`)")
        .contains("- `2`: bad usage or unreadable input")
        // Global options are documented once, on `earmark`, not repeated per subcommand.
        .doesNotContain("- `--db`");
    assertThat(section(generated, "earmark")).contains("- `--db` `JDBC_URL`");
  }

  @ParameterizedTest
  @CsvSource(
      textBlock =
          """
          '${env:EARMARK_USER:-${sys:user.name}}', '$EARMARK_USER, else your login name'
          '${sys:user.home}/x',                     '~/x'
          '${env:A}',                               '$A'
          '${sys:java.version}',                    'the system property java.version'
          'plain 0.15',                             'plain 0.15'
          """)
  void variablesBecomeWords(String written, String expected) {
    assertThat(CliReference.readable(written)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"earmark audio info, earmark-audio-info", "earmark, earmark"})
  void anchorsFollowGitHubHeadingIds(String heading, String anchor) {
    assertThat(CliReference.anchor(heading)).isEqualTo(anchor);
  }

  private static String section(String markdown, String command) {
    int start = markdown.indexOf("\n## " + command + "\n");
    assertThat(start).as("section for " + command).isNotNegative();
    int end = markdown.indexOf("\n## ", start + 1);
    return end < 0 ? markdown.substring(start) : markdown.substring(start, end);
  }
}
