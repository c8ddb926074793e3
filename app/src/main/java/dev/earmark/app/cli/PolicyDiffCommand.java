package dev.earmark.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.earmark.engine.dispute.RoutingSettings;
import dev.earmark.engine.normalize.RuleSet;
import dev.earmark.engine.normalize.RuleSets;
import dev.earmark.engine.policy.PolicyDiff;
import dev.earmark.engine.policy.PolicyDiffReport;
import dev.earmark.engine.policy.PolicyLabel;
import dev.earmark.storage.policy.Policies;
import dev.earmark.storage.policy.PolicyLabels;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.settings.ProjectSettings;
import dev.earmark.storage.settings.Setting;
import dev.earmark.storage.user.Actor;
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
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code earmark policy-diff}: what switching normalization rule sets does to labels. */
@Command(
    name = "policy-diff",
    mixinStandardHelpOptions = true,
    description = {
      "Label-policy diff: how many labels change their normalized text, WER against the hypothesis,"
          + " and dispute status when moving from one rule set to another, per slice, with"
          + " examples and the rule that caused each change.",
      "With --labels, FROM and TO are built-in rule-set ids or rule-set JSON files, and LABELS is"
          + " JSONL with id, slice, reference, hypothesis and optionally annotator; several lines"
          + " may share an id (one per annotator).",
      "Without --labels, the project's submitted ASR transcripts are compared (leads and"
          + " adjudicators), FROM and TO are policies of the project: a published rule-set"
          + " version (en-asr@2) or a task type (asr-transcript) for the rule set of its label"
          + " policy in force; slices are the clips' --slice-by tag, the dispute threshold is the"
          + " project's routing setting, and the report is written as policy-diff.md and"
          + " policy-diff.json in --out."
    })
public final class PolicyDiffCommand implements Callable<Integer> {
  /** The report's Markdown file in {@code --out}. */
  static final String MARKDOWN_FILE = "policy-diff.md";

  /** The report's JSON file in {@code --out}. */
  static final String JSON_FILE = "policy-diff.json";

  @ParentCommand EarmarkCommand root;
  @Mixin JsonOption json;
  @Spec CommandSpec spec;

  @Option(
      names = "--labels",
      paramLabel = "FILE",
      description = "Labels (JSONL) instead of the project's labels.")
  Path labels;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description =
          "Write policy-diff.md and policy-diff.json here (default: the current directory for a"
              + " project; no files with --labels unless given).")
  Path out;

  @Option(
      names = "--slice-by",
      paramLabel = "TAG",
      defaultValue = "domain",
      description =
          "The clip slice tag that groups a project's report (default: ${DEFAULT-VALUE}).")
  String sliceBy;

  @Option(
      names = "--from",
      required = true,
      paramLabel = "POLICY",
      description =
          "The policy in force: a rule set (en-asr@1, or a JSON file with --labels) or, for a"
              + " project, a task type (asr-transcript).")
  String from;

  @Option(
      names = "--to",
      required = true,
      paramLabel = "POLICY",
      description = "The proposed policy, written as for --from.")
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
    PolicyDiffReport report = labels != null ? fromFile() : fromProject();
    PrintWriter printed = spec.commandLine().getOut();
    Path folder = out != null ? out : labels == null ? Path.of("") : null;
    List<Path> written = folder == null ? List.of() : writeFiles(report, folder);
    if (json.enabled()) {
      JsonOutput.print(printed, toJson(report));
    } else {
      printHuman(printed, report);
      if (!written.isEmpty()) {
        printed.println();
        written.forEach(file -> printed.println("wrote " + file));
      }
    }
    return ExitCode.OK;
  }

  private PolicyDiffReport fromFile() {
    RuleSet fromRules = RuleSets.resolve(from);
    RuleSet toRules = RuleSets.resolve(to);
    return diff(fromRules, toRules, disputeWerAbove, read(labels));
  }

  private PolicyDiffReport fromProject() {
    try (Project project = ProjectAccess.openExisting(root.global)) {
      Actor actor = ProjectAccess.actor(project, root.global);
      PolicyLabels reader = new PolicyLabels(project, new Policies(project));
      RuleSet fromRules = reader.ruleSet(reader.resolve(from));
      RuleSet toRules = reader.ruleSet(reader.resolve(to));
      List<PolicyLabel> projectLabels = reader.transcriptLabels(actor, sliceBy);
      double threshold = new ProjectSettings(project).number(Setting.ROUTING_TRANSCRIPT_WER);
      return diff(fromRules, toRules, threshold, projectLabels);
    }
  }

  private PolicyDiffReport diff(
      RuleSet fromRules, RuleSet toRules, double werAbove, List<PolicyLabel> compared) {
    RoutingSettings routing =
        new RoutingSettings(false, OptionalInt.empty(), OptionalDouble.of(werAbove), false, false);
    return new PolicyDiff(fromRules, toRules, routing, Math.max(0, examples)).compare(compared);
  }

  private List<Path> writeFiles(PolicyDiffReport report, Path folder) {
    Path markdown = folder.resolve(MARKDOWN_FILE);
    Path jsonFile = folder.resolve(JSON_FILE);
    try {
      Files.createDirectories(folder.toAbsolutePath());
      Files.writeString(markdown, PolicyDiffMarkdown.render(report), StandardCharsets.UTF_8);
      Files.writeString(
          jsonFile,
          JsonOutput.mapper().writeValueAsString(toJson(report)) + "\n",
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InputException("cannot write the report to " + folder + ": " + e.getMessage());
    }
    return List.of(markdown, jsonFile);
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

  static Map<String, Object> toJson(PolicyDiffReport report) {
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
