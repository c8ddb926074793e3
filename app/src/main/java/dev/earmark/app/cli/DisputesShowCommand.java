package dev.earmark.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.earmark.engine.rubric.FieldSpec;
import dev.earmark.engine.rubric.FieldValue;
import dev.earmark.engine.rubric.LabelValueJson;
import dev.earmark.storage.adjudicate.Adjudication;
import dev.earmark.storage.adjudicate.Adjudications;
import dev.earmark.storage.adjudicate.AlignmentGrid;
import dev.earmark.storage.adjudicate.DisputeComparison;
import dev.earmark.storage.adjudicate.DisputeComparisons;
import dev.earmark.storage.policy.Policies;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.user.Actor;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code earmark disputes show ID}: one dispute as the adjudication screen shows it: the routing
 * evidence, and for transcripts each annotator's normalized transcript and the hypothesis
 * word-aligned by the same {@link AlignmentGrid}; for other rubrics, the labels field by field.
 */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = {
      "Show one dispute (adjudicators and leads): the rule that routed it and its evidence, and",
      "the aligned comparison: every annotator's transcript and the ASR hypothesis, normalized",
      "under the label policy's rule set and word-aligned against the pivot row (marked *).",
      "Cells: word = same as the pivot, ~word = substitution, +word = insertion, - = the pivot's",
      "word is missing, · = gap. Rating disputes show the labels field by field."
    })
