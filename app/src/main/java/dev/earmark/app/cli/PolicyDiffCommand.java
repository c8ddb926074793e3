package dev.earmark.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.earmark.engine.dispute.RoutingSettings;
import dev.earmark.engine.normalize.RuleSet;
import dev.earmark.engine.normalize.RuleSets;
import dev.earmark.engine.policy.PolicyDiff;
import dev.earmark.engine.policy.PolicyDiffReport;
import dev.earmark.engine.policy.PolicyLabel;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code earmark policy-diff}: what switching normalization rule sets does to labels. */
@Command(
    name = "policy-diff",
    mixinStandardHelpOptions = true,
    description = {
      "Label-policy diff: how many labels change their normalized text, WER against the hypothesis,"
          + " and dispute status when moving from one rule set to another, per slice, with"
          + " examples and the rule that caused each change.",
      "LABELS is JSONL with id, slice, reference, hypothesis and optionally annotator; several"
          + " lines may share an id (one per annotator)."
    })
public final class PolicyDiffCommand implements Callable<Integer> {
  @Mixin JsonOption json;
  @Spec CommandSpec spec;

  @Option(names = "--labels", required = true, paramLabel = "FILE", description = "Labels (JSONL).")
  Path labels;

  @Option(
      names = "--from",
      required = true,
      paramLabel = "RULESET",
      description = "The rule set in force: a built-in id (en-asr@1) or a rule-set JSON file.")
  String from;

  @Option(
      names = "--to",
      required = true,
      paramLabel = "RULESET",
      description = "The proposed rule set: a built-in id or a rule-set JSON file.")
  String to;

  @Option(
      names = "--dispute-wer-above",
      paramLabel = "T",
      defaultValue = "0.15",
      description =
          "Route an item to adjudication when two annotators' normalized pairwise WER is above T"
              + " (default: ${DEFAULT-VALUE}; a project's routing setting replaces it).")
  double disputeWerAbove;

  @Option(
      names = "--examples",
      paramLabel = "N",
      defaultValue = "3",
      description = "Examples to show per slice and kind of change (default: ${DEFAULT-VALUE}).")
  int examples;

  @Override
  public Integer call() {
    RuleSet fromRules = RuleSets.resolve(from);
    RuleSet toRules = RuleSets.resolve(to);
    RoutingSettings routing =
        new RoutingSettings(
            false, OptionalInt.empty(), OptionalDouble.of(disputeWerAbove), false, false);
    PolicyDiffReport report =
        new PolicyDiff(fromRules, toRules, routing, Math.max(0, examples)).compare(read(labels));
    PrintWriter out = spec.commandLine().getOut();
    if (json.enabled()) {
      JsonOutput.print(out, toJson(report));
    } else {
      printHuman(out, report);
    }
    return ExitCode.OK;
  }

  static List<PolicyLabel> read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (CharacterCodingException e) {
      throw new InputException(file + " is not UTF-8 text: save it as UTF-8 and retry");
    } catch (IOException e) {
      throw new InputException("cannot read " + file + ": check the path");
    }
    List<PolicyLabel> labels = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      JsonNode node;
      try {
        node = JsonOutput.mapper().readTree(line);
      } catch (JsonProcessingException e) {
        throw new InputException(file + " line " + (i + 1) + ": not valid JSON");
      }
      if (!node.isObject()) {
        throw new InputException(file + " line " + (i + 1) + ": must be one JSON object");
      }
      labels.add(
          new PolicyLabel(
              required(file, i + 1, node, "id"),
              required(file, i + 1, node, "slice"),
              node.hasNonNull("annotator") ? node.get("annotator").asText() : null,
              required(file, i + 1, node, "reference"),
              required(file, i + 1, node, "hypothesis")));
    }
    return labels;
  }

  private static String required(Path file, int line, JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw new InputException(
          file + " line " + line + ": '" + field + "' is missing or not a string");
    }
    return value.asText();
  }

  private static Map<String, Object> toJson(PolicyDiffReport report) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("from", report.from());
    result.put("to", report.to());
    result.putAll(counts(report.totals()));
    Map<String, Object> bySlice = new LinkedHashMap<>();
    report.bySlice().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(entry -> bySlice.put(entry.getKey(), counts(entry.getValue())));
    result.put("by_slice", bySlice);
    List<Map<String, Object>> examples = new ArrayList<>();
    for (PolicyDiffReport.Change change : report.examples()) {
      Map<String, Object> example = new LinkedHashMap<>();
      example.put("id", change.id());
      example.put("slice", change.slice());
      example.put("annotator", change.annotator());
      example.put("change", change.kind().name().toLowerCase(Locale.ROOT));
      example.put("from", change.before());
      example.put("to", change.after());
      example.put("rule", String.join("; ", change.causes()));
      examples.add(example);
    }
    result.put("examples", examples);
    return result;
  }

  private static Map<String, Object> counts(PolicyDiffReport.Counts counts) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("items", counts.items());
    result.put("labels", counts.labels());
    result.put("changed_normalized_text", counts.changedNormalizedText());
    result.put("changed_wer", counts.changedWer());
    result.put("changed_dispute", counts.changedDispute());
    result.put("wer_from", counts.werFrom());
    result.put("wer_to", counts.werTo());
    result.put("mean_wer_change", counts.meanWerChange());
    return result;
  }

  private static void printHuman(PrintWriter out, PolicyDiffReport report) {
    PolicyDiffReport.Counts totals = report.totals();
    out.printf(
        "%s -> %s: of %d items, %d change normalized text, %d change WER, %d change dispute"
            + " status; corpus WER %s -> %s%n",
        report.from(),
        report.to(),
        totals.items(),
        totals.changedNormalizedText(),
        totals.changedWer(),
        totals.changedDispute(),
        percent(totals.werFrom()),
        percent(totals.werTo()));
    out.println();
    out.printf(
        "%-24s %7s %7s %7s %8s %9s %9s%n",
        "slice", "items", "text", "WER", "dispute", "WER from", "WER to");
    report.bySlice().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            entry -> {
              PolicyDiffReport.Counts c = entry.getValue();
              out.printf(
                  "%-24s %7d %7d %7d %8d %9s %9s%n",
                  entry.getKey(),
                  c.items(),
                  c.changedNormalizedText(),
                  c.changedWer(),
                  c.changedDispute(),
                  percent(c.werFrom()),
                  percent(c.werTo()));
            });
    if (!report.examples().isEmpty()) {
      out.println();
      out.println("examples:");
      for (PolicyDiffReport.Change change : report.examples()) {
        out.printf(
            "  %s [%s]%s %s: \"%s\" -> \"%s\"  (%s)%n",
            change.id(),
            change.slice(),
            change.annotator() == null ? "" : " " + change.annotator(),
            change.kind().name().toLowerCase(Locale.ROOT).replace('_', ' '),
            change.before(),
            change.after(),
            String.join("; ", change.causes()));
      }
    }
  }

  private static String percent(Double value) {
    return value == null ? "n/a" : String.format(Locale.ROOT, "%.1f%%", value * 100);
  }
}
