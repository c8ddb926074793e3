package dev.earmark.app.cli;

import dev.earmark.storage.identity.Identities;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.user.Actor;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code earmark users map NAME --os-account ACCOUNT}: a lead records which OS account is user NAME
 * in an embedded project; from then on only that account may act as NAME (ADR 14).
 */
@Command(
    name = "map",
    mixinStandardHelpOptions = true,
    description = {
      "Map an OS account to a user of an embedded project (lead only; audited).",
      "Only the mapped OS account may then act as the user; --user cannot claim another one.",
      "An account maps to one user: mapping it again moves it."
    })
public final class UsersMapCommand implements Callable<Integer> {
  @Mixin JsonOption json;
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "NAME", description = "The user, e.g. ann-1.")
  String userId;

  @Option(
      names = "--os-account",
      required = true,
      paramLabel = "ACCOUNT",
      description = "The OS login name that is this user, e.g. ann.")
  String osAccount;

  @Override
  public Integer call() {
    GlobalOptions global = ProjectAccess.global(spec);
    try (Project project = ProjectAccess.openExisting(global)) {
      if (project.directory().isEmpty()) {
        throw new InputException(
            "a team project proves identity by database login, not OS account; use 'earmark users"
                + " login "
                + userId
                + " --db-role ROLE'");
      }
      Actor lead = ProjectAccess.actor(project, global);
      Identities identities = new Identities(project);
      identities.mapOsAccount(lead, userId, osAccount);
      PrintWriter out = spec.commandLine().getOut();
      if (json.enabled()) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("user", userId);
        result.put("os_account", osAccount.strip());
        JsonOutput.print(out, result);
      } else {
        out.println("OS account " + osAccount.strip() + " is now user " + userId);
      }
      return ExitCode.OK;
    }
  }
}
