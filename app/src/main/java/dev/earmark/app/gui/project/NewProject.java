package dev.earmark.app.gui.project;

import dev.earmark.storage.StorageException;
import dev.earmark.storage.identity.Identities;
import dev.earmark.storage.identity.OsAccount;
import dev.earmark.storage.project.Project;
import java.nio.file.Path;
import java.time.Clock;
import java.util.regex.Pattern;

/**
 * A project to create: its folder {@code parent/name} and the user who creates it, who becomes its
 * lead (and adjudicator), the way {@code earmark import} bootstraps the first user of a new
 * project. Immutable and thread-safe.
 *
 * @param parent the folder the project folder is made in
 * @param name the project folder's name
 * @param userId the creator, added as the project's first user
 */
public record NewProject(Path parent, String name, String userId) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._-]{0,79}");
  private static final Pattern USER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

  /** The project's folder. */
  public Path directory() {
    return parent.resolve(name.strip()).toAbsolutePath().normalize();
  }

  /** Whether {@code name} can be a project folder's name. */
  static boolean usableName(String name) {
    return name != null && NAME.matcher(name.strip()).matches();
  }

  /** Whether {@code userId} can be a user id (the rule {@code Users} applies). */
  static boolean usableUser(String userId) {
    return userId != null && USER.matcher(userId.strip()).matches();
  }

  /**
   * Creates the project and adds the creator as lead and adjudicator; blocks (run it in the
   * background). Refuses a folder that already holds a project, so that nothing is overwritten.
   *
   * @return the project's folder
   */
  public Path create(Clock clock) {
    return create(clock, OsAccount.system());
  }

  /** {@link #create(Clock)} with the creator mapped to the OS account {@code osAccount}. */
  public Path create(Clock clock, OsAccount osAccount) {
    Path directory = directory();
    if (Project.exists(directory)) {
      throw new StorageException(
          directory + " already holds an Earmark project: open it instead, or choose another name");
    }
    try (Project project = Project.openEmbedded(directory, true, clock)) {
      String user = userId.strip();
      new Identities(project).createFirstLead(osAccount, user);
    }
    return directory;
  }
}
