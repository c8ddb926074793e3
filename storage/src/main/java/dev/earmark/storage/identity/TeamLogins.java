package dev.earmark.storage.identity;

import dev.earmark.storage.PermissionDeniedException;
import dev.earmark.storage.StorageException;
import dev.earmark.storage.access.Access;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.user.Actor;
import dev.earmark.storage.user.Role;
import dev.earmark.storage.user.User;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Team mode: the PostgreSQL login is the identity, and the database enforces what it may do.
 *
 * <p>A lead gives each person their own PostgreSQL role ({@link #createLogin}, or {@link #grantSql}
 * for a DBA to run): the role joins the project's group roles for the person's Earmark roles, whose
 * privileges follow what the workbench lets each role do, and the row-level security policies of
 * migration V11 (PostgreSQL only) keep an annotator to their own labels. Audit events are
 * insert-only for every group.
 *
 * <p>Signing in: the PostgreSQL login is the identity. Once a lead has given anyone a per-person
 * login (a {@code user_accounts} row of kind {@code db}), every session must come from a mapped
 * login, and acts as the user that login is mapped to; {@code --user} can only repeat it. Before
 * that the project runs on one shared login and {@code --user} is a claim nobody checks (ADR 14
 * says what that leaves open). Thread-safe.
 */
public final class TeamLogins {
  private final Project project;

  public TeamLogins(Project project) {
    this.project = project;
  }

  Actor signIn(Optional<String> claimed, String fallbackUser) {
    String login =
        project
            .jdbi()
            .withHandle(h -> h.createQuery("SELECT session_user").mapTo(String.class).one());
    Optional<String> mapped =
        project.jdbi().withHandle(h -> Identities.userOf(h, Identities.DB, login));
    if (mapped.isPresent()) {
      if (claimed.isPresent() && !claimed.get().equals(mapped.get())) {
        throw new PermissionDeniedException(
            "your database login '"
                + login
                + "' may not act as '"
                + claimed.get()
                + "'; run without --user, or connect with that person's own login");
      }
      return project.users().actor(mapped.get());
    }
    boolean perPerson =
        project
            .jdbi()
            .withHandle(
                h ->
                    h.createQuery("SELECT COUNT(*) FROM user_accounts WHERE kind = :kind")
                            .bind("kind", Identities.DB)
                            .mapTo(Long.class)
                            .one()
                        > 0);
    if (perPerson) {
      throw new PermissionDeniedException(
          "your database login '"
              + login
              + "' is not mapped to a user of this project; ask the project's lead to run 'earmark"
              + " users login YOUR-USER --db-role "
              + login
              + "'");
    }
    // A shared login: nothing proves who is acting (ADR 14).
    String wanted = claimed.orElse(fallbackUser);
    if (project.users().list().isEmpty()) {
      return new Identities(project).createFirstLead(() -> fallbackUser, wanted);
    }
    return project.users().actor(wanted);
  }

  /** A PostgreSQL role name Earmark creates or maps without quoting. */
  private static final Pattern ROLE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  /** Tables every group reads. */
  private static final List<String> READ_ALL =
      List.of(
          "project_meta",
          "users",
          "user_roles",
          "user_accounts",
          "datasets",
          "import_runs",
          "clips",
          "rubric_versions",
          "rule_set_versions",
          "label_policies",
          "policy_changes",
          "project_settings",
          "tts_sessions",
          "tts_session_items",
          "assignments",
          "qe_models",
          "qe_hints",
          "qe_drift",
          "flyway_schema_history",
          "audit_head");

  /** Tables only leads write (policies, users, assignments, settings and the rest). */
  private static final List<String> LEAD_WRITES =
      List.of(
          "project_meta",
          "users",
          "user_roles",
          "user_accounts",
          "datasets",
          "import_runs",
          "clips",
          "rubric_versions",
          "rule_set_versions",
          "label_policies",
          "policy_changes",
          "project_settings",
          "assignments",
          "tts_sessions",
          "tts_session_items",
          "gold_answers",
          "labels",
          "disputes",
          "adjudications",
          "policy_proposals",
          "qe_models",
          "qe_hints",
          "batches",
          "batch_items",
          "packs",
          "qe_drift",
          // Leads publish batches and packs and finish what a crash left (issue 19); other groups
          // get nothing here, and Publications.recover skips the table it may not read.
          "publications");

  /**
   * The SQL that gives user {@code userId} the PostgreSQL login {@code dbRole}: the project's group
   * roles and their privileges (idempotent), the login itself without a password (the server's
   * pg_hba.conf decides how it authenticates: set a password with psql's {@code \\password}, or use
   * peer or certificate authentication), and its group memberships. Needs a role with CREATEROLE
   * that owns the project's tables.
   */
  public List<String> grantSql(String userId, String dbRole) {
    checkRoleName(dbRole);
    User user =
        project
            .users()
            .find(userId)
            .orElseThrow(
                () ->
                    new StorageException(
                        "no user '" + userId + "' in this project; add the user first"));
    String database =
        project
            .jdbi()
            .withHandle(h -> h.createQuery("SELECT current_database()").mapTo(String.class).one());
    List<String> sql = new ArrayList<>();
    for (Role role : Role.values()) {
      String group = group(database, role);
      sql.add(
          "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '"
              + group
              + "') THEN CREATE ROLE "
              + group
              + " NOLOGIN; END IF; END $$");
      sql.add("GRANT CONNECT ON DATABASE " + database + " TO " + group);
      sql.add("GRANT USAGE ON SCHEMA public TO " + group);
      sql.add("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO " + group);
      sql.add("GRANT SELECT ON " + String.join(", ", READ_ALL) + " TO " + group);
      // Audit events are insert-only for everyone; the head row is moved by every append.
      sql.add("GRANT INSERT ON audit_events TO " + group);
      sql.add("GRANT UPDATE ON audit_head TO " + group);
    }
    String annotator = group(database, Role.ANNOTATOR);
    sql.add("GRANT SELECT, INSERT, UPDATE ON labels TO " + annotator);
    sql.add("GRANT UPDATE (state) ON assignments TO " + annotator);
    // A rater starts their own listening-test sessions (the sessions name no system).
    sql.add("GRANT SELECT, INSERT ON tts_sessions, tts_session_items TO " + annotator);
    String adjudicator = group(database, Role.ADJUDICATOR);
    // Audit events carry label values: annotators append them but do not read them back.
    sql.add("GRANT SELECT ON labels, gold_answers, audit_events TO " + adjudicator);
    sql.add(
        "GRANT SELECT, INSERT, UPDATE, DELETE ON disputes, adjudications, policy_proposals TO "
            + adjudicator);
    String lead = group(database, Role.LEAD);
    sql.add("GRANT SELECT ON audit_events TO " + lead);
    sql.add(
        "GRANT SELECT, INSERT, UPDATE, DELETE ON "
            + String.join(", ", LEAD_WRITES)
            + " TO "
            + lead);
    sql.add(
        "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '"
            + dbRole
            + "') THEN CREATE ROLE "
            + dbRole
            + " LOGIN; END IF; END $$");
    for (Role role : Role.values()) {
      sql.add(
          (user.roles().contains(role) ? "GRANT " : "REVOKE ")
              + group(database, role)
              + (user.roles().contains(role) ? " TO " : " FROM ")
              + dbRole);
    }
    return sql;
  }

  /**
   * Creates (or updates) the PostgreSQL login {@code dbRole} for user {@code userId} with {@code
   * password} (empty: none, for peer or certificate authentication), runs {@link #grantSql}, and
   * maps the login to the user (lead only; audited as {@code user.map-db-login}). The password is
   * sent to the server once and kept nowhere.
   */
  public void createLogin(Actor lead, String userId, String dbRole, char[] password) {
    project.jdbi().useHandle(h -> Access.require(h, lead, "create database logins", Role.LEAD));
    List<String> sql = grantSql(userId, dbRole);
    project
        .jdbi()
        .useTransaction(
            handle -> {
              for (String statement : sql) {
                handle.execute(statement);
              }
              if (password != null && password.length > 0) {
                // Utility statements take no bind parameters: quote the literal.
                handle.execute(
                    "ALTER ROLE "
                        + dbRole
                        + " PASSWORD '"
                        + new String(password).replace("'", "''")
                        + "'");
              }
            });
    mapLogin(lead, userId, dbRole);
  }

  /**
   * Records that the PostgreSQL login {@code dbRole} is user {@code userId} (lead only; audited).
   * From the first such mapping on, only mapped logins may open the project.
   */
  public void mapLogin(Actor lead, String userId, String dbRole) {
    checkRoleName(dbRole);
    project.jdbi().useHandle(h -> Access.require(h, lead, "map database logins", Role.LEAD));
    if (project.users().find(userId).isEmpty()) {
      throw new StorageException("no user '" + userId + "' in this project; add the user first");
    }
    new Identities(project).map(lead, "user.map-db-login", userId, Identities.DB, dbRole);
  }

  private static void checkRoleName(String dbRole) {
    if (dbRole == null || !ROLE_NAME.matcher(dbRole).matches()) {
      throw new StorageException(
          "'"
              + dbRole
              + "' is not a usable PostgreSQL role name here: use lower-case letters, digits and"
              + " '_', starting with a letter");
    }
  }

  /** The group role of {@code role} in {@code database}, e.g. {@code earmark_team_annotator}. */
  static String group(String database, Role role) {
    return (database + "_" + role.code()).toLowerCase(Locale.ROOT);
  }
}
