package dev.earmark.app.cli;

import dev.earmark.engine.dispute.DisputeRule;
import dev.earmark.storage.adjudicate.DisputeRecord;
import dev.earmark.storage.adjudicate.RoutingEvidence;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code earmark disputes list|show}: the adjudication queue, headless. */
@Command(
    name = "disputes",
    mixinStandardHelpOptions = true,
    description = {
      "The disputes routing found (adjudicators and leads): list them, or show one as the",
      "adjudication screen does; decide one with 'earmark adjudicate'."
    },
    subcommands = {DisputesListCommand.class, DisputesShowCommand.class})
public final class DisputesCommand {
  /** The JSON rows of {@code disputes}, as {@code disputes list} prints them. */
  static List<Object> rows(List<DisputeRecord> disputes) {
    List<Object> rows = new ArrayList<>();
    for (DisputeRecord dispute : disputes) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("id", dispute.id());
      row.put("clip_id", dispute.clipKey());
      row.put("rubric", dispute.rubric().toString());
      row.put("status", dispute.status().code());
      row.put("rules", rules(dispute));
      row.put("evidence", RoutingEvidence.summaries(dispute.evidenceJson()));
      row.put("created_at", dispute.createdAt().toString());
      rows.add(row);
    }
    return rows;
  }

  /** The rule codes that fired, in rule order ({@code transcript-wer}, {@code gold-failure}…). */
  static List<String> rules(DisputeRecord dispute) {
    return dispute.rules().stream().sorted().map(DisputesCommand::code).toList();
  }

  static String code(DisputeRule rule) {
    return rule.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
