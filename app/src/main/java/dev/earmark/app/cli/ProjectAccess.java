package dev.earmark.app.cli;

import dev.earmark.storage.identity.Identities;
import dev.earmark.storage.project.Credentials;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.user.Actor;
import java.io.Console;
import java.time.Clock;
import java.util.Optional;

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

  private static Project open(GlobalOptions global, boolean create) {
    Clock clock = Clock.systemUTC();
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
