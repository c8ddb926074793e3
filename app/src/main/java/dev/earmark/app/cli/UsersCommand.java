package dev.earmark.app.cli;

import dev.earmark.storage.identity.Identities;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.user.Actor;
import dev.earmark.storage.user.Role;
import dev.earmark.storage.user.RoleChange;
import dev.earmark.storage.user.User;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code earmark users add|list|role|deactivate|reactivate|map|login}: the project's people, their
 * roles and the accounts that prove who they are (leads only). Users are never deleted; a
 * deactivated user keeps their labels and audit trail, gets no new assignments and cannot act.
 */
@Command(
    name = "users",
    description = "Add users, change their roles, deactivate them (leads only).",
    mixinStandardHelpOptions = true,
    subcommands = {
      UsersCommand.Add.class,
      UsersCommand.ListUsers.class,
      UsersCommand.ChangeRoles.class,
      UsersCommand.Deactivate.class,
      UsersCommand.Reactivate.class,
      UsersMapCommand.class,
      UsersLoginCommand.class
    })
public final class UsersCommand {
  private UsersCommand() {}

  static Set<Role> roles(List<String> codes, String option) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (String code : codes) {
      try {
        roles.add(Role.fromCode(code.strip()));
      } catch (IllegalArgumentException e) {
        throw new InputException(option + ": " + e.getMessage());
      }
    }
    return roles;
  }

  static Map<String, Object> json(User user) {
    Map<String, Object> node = new LinkedHashMap<>();
    node.put("id", user.id());
    node.put("display_name", user.displayName());
    node.put("roles", codes(user.roles()));
    node.put("active", user.active());
    return node;
  }

  static List<String> codes(Set<Role> roles) {
    return roles.stream().sorted().map(Role::code).toList();
  }

  static String describe(User user) {
    return user.id()
        + " ("
        + user.displayName()
        + "): "
        + String.join(", ", codes(user.roles()))
        + (user.active() ? "" : " · deactivated");
  }

  /** {@code earmark users add NAME --role R[,R…] [--name DISPLAY]}. */
  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      description = {
        "Add a user with one or more roles (leads only).",
        "In a directory with no project yet, the project is created and the acting --user becomes"
            + " its first lead."
      })
  static final class Add implements Callable<Integer> {
    @Mixin JsonOption json;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "The user id, e.g. bob or ann-1.")
    String name;

    @Option(
        names = "--role",
        required = true,
        split = ",",
        paramLabel = "ROLE",
        description = "annotator, adjudicator or lead; several separated by commas.")
    List<String> roles;

    @Option(
        names = "--name",
        paramLabel = "DISPLAY",
        description = "The name people see (default: NAME).")
    String displayName;

    @Option(
        names = "--os-account",
        paramLabel = "ACCOUNT",
        description =
            "Embedded project: also map the OS account that is this user, as 'users map' does"
                + " (only that account may then act as NAME).")
    String osAccount;

    @Override
    public Integer call() {
      Set<Role> wanted = roles(roles, "--role");
      GlobalOptions global = ProjectAccess.global(spec);
      if (osAccount != null && osAccount.isBlank()) {
        throw new InputException("--os-account: name the OS login, e.g. --os-account " + name);
      }
      if (osAccount != null && global.db() != null) {
        throw new InputException(
            "--os-account: a team project proves identity by database login, not OS account; use"
                + " 'earmark users login "
                + name
                + " --db-role ROLE'");
      }
      try (Project project = ProjectAccess.openOrCreate(global)) {
        Actor actor = ProjectAccess.actor(project, global);
        User user =
            project.users().add(actor, name, displayName == null ? name : displayName, wanted);
        if (osAccount != null) {
          new Identities(project).mapOsAccount(actor, name, osAccount);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json.enabled()) {
          Map<String, Object> report = json(user);
          if (osAccount != null) {
            report.put("os_account", osAccount.strip());
          }
          JsonOutput.print(out, report);
        } else {
          out.println(
              "added "
                  + describe(user)
                  + (osAccount == null ? "" : " · OS account " + osAccount.strip()));
          out.flush();
        }
        return ExitCode.OK;
      }
    }
  }

  /** {@code earmark users list}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List every user, active and deactivated, with their roles (leads only).")
  static final class ListUsers implements Callable<Integer> {
    @Mixin JsonOption json;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      GlobalOptions global = ProjectAccess.global(spec);
      try (Project project = ProjectAccess.openExisting(global)) {
        List<User> users = project.users().roster(ProjectAccess.actor(project, global));
        PrintWriter out = spec.commandLine().getOut();
        if (json.enabled()) {
          List<Map<String, Object>> rows = new ArrayList<>();
          users.forEach(user -> rows.add(json(user)));
          JsonOutput.print(out, Map.of("users", rows));
        } else {
          for (User user : users) {
            out.printf(
                "%-20s %-28s %-12s %s%n",
                user.id(),
                String.join(",", codes(user.roles())),
                user.active() ? "active" : "deactivated",
                user.displayName());
          }
          out.flush();
        }
        return ExitCode.OK;
      }
    }
  }

  /** {@code earmark users role NAME --add R --remove R}. */
  @Command(
      name = "role",
      mixinStandardHelpOptions = true,
      description = {
        "Give a user roles or take roles away (leads only).",
        "A user keeps at least one role, and the project keeps at least one active lead."
      })
  static final class ChangeRoles implements Callable<Integer> {
    @Mixin JsonOption json;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "The user.")
    String name;

    @Option(
        names = "--add",
        split = ",",
        paramLabel = "ROLE",
        description = "Roles to give (annotator, adjudicator, lead).")
    List<String> add = new ArrayList<>();

    @Option(
        names = "--remove",
        split = ",",
        paramLabel = "ROLE",
        description = "Roles to take away.")
    List<String> remove = new ArrayList<>();

    @Override
    public Integer call() {
      if (add.isEmpty() && remove.isEmpty()) {
        throw new InputException("name a role to --add or --remove, e.g. --add adjudicator");
      }
      Set<Role> added = roles(add, "--add");
      Set<Role> removed = roles(remove, "--remove");
      GlobalOptions global = ProjectAccess.global(spec);
      try (Project project = ProjectAccess.openExisting(global)) {
        RoleChange change =
            project.users().changeRoles(ProjectAccess.actor(project, global), name, added, removed);
        PrintWriter out = spec.commandLine().getOut();
        if (json.enabled()) {
          Map<String, Object> report = json(change.after());
          report.put("roles_before", codes(change.before().roles()));
          report.put("changed", change.changed());
          JsonOutput.print(out, report);
        } else {
          out.println(
              (change.changed() ? "changed " : "unchanged, already ") + describe(change.after()));
          out.flush();
        }
        return ExitCode.OK;
      }
    }
  }

  /** {@code earmark users deactivate NAME}. */
  @Command(
      name = "deactivate",
      mixinStandardHelpOptions = true,
      description = {
        "Deactivate a user (leads only): never deleted, their labels and audit trail stay,",
        "but they get no new assignments and cannot act. 'users reactivate' undoes it."
      })
  static final class Deactivate implements Callable<Integer> {
    @Mixin JsonOption json;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "The user.")
    String name;

    @Override
    public Integer call() {
      return setActive(spec, json, name, false);
    }
  }

  /** {@code earmark users reactivate NAME}. */
  @Command(
      name = "reactivate",
      mixinStandardHelpOptions = true,
      description = "Reactivate a deactivated user (leads only).")
  static final class Reactivate implements Callable<Integer> {
    @Mixin JsonOption json;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "The user.")
    String name;

    @Override
    public Integer call() {
      return setActive(spec, json, name, true);
    }
  }

  private static int setActive(CommandSpec spec, JsonOption json, String name, boolean active) {
    GlobalOptions global = ProjectAccess.global(spec);
    try (Project project = ProjectAccess.openExisting(global)) {
      Actor actor = ProjectAccess.actor(project, global);
      boolean changed =
          active
              ? project.users().reactivate(actor, name)
              : project.users().deactivate(actor, name);
      User user = project.users().find(name).orElseThrow();
      PrintWriter out = spec.commandLine().getOut();
      if (json.enabled()) {
        Map<String, Object> report = json(user);
        report.put("changed", changed);
        JsonOutput.print(out, report);
      } else {
        String what = active ? "reactivated" : "deactivated";
        out.println(
            changed
                ? what
                    + " "
                    + name
                    + (active ? "" : ": their labels stay; they get no new work and cannot act")
                : name + " was already " + what + "; nothing changed");
        out.flush();
      }
      return ExitCode.OK;
    }
  }
}
