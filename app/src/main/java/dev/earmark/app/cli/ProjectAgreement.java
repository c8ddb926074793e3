package dev.earmark.app.cli;

import dev.earmark.engine.agreement.ConfidenceInterval;
import dev.earmark.engine.agreement.GoldAccuracy;
import dev.earmark.engine.rubric.TaskType;
import dev.earmark.storage.agreement.AgreementFigures;
import dev.earmark.storage.agreement.AgreementReader;
import dev.earmark.storage.agreement.AnnotatorRow;
import dev.earmark.storage.agreement.FieldFigures;
import dev.earmark.storage.agreement.HeatMap;
import dev.earmark.storage.agreement.Measure;
import dev.earmark.storage.agreement.TaskFigures;
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
import java.util.OptionalDouble;

/**
 * {@code earmark agreement --task T}: the agreement dashboard's figures of one task type, computed
 * by storage's {@link AgreementFigures} exactly as the dashboard computes them (same reader, same
 * bootstrap settings by default), printed as text or JSON. Leads and adjudicators (storage checks).
 */
final class ProjectAgreement {
  private final GlobalOptions global;
  private final String task;
  private final String field;
  private final AgreementFigures.Settings settings;

  ProjectAgreement(GlobalOptions global, String task, String field, Integer resamples, long seed) {
    this.global = global;
    this.task = task;
    this.field = field;
    this.settings =
        new AgreementFigures.Settings(
            resamples == null ? AgreementFigures.Settings.defaults().resamples() : resamples, seed);
  }

  int print(PrintWriter out, boolean json) {
    TaskType taskType = TaskType.fromId(task);
    TaskFigures figures;
    try (Project project = ProjectAccess.openExisting(global)) {
      Actor actor = ProjectAccess.actor(project, global);
      AgreementReader reader = new AgreementReader(project, new Policies(project));
      figures =
          AgreementFigures.compute(
              taskType, reader.read(actor, taskType), settings, AgreementFigures.Progress.NONE);
    }
    List<FieldFigures> fields = figures.fields();
    if (field != null) {
      Optional<FieldFigures> only = figures.field(field);
      if (only.isEmpty()) {
        throw new InputException(
            "--field "
                + field
                + " is not a compared field of "
                + figures.rubric().orElse(task)
                + "; compared fields: "
                + (fields.isEmpty()
                    ? "none (no submitted labels)"
                    : String.join(", ", fields.stream().map(FieldFigures::field).toList())));
      }
      fields = List.of(only.get());
    }
    if (json) {
      JsonOutput.print(out, json(figures, fields));
    } else {
      human(out, figures, fields);
    }
    return ExitCode.OK;
  }

