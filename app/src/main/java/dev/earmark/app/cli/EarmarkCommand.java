package dev.earmark.app.cli;

import dev.earmark.app.gui.WorkbenchLauncher;
import dev.earmark.storage.identity.OsAccount;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * {@code earmark}: without a subcommand it opens the workbench on the project; with one it runs
 * headless. Errors become one line on stderr and an exit code from {@link ExitCode}; stack traces
 * appear only with {@code --debug}.
 */
@Command(
    name = "earmark",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Offline-first workbench for labeling speech data and adjudicating disagreements.",
      "Without a subcommand, opens the workbench on --project, else on the last project opened;"
          + " the first time, on the demo project (see 'earmark demo')."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:the data failed a check",
      "2:bad usage or unreadable input",
      "3:internal error (re-run with --debug)"
    })
public final class EarmarkCommand implements Callable<Integer> {
  /**
   * Every subcommand, in the order help lists them. Not in the annotation: a command line for one
   * subcommand builds only that one (see {@link #commandLine(Clock, String[])}).
   */
  private static final List<Class<?>> SUBCOMMANDS =
      List.of(
          AdjudicateCommand.class,
          AgreementCommand.class,
          AssignCommand.class,
          AudioCommand.class,
          AuditCommand.class,
          DemoCommand.class,
          DiffCommand.class,
          DisputesCommand.class,
          ExportCommand.class,
          ImportCommand.class,
          LabelsCommand.class,
          PackCommand.class,
          PolicyCommand.class,
          PolicyDiffCommand.class,
          QeCommand.class,
          QueueCommand.class,
          RubricCommand.class,
          RulesCommand.class,
          SettingsCommand.class,
          StatusCommand.class,
          TtsCommand.class,
          UsersCommand.class,
          VerifyCommand.class,
          WerCommand.class);

