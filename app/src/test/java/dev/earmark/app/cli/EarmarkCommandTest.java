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
}
