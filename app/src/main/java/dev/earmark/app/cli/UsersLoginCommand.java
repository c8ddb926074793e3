package dev.earmark.app.cli;

import dev.earmark.storage.identity.TeamLogins;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.user.Actor;
import java.io.Console;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code earmark users login NAME --db-role ROLE --db URL}: a lead gives user NAME their own
 * PostgreSQL login in a team project, with the grants of their roles (ADR 14); or prints the SQL
 * for a DBA to run.
 */
@Command(
    name = "login",
    mixinStandardHelpOptions = true,
    description = {
      "Give a user of a team project their own PostgreSQL login (lead only; audited).",
      "Creates the role ROLE with the privileges of the user's Earmark roles and maps it to the"
          + " user; from the first such login on, every session must come from a mapped login,"
          + " and --user can only repeat it.",
      "The password comes from $EARMARK_NEW_LOGIN_PASSWORD or a prompt; none (peer or"
          + " certificate authentication) when neither is there. With --print-sql the SQL a DBA"
          + " runs is printed instead (without any password) and only the mapping is recorded."
    })
public final class UsersLoginCommand implements Callable<Integer> {
  @Mixin JsonOption json;
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "NAME", description = "The user, e.g. ann-1.")
  String userId;

  @Option(
      names = "--db-role",
      required = true,
      paramLabel = "ROLE",
      description = "The PostgreSQL role to create, e.g. ann_1.")
  String dbRole;

  @Option(names = "--print-sql", description = "Print the SQL for a DBA instead of running it.")
  boolean printSql;

  @Override
  public Integer call() {
    GlobalOptions global = ProjectAccess.global(spec);
    if (global.db() == null) {
      throw new InputException(
          "database logins are for team projects: pass --db; an embedded project maps OS"
              + " accounts with 'earmark users map "
              + userId
              + " --os-account ACCOUNT'");
    }
    try (Project project = ProjectAccess.openExisting(global)) {
      Actor lead = ProjectAccess.actor(project, global);
      TeamLogins logins = new TeamLogins(project);
      PrintWriter out = spec.commandLine().getOut();
      if (printSql) {
        List<String> sql = logins.grantSql(userId, dbRole);
        logins.mapLogin(lead, userId, dbRole);
        if (json.enabled()) {
          Map<String, Object> result = new LinkedHashMap<>();
          result.put("user", userId);
          result.put("db_role", dbRole);
          result.put("sql", sql);
          JsonOutput.print(out, result);
        } else {
          sql.forEach(statement -> out.println(statement + ";"));
          out.println("-- then set a password: \\password " + dbRole);
        }
        return ExitCode.OK;
      }
      char[] password = password();
      try {
        logins.createLogin(lead, userId, dbRole, password);
      } finally {
        Arrays.fill(password, '\0');
      }
      if (json.enabled()) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("user", userId);
        result.put("db_role", dbRole);
        result.put("password_set", password.length > 0);
        JsonOutput.print(out, result);
      } else {
        out.println(
            "PostgreSQL login "
                + dbRole
                + " is now user "
                + userId
                + (password.length > 0 ? "" : " (no password set: peer or certificate login)"));
      }
      return ExitCode.OK;
    }
  }

  private char[] password() {
    String fromEnv = System.getenv("EARMARK_NEW_LOGIN_PASSWORD");
    if (fromEnv != null) {
      return fromEnv.toCharArray();
    }
    Console console = System.console();
    if (console != null) {
      char[] typed = console.readPassword("Password for the new login %s: ", dbRole);
      return typed == null ? new char[0] : typed;
    }
    return new char[0];
  }
}
