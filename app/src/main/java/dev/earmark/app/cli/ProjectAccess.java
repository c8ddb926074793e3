package dev.earmark.app.cli;

import dev.earmark.storage.identity.Identities;
import dev.earmark.storage.project.Credentials;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.user.Actor;
import java.io.Console;
import java.time.Clock;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * Opens the project the global options name: {@code --db} (team mode, credentials from
 * EARMARK_DB_USER / EARMARK_DB_PASSWORD or a prompt on the terminal) or else {@code --project}.
 */
final class ProjectAccess {
  private ProjectAccess() {}

  /** Opens an existing project; a missing one is an error that says how to create it. */
  static Project openExisting(GlobalOptions global) {
    return open(global, false);
  }

  /** Opens the project, creating an embedded one when the directory holds none yet. */
  static Project openOrCreate(GlobalOptions global) {
    return open(global, true);
  }

  /**
   * The acting user, proved by the OS account (embedded project) or the database login (team mode);
   * {@code --user} is accepted only when it names that user, except in a training sandbox. In a
   * project with no users yet, the user is added as its lead, mapped to the OS account.
   */
  static Actor actor(Project project, GlobalOptions global) {
    return new Identities(project).signIn(global.osAccount(), Optional.ofNullable(global.user()));
  }

  /** The global options of the command line {@code spec} belongs to. */
  static GlobalOptions global(CommandSpec spec) {
    return ((EarmarkCommand) spec.root().userObject()).global;
  }

  /**
   * Whether the command line names a project ({@code --project} or {@code --db}, anywhere on it, or
   * $EARMARK_PROJECT): commands that also work without one (rubric and rule-set lists) then add the
   * project's published versions.
   */
  static boolean projectNamed(CommandSpec spec) {
    ParseResult result = spec.root().commandLine().getParseResult();
    while (result != null) {
      if (result.hasMatchedOption("--project") || result.hasMatchedOption("--db")) {
        return true;
      }
      result = result.subcommand();
    }
    return System.getenv("EARMARK_PROJECT") != null;
  }

  /**
   * Whether the command line itself names a project ({@code --project} or {@code --db}, anywhere on
   * it); unlike {@link #projectNamed}, $EARMARK_PROJECT does not count.
   */
  static boolean projectGiven(CommandSpec spec) {
    ParseResult result = spec.root().commandLine().getParseResult();
    while (result != null) {
      if (result.hasMatchedOption("--project") || result.hasMatchedOption("--db")) {
        return true;
      }
      result = result.subcommand();
    }
    return false;
  }

  private static Project open(GlobalOptions global, boolean create) {
    Clock clock = global.clock();
    if (global.db() != null) {
      Credentials credentials = credentials();
      try {
        return Project.openShared(global.db(), credentials, clock);
      } finally {
        if (credentials != null) {
          credentials.erase();
        }
      }
    }
    return Project.openEmbedded(global.project(), create, clock);
  }

  private static Credentials credentials() {
    String user = System.getenv("EARMARK_DB_USER");
    String password = System.getenv("EARMARK_DB_PASSWORD");
    if (password != null) {
      return new Credentials(user, password.toCharArray());
    }
    Console console = System.console();
    if (user != null && console != null) {
      return new Credentials(user, console.readPassword("Password for %s: ", user));
    }
    return user == null ? null : new Credentials(user, new char[0]);
  }
}
