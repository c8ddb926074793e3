package dev.earmark.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earmark.app.TestClocks;
import dev.earmark.storage.identity.OsAccount;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EarmarkCommandTest {
  record Result(int code, String out, String err) {}

  /** The OS account every command-line test runs as, whoever runs the suite. */
  static final OsAccount OS_ACCOUNT = OsAccount.fixed("earmark-test");

  /** Runs {@code args} in-process on the tests' fixed clock as {@link #OS_ACCOUNT}. */
  static Result run(String... args) {
    return runAs(OS_ACCOUNT, args);
  }

  /** Runs one command line on the tests' fixed clock as the OS account {@code account}. */
  static Result runAs(OsAccount account, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        EarmarkCommand.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            TestClocks.FIXED,
            account);
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void versionNamesTheBuiltVersion() {
    Result result = run("--version");
    assertThat(result.code()).isZero();
    assertThat(result.out()).startsWith("earmark 0.");
  }

  @Test
  void helpListsTheExitCodes() {
    Result result = run("--help");
    assertThat(result.code()).isZero();
    assertThat(result.out()).contains("Usage: earmark").contains("bad usage or unreadable input");
  }

  @Test
  void globalOptionsAreAcceptedBeforeAndAfterTheSubcommand() {
    assertThat(run("--project", "/tmp/p", "help").code()).isZero();
    assertThat(run("help", "--project", "/tmp/p").code()).isZero();
    EarmarkCommand before = parse("--project", "/tmp/a", "help");
    EarmarkCommand after = parse("help", "--project", "/tmp/b", "--debug");
    assertThat(before.global.project()).hasToString("/tmp/a");
    assertThat(after.global.project()).hasToString("/tmp/b");
    assertThat(after.global.debug()).isTrue();
  }

  private static EarmarkCommand parse(String... args) {
    picocli.CommandLine commandLine = EarmarkCommand.commandLine();
    commandLine.parseArgs(args);
    return commandLine.getCommand();
  }

  @Test
  void unknownSubcommandIsBadUsageOnOneLine() {
    Result result = run("frobnicate");
    assertThat(result.code()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(result.err().strip().lines()).hasSize(1);
    assertThat(result.err()).contains("frobnicate").doesNotContain("Exception");
  }

  @Test
  void aCommandLineForOneSubcommandBuildsOnlyThatOne() {
    assertThat(subcommandsFor("--project", "/tmp/p", "wer", "--input", "x.tsv"))
        .containsOnly("wer");
    assertThat(subcommandsFor("--user=lea", "--debug", "audio", "peaks")).containsOnly("audio");
    // The workbench and the version need none; help and a mistyped name need them all.
    assertThat(subcommandsFor("--project", "/tmp/p")).isEmpty();
    assertThat(subcommandsFor("--version")).isEmpty();
    assertThat(subcommandsFor("--help"))
        .contains("help", "wer", "users", "export")
        .containsExactlyElementsOf(subcommandsFor("frobnicate"))
        .containsExactlyElementsOf(subcommandsFor("help", "wer"))
        .containsExactlyElementsOf(EarmarkCommand.commandLine().getSubcommands().keySet());
  }

  @Test
  void aSubcommandBuiltAloneParsesItsOptionsAndTheGlobalOnesAsInTheWholeTree() {
    String[] args = {"--project", "/tmp/a", "users", "add", "ann", "--role", "annotator"};
    picocli.CommandLine alone = EarmarkCommand.commandLine(TestClocks.FIXED, args);
    picocli.CommandLine whole = EarmarkCommand.commandLine(TestClocks.FIXED);
    assertThat(matched(alone.parseArgs(args))).isEqualTo(matched(whole.parseArgs(args)));
    assertThat(((EarmarkCommand) alone.getCommand()).global.project()).hasToString("/tmp/a");
  }

  private static java.util.Set<String> subcommandsFor(String... args) {
    return EarmarkCommand.commandLine(TestClocks.FIXED, args).getSubcommands().keySet();
  }

  /** Each command the parse went through, with the options it matched and their values. */
  private static String matched(picocli.CommandLine.ParseResult result) {
    StringBuilder out = new StringBuilder();
    for (picocli.CommandLine.ParseResult at = result; at != null; at = at.subcommand()) {
      out.append(at.commandSpec().qualifiedName()).append(':');
      at.matchedOptions()
          .forEach(
              option ->
                  out.append(' ')
                      .append(option.longestName())
                      .append('=')
                      .append((Object) option.getValue()));
      at.matchedPositionals().forEach(p -> out.append(' ').append((Object) p.getValue()));
      out.append('\n');
    }
    return out.toString();
  }
}