  private Map<String, Object> json(TaskFigures figures, List<FieldFigures> fields) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("task", figures.taskType().id());
    doc.put("rubric", figures.rubric().orElse(null));
    doc.put("rule_set", figures.ruleSet().orElse(null));
    doc.put("bootstrap", Map.of("resamples", settings.resamples(), "seed", settings.seed()));
    doc.put("empty", figures.empty().orElse(null));
    List<Object> list = new ArrayList<>();
    for (FieldFigures f : fields) {
      Map<String, Object> node = new LinkedHashMap<>();
      node.put("field", f.field());
      node.put("kind", f.kind().name().toLowerCase(Locale.ROOT));
      node.put("items", f.items().size());
      node.put("annotators", f.annotators());
      node.put("headline", f.headline().name());
      List<Object> measures = new ArrayList<>();
      f.measures().forEach(m -> measures.add(measure(m)));
      node.put("measures", measures);
      List<Object> pairs = new ArrayList<>();
      for (HeatMap.Cell cell : f.heatMap().cells()) {
        Map<String, Object> pair = new LinkedHashMap<>();
        pair.put("first", cell.first());
        pair.put("second", cell.second());
        pair.put("metric", f.heatMap().metric());
        pair.put("value", number(cell.value()));
        pair.put("reason", cell.reason().orElse(null));
        pair.put("items", cell.items().size());
        pairs.add(pair);
      }
      node.put("pairs", pairs);
      List<Object> annotators = new ArrayList<>();
      for (AnnotatorRow row : f.annotatorRows()) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("annotator", row.annotator());
        a.put("labels", row.labels());
        a.put("agreement_with_others", number(row.withRest()));
        a.put("agreement_with_others_reason", row.withRestReason().orElse(null));
        a.put("gold_items", row.gold().map(GoldAccuracy::goldItemsRated).orElse(0));
        a.put("gold_correct", row.gold().map(GoldAccuracy::correct).orElse(0));
        a.put("gold_accuracy", row.gold().map(g -> number(g.accuracy())).orElse(null));
        a.put("median_seconds_per_item", number(row.medianSecondsPerItem()));
        annotators.add(a);
      }
      node.put("annotator_rows", annotators);
      list.add(node);
    }
    doc.put("fields", list);
    doc.put("not_compared", figures.notCompared());
    return doc;
  }

  private static Map<String, Object> measure(Measure m) {
    Map<String, Object> node = new LinkedHashMap<>();
    node.put("metric", m.name());
    node.put("value", number(m.value()));
    node.put("reason", m.reason().orElse(null));
    node.put("ci95", m.interval().map(ci -> List.of(ci.low(), ci.high())).orElse(null));
    node.put("items", m.items());
    node.put("pairable_items", m.pairableItems());
    node.put("annotators", m.annotators());
    return node;
  }

  private static Double number(OptionalDouble value) {
    return value.isPresent() ? value.getAsDouble() : null;
  }

  private void human(PrintWriter out, TaskFigures figures, List<FieldFigures> fields) {
    out.printf(
        "%s · %s · rule set %s%n",
        figures.taskType().id(),
        figures.rubric().orElse("no rubric"),
        figures.ruleSet().orElse("none"));
    if (figures.empty().isPresent()) {
      out.println(figures.empty().get());
      out.flush();
      return;
    }
    for (FieldFigures f : fields) {
      out.printf(
          "%n%s (%s): %d items, %d annotators%n",
          f.field(),
          f.kind().name().toLowerCase(Locale.ROOT),
          f.items().size(),
          f.annotators().size());
      for (Measure m : f.measures()) {
        out.printf("  %-44s %s%s%n", m.name(), value(m), interval(m.interval()));
      }
      if (!f.heatMap().cells().isEmpty()) {
        out.printf("  pairs (%s):%n", f.heatMap().metric());
        for (HeatMap.Cell cell : f.heatMap().cells()) {
          out.printf(
              "    %-32s %s%n",
              cell.first() + " × " + cell.second(),
              cell.value().isPresent()
                  ? Measure.format(cell.value().getAsDouble())
                  : "— (" + cell.reason().orElse("no value") + ")");
        }
      }
      out.println("  annotators: labels · with the others · gold accuracy · median s/item");
      for (AnnotatorRow row : f.annotatorRows()) {
        out.printf(
            "    %-20s %5d · %s · %s · %s%n",
            row.annotator(),
            row.labels(),
            text(row.withRest()),
            row.gold()
                .map(g -> text(g.accuracy()) + " (" + g.correct() + "/" + g.goldItemsRated() + ")")
                .orElse("—"),
            row.medianSecondsPerItem().isPresent()
                ? String.format(Locale.ROOT, "%.1f", row.medianSecondsPerItem().getAsDouble())
                : "—");
      }
    }
    if (!figures.notCompared().isEmpty()) {
      out.println();
      out.println("not compared: " + String.join("; ", figures.notCompared()));
    }
    out.flush();
  }

  private static String value(Measure m) {
    return m.isDefined() ? m.text() : "— (" + m.reason().orElse("no value") + ")";
  }

  private static String text(OptionalDouble value) {
    return value.isPresent() ? Measure.format(value.getAsDouble()) : "—";
  }

  private static String interval(Optional<ConfidenceInterval> interval) {
    return interval
        .map(
            ci ->
                String.format(
                    Locale.ROOT,
                    "  95%% CI [%s, %s] (%d resamples, seed %d)",
                    Measure.format(ci.low()),
                    Measure.format(ci.high()),
                    ci.resamples(),
                    ci.seed()))
        .orElse("");
  }
}
