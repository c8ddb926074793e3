package dev.earmark.storage.identity;

import dev.earmark.storage.PermissionDeniedException;
import dev.earmark.storage.StorageException;
import dev.earmark.storage.StoredTime;
import dev.earmark.storage.access.Access;
import dev.earmark.storage.audit.AuditAction;
import dev.earmark.storage.audit.AuditLog;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.settings.ProjectSettings;
import dev.earmark.storage.settings.Setting;
import dev.earmark.storage.team.Users;
import dev.earmark.storage.user.Actor;
import dev.earmark.storage.user.Role;
import dev.earmark.storage.user.User;
import java.util.EnumSet;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Signs a person in: the one place the command line and the workbench get the {@link Actor} they
 * pass to the storage services.
 *
 * <ul>
 *   <li><b>Embedded project</b>: the OS account is the identity. Each user may be mapped to one OS
 *       account (table {@code user_accounts}, kind {@code os}); {@code --user} is accepted only
 *       when it names the user the running OS account is mapped to. The creator of a project is
 *       mapped to their account; a lead maps the others ({@link #mapOsAccount}). A project made
 *       before mappings existed adopts the first OS account that opens it as the user of the same
 *       name (or the one it names with {@code --user}), once.
 *   <li><b>Training sandbox</b> (the demo, or a project a lead marks with {@link
 *       Setting#TRAINING_SANDBOX}): anyone may act as any user, which is how the demo shows the
 *       roles. Nothing there is evidence of who did what.
 *   <li><b>Team project</b> on PostgreSQL: the database login proves identity; see {@link
 *       TeamLogins}.
 * </ul>
 *
 * <p>A refusal names no user other than the one the caller asked for. Thread-safe.
 */
public final class Identities {
  /** {@code user_accounts.kind} of an OS account. */
  static final String OS = "os";

  /** {@code user_accounts.kind} of a PostgreSQL login. */
  static final String DB = "db";

  private final Project project;
  private final ProjectSettings settings;

  public Identities(Project project) {
    this.project = project;
    this.settings = new ProjectSettings(project);
  }

  /**
   * The actor the running person may act as.
   *
   * @param os the OS account running Earmark (embedded projects)
   * @param claimed the user named with {@code --user} (or $EARMARK_USER, or the workbench's
   *     choice), if any
   * @throws PermissionDeniedException when the OS account (or database login) may not act as the
   *     claimed user, or is no user of the project; the message names no other user
   */
  public Actor signIn(OsAccount os, Optional<String> claimed) {
    if (project.directory().isEmpty()) {
      return new TeamLogins(project).signIn(claimed, os.name());
    }
    String account = os.name();
    Users users = project.users();
    if (users.list().isEmpty()) {
      return createFirstLead(os, claimed.orElse(account));
    }
    Optional<String> mapped = userOf(OS, account);
    if (sandbox()) {
      return users.actor(claimed.orElse(mapped.orElse(account)));
    }
    if (mapped.isPresent()) {
      if (claimed.isPresent() && !claimed.get().equals(mapped.get())) {
        throw new PermissionDeniedException(
            "your OS account '"
                + account
                + "' may not act as '"
                + claimed.get()
                + "' in this project; run without --user, or ask the project's lead to map the"
                + " account with 'earmark users map "
                + claimed.get()
                + " --os-account "
                + account
                + "'");
      }
      return users.actor(mapped.get());
    }
    String wanted = claimed.orElse(account);
    if (!anyMapped(OS) && users.find(wanted).isPresent()) {
      // A project made before OS accounts were recorded: trust on first use, once.
      map(Actor.system(), AuditAction.IDENTITY_ADOPT, wanted, OS, account);
      return users.actor(wanted);
    }
    throw new PermissionDeniedException(
        "your OS account '"
            + account
            + "' is not mapped to a user of this project; ask the project's lead to run 'earmark"
            + " users map YOUR-USER --os-account "
            + account
            + "'");
  }

  /**
   * Adds {@code userId} as the lead (and adjudicator) of a project that has no users yet, mapped to
   * the OS account {@code os}; refused once the project has users.
   */
  public Actor createFirstLead(OsAccount os, String userId) {
    User user =
        project
            .users()
            .add(Actor.system(), userId, userId, EnumSet.of(Role.LEAD, Role.ADJUDICATOR));
    if (project.directory().isPresent()) {
      map(user.asActor(), AuditAction.USER_MAP_OS_ACCOUNT, userId, OS, os.name());
    }
    return project.users().actor(userId);
  }

  /**
   * Maps the OS account {@code osAccount} to user {@code userId} (lead only; audited as {@code
   * user.map-os-account}). The account's earlier user, and the user's earlier account, lose that
   * mapping: one account is one user.
   */
  public void mapOsAccount(Actor lead, String userId, String osAccount) {
    if (osAccount == null || osAccount.isBlank()) {
      throw new StorageException("an OS account name cannot be empty");
    }
    project
        .jdbi()
        .useTransaction(handle -> Access.require(handle, lead, "map OS accounts", Role.LEAD));
    if (project.users().find(userId).isEmpty()) {
      throw new StorageException(
          "no user '" + userId + "' in this project; add the user before mapping an OS account");
    }
    map(lead, AuditAction.USER_MAP_OS_ACCOUNT, userId, OS, osAccount.strip());
  }

  /** The user the OS account {@code osAccount} is mapped to, if any. */
  public Optional<String> userOfOsAccount(String osAccount) {
    return userOf(OS, osAccount);
  }

  /** The OS account user {@code userId} is mapped to, if any. */
  public Optional<String> osAccountOf(String userId) {
    return project
        .jdbi()
        .withHandle(
            handle ->
                handle
                    .createQuery(
                        "SELECT account FROM user_accounts WHERE kind = :kind AND user_id = :user")
                    .bind("kind", OS)
                    .bind("user", userId)
                    .mapTo(String.class)
                    .findOne());
  }

  /**
   * Whether this project is a training sandbox (the demo, or marked by a lead): only there may the
   * workbench offer "Act as" and {@code --user} name any user.
   */
  public boolean sandbox() {
    return settings.flag(Setting.TRAINING_SANDBOX);
  }

  /** Marks or unmarks the project as a training sandbox (lead only; audited as a setting). */
  public void setSandbox(Actor lead, boolean on) {
    settings.set(lead, Setting.TRAINING_SANDBOX, on);
  }

  private Optional<String> userOf(String kind, String account) {
    return project.jdbi().withHandle(handle -> userOf(handle, kind, account));
  }

  static Optional<String> userOf(Handle handle, String kind, String account) {
    return handle
        .createQuery("SELECT user_id FROM user_accounts WHERE kind = :kind AND account = :account")
        .bind("kind", kind)
        .bind("account", account)
        .mapTo(String.class)
        .findOne();
  }

  private boolean anyMapped(String kind) {
    return project
        .jdbi()
        .withHandle(
            handle ->
                handle
                        .createQuery("SELECT COUNT(*) FROM user_accounts WHERE kind = :kind")
                        .bind("kind", kind)
                        .mapTo(Long.class)
                        .one()
                    > 0);
  }

  /** Records that {@code account} of {@code kind} is {@code userId}, replacing older mappings. */
  void map(Actor by, AuditAction action, String userId, String kind, String account) {
    project.jdbi().useTransaction(handle -> map(handle, by, action, userId, kind, account));
  }

  void map(
      Handle handle, Actor by, AuditAction action, String userId, String kind, String account) {
    Optional<String> before = userOf(handle, kind, account);
    handle
        .createUpdate(
            "DELETE FROM user_accounts WHERE kind = :kind AND (account = :account OR user_id ="
                + " :user)")
        .bind("kind", kind)
        .bind("account", account)
        .bind("user", userId)
        .execute();
    handle
        .createUpdate(
            "INSERT INTO user_accounts (kind, account, user_id, mapped_at, mapped_by)"
                + " VALUES (:kind, :account, :user, :at, :by)")
        .bind("kind", kind)
        .bind("account", account)
        .bind("user", userId)
        .bind("at", StoredTime.now(project.clock()))
        .bind("by", by.userId())
        .execute();
    project
        .audit()
        .append(
            handle,
            by,
            action.changed(
                userId,
                before
                    .map(
                        old ->
                            AuditLog.json()
                                .createObjectNode()
                                .put("kind", kind)
                                .put("account", account)
                                .put("user", old))
                    .orElse(null),
                AuditLog.json()
                    .createObjectNode()
                    .put("kind", kind)
                    .put("account", account)
                    .put("user", userId)));
  }
}
