package dev.earmark.app.cli;

import dev.earmark.storage.adjudicate.Adjudications;
import dev.earmark.storage.adjudicate.DisputeRecord;
import dev.earmark.storage.adjudicate.DisputeStatus;
import dev.earmark.storage.adjudicate.RoutingEvidence;
import dev.earmark.storage.policy.Policies;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.user.Actor;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code earmark disputes list [--open]}: every dispute, or the open ones, oldest first. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = {
      "List disputes by id, oldest first: status, clip, rubric version, the routing rules that",
      "fired and their evidence (adjudicators and leads)."
    })
public final class DisputesListCommand implements Callable<Integer> {
  @Mixin JsonOption json;
  @Spec CommandSpec spec;

  @Option(names = "--open", description = "Only disputes still waiting for a decision.")
  boolean open;

  @Override
  public Integer call() {
    List<DisputeRecord> disputes = new ArrayList<>();
    try (Project project = ProjectAccess.openExisting(global())) {
      Actor actor = ProjectAccess.actor(project, global());
      Adjudications adjudications = new Adjudications(project, new Policies(project));
      List<DisputeStatus> statuses =
          open
              ? List.of(DisputeStatus.OPEN)
              : List.of(DisputeStatus.OPEN, DisputeStatus.ESCALATED, DisputeStatus.RESOLVED);
      for (DisputeStatus status : statuses) {
        disputes.addAll(adjudications.disputes(actor, status));
      }
    }
    disputes.sort(Comparator.comparingLong(DisputeRecord::id));
    PrintWriter out = spec.commandLine().getOut();
    if (json.enabled()) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("disputes", DisputesCommand.rows(disputes));
      JsonOutput.print(out, doc);
      return ExitCode.OK;
    }
    if (disputes.isEmpty()) {
      out.println(
          open
              ? "No open disputes: every routed item is decided or escalated."
              : "No disputes: agreement is above the routing thresholds.");
    }
    for (DisputeRecord dispute : disputes) {
      out.printf(
          "%d  %-9s  %s  %s  %s%n",
          dispute.id(),
          dispute.status().code(),
          dispute.clipKey(),
          dispute.rubric(),
          String.join("; ", RoutingEvidence.summaries(dispute.evidenceJson())));
    }
    out.flush();
    return ExitCode.OK;
  }

  private GlobalOptions global() {
    return ((EarmarkCommand) spec.root().userObject()).global;
  }
}
