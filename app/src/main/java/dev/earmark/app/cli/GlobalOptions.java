package dev.earmark.app.cli;

import dev.earmark.storage.identity.OsAccount;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Options every subcommand accepts, before or after the subcommand name. Picocli binds an inherited
 * option to this one instance wherever it is written on the command line.
 */
public final class GlobalOptions {
  /** The default project's directory, relative to the user's home. */
  public static final String DEFAULT_PROJECT = ".local/share/earmark/projects/default";

  @Option(
      names = "--project",
      paramLabel = "DIR",
      scope = ScopeType.INHERIT,
      description = "Project directory (embedded H2 database). Default: ${DEFAULT-VALUE}.",
      defaultValue = "${env:EARMARK_PROJECT:-${sys:user.home}/" + DEFAULT_PROJECT + "}")
  Path project;

  @Option(
      names = "--db",
      paramLabel = "JDBC_URL",
      scope = ScopeType.INHERIT,
      description =
          "Shared PostgreSQL database for team mode, e.g. jdbc:postgresql://host/earmark. "
              + "Credentials come from EARMARK_DB_USER / EARMARK_DB_PASSWORD or a prompt.")
  String db;

  @Option(
      names = "--user",
      paramLabel = "NAME",
      scope = ScopeType.INHERIT,
      description =
          "Who is acting (audit events name them). Default: $EARMARK_USER, else the user your OS"
              + " account (or, in team mode, your database login) is mapped to. Accepted only when"
              + " it is that user, except in the demo and other training sandboxes. The creator"
              + " of a new project becomes its lead.",
      defaultValue = "${env:EARMARK_USER}")
  String user;

  @Option(
      names = "--debug",
      scope = ScopeType.INHERIT,
      description = "Print stack traces and debug logs.")
  boolean debug;

  /** The clock every command reads "now" from: the system's, or a fixed one a test passes in. */
  private Clock clock = Clock.systemUTC();

  /** The default project location (without $EARMARK_PROJECT): {@link #DEFAULT_PROJECT} at home. */
  public static Path defaultProject() {
    return Path.of(System.getProperty("user.home")).resolve(DEFAULT_PROJECT);
  }

  public Path project() {
    return project;
  }

  public String db() {
    return db;
  }

  public String user() {
    return user;
  }

  /** The OS account running this command (tests fix it; see {@link EarmarkCommand#run}). */
  OsAccount osAccount = OsAccount.system();

  /** Who runs Earmark, for the embedded project's identity check. */
  public OsAccount osAccount() {
    return osAccount;
  }

  public boolean debug() {
    return debug;
  }

  public Clock clock() {
    return clock;
  }

  void clock(Clock clock) {
    this.clock = clock;
  }
}