  @Mixin GlobalOptions global = new GlobalOptions();

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    boolean named =
        spec.commandLine().getParseResult().hasMatchedOption("--project")
            || System.getenv("EARMARK_PROJECT") != null;
    return WorkbenchLauncher.open(
        global.project(),
        named,
        GlobalOptions.defaultProject(),
        global.user(),
        spec.commandLine().getErr());
  }

  /** Builds the command line with every subcommand, on the system clock; used by {@link #run}. */
  public static CommandLine commandLine() {
    return commandLine(Clock.systemUTC());
  }

  /**
   * Builds the command line with every subcommand; every command reads "now" from {@code clock}
   * (tests pass a fixed one).
   */
  public static CommandLine commandLine(Clock clock) {
    return commandLine(clock, SUBCOMMANDS);
  }

  /**
   * The command line for {@code args}: with only the subcommand they name when it is a known one,
   * with none when they open the workbench or ask for the version, else (help, a mistyped name)
   * with every subcommand. Picocli reads every option of every command it is given, and for one
   * command that was most of a short command's run (docs/BENCHMARKS.md, #22); what a command line
   * parses and prints is the same either way.
   */
  static CommandLine commandLine(Clock clock, String[] args) {
    String word = null;
    boolean asksForHelp = false;
    boolean skipValue = false;
    for (String arg : args) {
      if (skipValue) {
        skipValue = false;
      } else if (GLOBAL_OPTIONS_WITH_VALUE.contains(arg)) {
        skipValue = true;
      } else if (arg.startsWith("-")) {
        asksForHelp |= HELP_OPTIONS.contains(arg);
      } else {
        word = arg;
        break;
      }
    }
    if (word == null) {
      return commandLine(clock, asksForHelp ? SUBCOMMANDS : List.of());
    }
    String named = word;
    return commandLine(
        clock,
        SUBCOMMANDS.stream()
            .filter(type -> type.getAnnotation(Command.class).name().equals(named))
            .findFirst()
            .map(List::<Class<?>>of)
            .orElse(SUBCOMMANDS));
  }

  /** The global options followed by a separate value: {@code --project DIR} and the like. */
  private static final Set<String> GLOBAL_OPTIONS_WITH_VALUE =
      Set.of("--project", "--db", "--user");

  /** The root's usage lists every subcommand; its version needs none. */
  private static final Set<String> HELP_OPTIONS = Set.of("-h", "--help");

  private static CommandLine commandLine(Clock clock, List<Class<?>> subcommands) {
    EarmarkCommand root = new EarmarkCommand();
    root.global.clock(clock);
    CommandLine commandLine = new CommandLine(root);
    if (subcommands.equals(SUBCOMMANDS)) {
      commandLine.addSubcommand(new CommandLine.HelpCommand()); // "earmark help wer"
    }
    for (Class<?> subcommand : subcommands) {
      commandLine.addSubcommand(subcommand);
    }
    return commandLine
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setParameterExceptionHandler(EarmarkCommand::onBadUsage)
        .setExecutionExceptionHandler(EarmarkCommand::onFailure);
  }

  /**
   * Runs one command line and returns its exit code; never calls {@code System.exit}.
   *
   * <p>{@code out} belongs to the command's own output (a {@code --json} object must be all it
   * holds), so while the command runs {@code System.out} is taken from third-party libraries that
   * print on it (jflac prints decoder debug lines such as {@code readResidual elsecase}): their
   * lines go to {@code err} with {@code --debug} and nowhere otherwise. {@code System.out} is
   * restored afterwards.
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, out, err, Clock.systemUTC(), OsAccount.system());
  }

  /** Runs one command line on {@code clock} and returns its exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err, Clock clock) {
    return run(args, out, err, clock, OsAccount.system());
  }

  /**
   * {@link #run(String[], PrintStream, PrintStream)} as the OS account {@code osAccount} (tests
   * pass a fixed one so that no outcome depends on who runs them).
   */
  public static int run(String[] args, PrintStream out, PrintStream err, OsAccount osAccount) {
    return run(args, out, err, Clock.systemUTC(), osAccount);
  }

  /** Runs one command line on {@code clock} as the OS account {@code osAccount}. */
  public static int run(
      String[] args, PrintStream out, PrintStream err, Clock clock, OsAccount osAccount) {
    boolean debug = java.util.Arrays.asList(args).contains("--debug");
    if (debug) {
      // Before any library creates its logger: slf4j-simple reads this once.
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
    }
    // Swapped before the CommandLine exists: picocli replaces a writer set with setOut when it
    // sees System.out change under it.
    PrintStream processOut = System.out;
    System.setOut(debug ? err : new PrintStream(OutputStream.nullOutputStream()));
    try {
      CommandLine commandLine = commandLine(clock, args);
      ((EarmarkCommand) commandLine.getCommand()).global.osAccount = osAccount;
      commandLine.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
      commandLine.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
      return commandLine.execute(args);
    } finally {
      System.setOut(processOut);
    }
  }

  private static int onBadUsage(ParameterException e, String[] args) {
    CommandLine failed = e.getCommandLine();
    PrintWriter err = failed.getErr();
    String name = failed.getCommandSpec().qualifiedName();
    err.println(name + ": " + e.getMessage() + " (see '" + name + " --help')");
    err.flush();
    return ExitCode.BAD_INPUT;
  }

  private static int onFailure(Exception e, CommandLine failed, ParseResult parseResult) {
    PrintWriter err = failed.getErr();
    String name = failed.getCommandSpec().qualifiedName();
    EarmarkCommand root = failed.getCommandSpec().root().commandLine().getCommand();
    boolean debug = root.global != null && root.global.debug();
    int code;
    if (isUserError(e)) {
      err.println(name + ": " + e.getMessage());
      code = ExitCode.BAD_INPUT;
    } else {
      err.println(
          name
              + ": internal error: "
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage())
              + (debug ? "" : " (re-run with --debug for details)"));
      code = ExitCode.INTERNAL_ERROR;
    }
    if (debug) {
      e.printStackTrace(err);
    }
    err.flush();
    return code;
  }

  /** Errors whose message is a sentence for the user, not a defect in Earmark. */
  private static boolean isUserError(Exception e) {
    return e instanceof InputException
        || e instanceof dev.earmark.engine.EngineException
        || e instanceof dev.earmark.audio.AudioException
        || e instanceof dev.earmark.storage.StorageException;
  }
}