public final class DisputesShowCommand implements Callable<Integer> {
  @Mixin JsonOption json;
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "ID", description = "The dispute's id (disputes list).")
  long id;

  @Option(
      names = "--pivot",
      paramLabel = "ANNOTATOR",
      description = "Align against this annotator's transcript. Default: the first annotator's.")
  String pivot;

  @Override
  public Integer call() {
    DisputeComparison comparison;
    List<Adjudication> decisions;
    try (Project project = ProjectAccess.openExisting(global())) {
      Actor actor = ProjectAccess.actor(project, global());
      comparison = new DisputeComparisons(project).compare(actor, id);
      decisions = new Adjudications(project, new Policies(project)).decisions(actor, id);
    }
    if (pivot != null && comparison.label(pivot).isEmpty()) {
      throw new InputException(
          pivot
              + " has no label in dispute "
              + id
              + "; annotators here: "
              + String.join(
                  ", ",
                  comparison.labels().stream()
                      .map(DisputeComparison.AnnotatorLabel::annotatorId)
                      .toList()));
    }
    Optional<AlignmentGrid> grid =
        comparison.isTranscript()
            ? Optional.of(comparison.grid(Optional.ofNullable(pivot)))
            : Optional.empty();
    PrintWriter out = spec.commandLine().getOut();
    if (json.enabled()) {
      JsonOutput.print(out, json(comparison, grid, decisions));
    } else {
      human(out, comparison, grid, decisions);
    }
    return ExitCode.OK;
  }

  private static Map<String, Object> json(
      DisputeComparison comparison, Optional<AlignmentGrid> grid, List<Adjudication> decisions) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("id", comparison.dispute().id());
    doc.put("clip_id", comparison.dispute().clipKey());
    doc.put("rubric", comparison.dispute().rubric().toString());
    doc.put("rule_set", comparison.ruleSet());
    doc.put("status", comparison.dispute().status().code());
    doc.put("rules", DisputesCommand.rules(comparison.dispute()));
    doc.put("evidence_summary", comparison.evidence());
    doc.put("evidence", tree(comparison.dispute().evidenceJson()));
    doc.put("hypothesis", comparison.hypothesis().orElse(null));
    List<Object> labels = new ArrayList<>();
    for (DisputeComparison.AnnotatorLabel label : comparison.labels()) {
      Map<String, Object> node = new LinkedHashMap<>();
      node.put("annotator", label.annotatorId());
      node.put("value", LabelValueJson.toJson(label.value()));
      labels.add(node);
    }
    doc.put("labels", labels);
    doc.put("alignment", grid.map(DisputesShowCommand::alignment).orElse(null));
    List<Object> decided = new ArrayList<>();
    for (Adjudication decision : decisions) {
      Map<String, Object> node = new LinkedHashMap<>();
      node.put("adjudication", decision.id());
      node.put("adjudicator", decision.adjudicator());
      node.put("reason", decision.reason().code());
      node.put("note", decision.note());
      node.put("final_value", LabelValueJson.toJson(decision.finalValue()));
      decided.add(node);
    }
    doc.put("decisions", decided);
    return doc;
  }

  private static Map<String, Object> alignment(AlignmentGrid grid) {
    Map<String, Object> node = new LinkedHashMap<>();
    node.put("rule_set", grid.ruleSet());
    node.put("columns", grid.columns());
    List<Object> rows = new ArrayList<>();
    for (AlignmentGrid.Row row : grid.rows()) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("id", row.id());
      r.put("source", row.source().name().toLowerCase(Locale.ROOT));
      r.put("pivot", row.pivot());
      List<Object> cells = new ArrayList<>();
      for (AlignmentGrid.Cell cell : row.cells()) {
        cells.add(Map.of("text", cell.text(), "kind", cell.kind().name().toLowerCase(Locale.ROOT)));
      }
      r.put("cells", cells);
      rows.add(r);
    }
    node.put("rows", rows);
    return node;
  }

  private static void human(
      PrintWriter out,
      DisputeComparison comparison,
      Optional<AlignmentGrid> grid,
      List<Adjudication> decisions) {
    out.printf(
        "dispute %d · %s · %s · %s%n",
        comparison.dispute().id(),
        comparison.dispute().clipKey(),
        comparison.dispute().rubric(),
        comparison.dispute().status().code());
    out.println("routed by: " + String.join("; ", comparison.evidence()));
    if (grid.isPresent()) {
      out.println();
      for (String line : gridLines(grid.get())) {
        out.println(line);
      }
      out.println("(normalized with " + comparison.ruleSet() + ")");
    } else {
      out.println();
      for (FieldSpec field : comparison.rubric().fields()) {
        List<String> values = new ArrayList<>();
        for (DisputeComparison.AnnotatorLabel label : comparison.labels()) {
          values.add(
              label.annotatorId()
                  + "="
                  + label.value().field(field.name()).map(DisputesShowCommand::text).orElse("—"));
        }
        out.printf("  %-28s %s%n", field.name(), String.join("  ", values));
      }
    }
    for (Adjudication decision : decisions) {
      out.printf(
          "decided by %s: %s%s%n",
          decision.adjudicator(),
          decision.reason().code(),
          decision.note().isEmpty() ? "" : " (" + decision.note() + ")");
    }
    out.flush();
  }

  /** The grid as aligned text columns, one line per row, the pivot row marked with *. */
  static List<String> gridLines(AlignmentGrid grid) {
    int[] widths = new int[grid.columns()];
    int label = 0;
    List<List<String>> texts = new ArrayList<>();
    for (AlignmentGrid.Row row : grid.rows()) {
      label = Math.max(label, row.id().length() + 2);
      List<String> cells = new ArrayList<>();
      for (int c = 0; c < row.cells().size(); c++) {
        String text = cell(row.cells().get(c));
        widths[c] = Math.max(widths[c], text.length());
        cells.add(text);
      }
      texts.add(cells);
    }
    List<String> lines = new ArrayList<>();
    for (int r = 0; r < grid.rows().size(); r++) {
      AlignmentGrid.Row row = grid.rows().get(r);
      StringBuilder line = new StringBuilder();
      line.append(
          String.format(Locale.ROOT, "%-" + label + "s", row.id() + (row.pivot() ? " *" : "")));
      line.append("│");
      List<String> cells = texts.get(r);
      for (int c = 0; c < cells.size(); c++) {
        line.append(' ').append(String.format(Locale.ROOT, "%-" + widths[c] + "s", cells.get(c)));
      }
      lines.add(line.toString().stripTrailing());
    }
    return lines;
  }

  private static String cell(AlignmentGrid.Cell cell) {
    switch (cell.kind()) {
      case SUBSTITUTION:
        return "~" + cell.text();
      case INSERTION:
        return "+" + cell.text();
      case DELETION:
        return "-";
      default:
        return cell.text();
    }
  }

  private static String text(FieldValue value) {
    if (value instanceof FieldValue.Text text) {
      return "\"" + text.text() + "\"";
    }
    if (value instanceof FieldValue.ScalePoint point) {
      return Integer.toString(point.point());
    }
    if (value instanceof FieldValue.Choice choice) {
      return choice.option();
    }
    if (value instanceof FieldValue.Flag flag) {
      return flag.set() ? "yes" : "no";
    }
    return value.toString();
  }

  private static JsonNode tree(String json) {
    try {
      return JsonOutput.mapper().readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored evidence is not JSON", e);
    }
  }

  private GlobalOptions global() {
    return ((EarmarkCommand) spec.root().userObject()).global;
  }
}
