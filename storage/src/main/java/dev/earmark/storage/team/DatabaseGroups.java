package dev.earmark.storage.team;

import dev.earmark.storage.StorageException;
import dev.earmark.storage.user.Role;
import dev.earmark.storage.user.User;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;

/**
 * Team mode (issue 18): keeps the PostgreSQL group memberships of a user's own database logins in
 * step with the user's roles, inside the transaction that changes them. A login mapped to the user
 * (a {@code user_accounts} row of kind {@code db}) is a member of the group role of each Earmark
 * role the user holds while active ({@code DATABASE_ROLE}, e.g. {@code earmark_team_annotator}, as
 * {@code TeamLogins} creates them), and of no group once deactivated. Does nothing on the embedded
 * database or for users without a database login. Stateless.
 */
final class DatabaseGroups {
  /** The login names Earmark maps (as {@code TeamLogins} checks them): used without quoting. */
  private static final Pattern ROLE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private DatabaseGroups() {}

  /**
   * Grants and revokes the group memberships of {@code user}'s database logins to match {@code
   * user}; a failure (the acting login may not manage the groups) fails the caller's transaction,
   * so the role change and the database's permissions never disagree.
   */
  static void follow(Handle handle, User user) {
    if (!postgres(handle)) {
      return;
    }
    List<String> logins =
        handle
            .createQuery("SELECT account FROM user_accounts WHERE user_id = :id AND kind = 'db'")
            .bind("id", user.id())
            .mapTo(String.class)
            .list();
    if (logins.isEmpty()) {
      return;
    }
    String database = handle.createQuery("SELECT current_database()").mapTo(String.class).one();
    List<String> statements = new ArrayList<>();
    for (String login : logins) {
      if (!ROLE_NAME.matcher(login).matches()) {
        continue; // never mapped by Earmark; not a name to put into SQL
      }
      for (Role role : Role.values()) {
        String group = (database + "_" + role.code()).toLowerCase(Locale.ROOT);
        boolean exists =
            handle
                    .createQuery("SELECT COUNT(*) FROM pg_roles WHERE rolname = :group")
                    .bind("group", group)
                    .mapTo(Long.class)
                    .one()
                > 0;
        boolean member = user.active() && user.roles().contains(role);
        if (!exists) {
          if (member) {
            throw new StorageException(
                "the database has no group role "
                    + group
                    + " for "
                    + user.id()
                    + "'s login "
                    + login
                    + "; run 'earmark users login "
                    + user.id()
                    + " --db-role "
                    + login
                    + "' (or the SQL of 'users login --print-sql') first");
          }
          continue;
        }
        statements.add(
            member ? "GRANT " + group + " TO " + login : "REVOKE " + group + " FROM " + login);
      }
    }
    for (String statement : statements) {
      try {
        handle.execute(statement);
      } catch (RuntimeException e) {
        throw new StorageException(
            "nothing was changed: your database login may not change the group memberships of "
                + user.id()
                + "'s login (it needs CREATEROLE and ADMIN on the project's group roles); connect"
                + " with the login that created the project's logins, or ask a DBA to run: "
                + String.join("; ", statements),
            e);
      }
    }
  }

  private static boolean postgres(Handle handle) {
    try {
      return handle
          .getConnection()
          .getMetaData()
          .getDatabaseProductName()
          .equalsIgnoreCase("PostgreSQL");
    } catch (SQLException e) {
      throw new StorageException("cannot tell which database this project is on", e);
    }
  }
}
