package dev.earmark.app.cli;

import dev.earmark.engine.release.BatchDiff;
import dev.earmark.engine.release.BatchItem;
import dev.earmark.engine.release.MetricDirection;
import dev.earmark.engine.release.RegressionBudget;
import dev.earmark.engine.release.SliceRegressionCheck;
import dev.earmark.engine.rubric.FieldValue;
import dev.earmark.engine.score.ScoreTotals;
import dev.earmark.engine.score.Scorer;
import dev.earmark.storage.export.ExportedBatch;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code earmark diff BATCH_A BATCH_B}: the data diff between two exported batches and the slice
 * regression report of the ASR hypotheses' WER measured against each batch's final labels.
 */
@Command(
    name = "diff",
    mixinStandardHelpOptions = true,
    description = {
      "Compare two exported batches: the data diff and the slice regression report.",
      "Lists clips added, removed, relabeled or with changed metadata, counted per slice,",
      "source, consent scope and label policy; then compares the WER of the",
      "clips' ASR hypotheses against each batch's final labels, slice by slice (tag=value, and",
      "'all'). Exit 1 when a slice regresses beyond the budget or is measured in one batch only",
      "(a missing slice is never read as zero), 2 when a directory is not an intact batch."
    })
public final class DiffCommand implements Callable<Integer> {
  /** The pseudo-slice of all items with a hypothesis. */
  static final String ALL = "all";

  @Mixin JsonOption json;
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "BATCH_A", description = "The older batch directory.")
  Path before;

  @Parameters(index = "1", paramLabel = "BATCH_B", description = "The newer batch directory.")
  Path after;

  @Option(
      names = "--max-wer-increase",
      paramLabel = "ABS",
      defaultValue = "0.02",
      description =
          "Budget: how much a slice's WER may rise, in WER units (0.02 = two points)."
              + " Default: ${DEFAULT-VALUE}.")
  double maxIncrease;

  @Option(
      names = "--max-relative-increase",
      paramLabel = "SHARE",
      description = "Also limit the rise to this share of the old WER (0.1 = 10%).")
  Double maxRelativeIncrease;

  @Option(
      names = "--normalization",
      paramLabel = "none|ID|PATH",
      defaultValue = ScoringNormalization.NONE,
      description =
          "Normalization before WER: 'none' (whitespace tokens as given, default), a rule-set id"
              + " (en-asr@1) or a rule-set file.")
  String normalization;

  @Override
  public Integer call() {
    ExportedBatch old = ExportedBatch.read(before);
    ExportedBatch now = ExportedBatch.read(after);
    List<BatchItem> oldItems = old.batchItems();
    List<BatchItem> newItems = now.batchItems();
    BatchDiff diff = BatchDiff.between(oldItems, newItems);
    ScoringNormalization chosen = ScoringNormalization.resolve(normalization);
    Scorer scorer = new Scorer(chosen.tokenizer(), chosen.protectedPhrases());
    RegressionBudget budget =
        maxRelativeIncrease == null
            ? RegressionBudget.absolute(maxIncrease)
            : RegressionBudget.of(maxIncrease, maxRelativeIncrease);
    SliceRegressionCheck.Report regression =
        SliceRegressionCheck.check(
            "wer",
            MetricDirection.LOWER_IS_BETTER,
            budget,
            sliceWer(scorer, old),
            sliceWer(scorer, now));
    PrintWriter out = spec.commandLine().getOut();
    if (json.enabled()) {
      JsonOutput.print(out, toJson(old, now, diff, regression, chosen.name()));
    } else {
      print(out, old, now, diff, regression, chosen.name());
    }
    return regression.passed() ? ExitCode.OK : ExitCode.CHECK_FAILED;
  }

  /** Corpus WER per slice {@code tag=value} and over {@value #ALL}, of items with a hypothesis. */
  static Map<String, Double> sliceWer(Scorer scorer, ExportedBatch batch) {
    Map<String, ScoreTotals> totals = new TreeMap<>();
    for (ExportedBatch.Item item : batch.items()) {
      if (item.hypothesis().isEmpty()) {
        continue;
      }
      var score = scorer.score(item.clipId(), ALL, item.transcript(), item.hypothesis().get());
      totals.merge(ALL, ScoreTotals.EMPTY.plus(score), ScoreTotals::plus);
      item.slices()
          .forEach(
              (tag, value) ->
                  totals.merge(
                      tag + "=" + value, ScoreTotals.EMPTY.plus(score), ScoreTotals::plus));
    }
    Map<String, Double> wer = new TreeMap<>();
    totals.forEach(
        (slice, sum) -> {
          OptionalDouble value = sum.wer();
          if (value.isPresent()) {
            wer.put(slice, value.getAsDouble());
          }
        });
    return wer;
  }

  private static Map<String, Object> toJson(
      ExportedBatch old,
      ExportedBatch now,
      BatchDiff diff,
      SliceRegressionCheck.Report regression,
      String normalization) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("before", batchJson(old));
    result.put("after", batchJson(now));
    result.put("added", diff.added().stream().map(BatchItem::clipId).toList());
    result.put("removed", diff.removed().stream().map(BatchItem::clipId).toList());
    List<Map<String, Object>> relabeled = new ArrayList<>();
    for (BatchDiff.Change change : diff.relabeled()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("clip_id", change.after().clipId());
      entry.put("before_label_sha256", change.before().labelHash());
      entry.put("after_label_sha256", change.after().labelHash());
      entry.put("before_transcript", transcript(change.before()));
      entry.put("after_transcript", transcript(change.after()));
      relabeled.add(entry);
    }
    result.put("relabeled", relabeled);
    result.put(
        "metadata_changed",
        diff.metadataChanged().stream().map(change -> change.after().clipId()).toList());
    result.put("unchanged", diff.unchanged());
    List<Map<String, Object>> breakdown = new ArrayList<>();
    for (BatchDiff.Breakdown row : diff.breakdown()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("dimension", row.dimension());
      entry.put("value", row.value());
      entry.put("added", row.added());
      entry.put("removed", row.removed());
      entry.put("relabeled", row.relabeled());
      breakdown.add(entry);
    }
    result.put("breakdown", breakdown);
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("metric", regression.metric());
    report.put("normalization", normalization);
    report.put("passed", regression.passed());
    List<Map<String, Object>> slices = new ArrayList<>();
    for (SliceRegressionCheck.SliceOutcome outcome : regression.outcomes()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("slice", outcome.slice());
      if (outcome instanceof SliceRegressionCheck.WithinBudget within) {
        entry.put("outcome", "within-budget");
        entry.put("before", within.before());
        entry.put("after", within.after());
        entry.put("regression", within.regression());
      } else if (outcome instanceof SliceRegressionCheck.OverBudget over) {
        entry.put("outcome", "over-budget");
        entry.put("before", over.before());
        entry.put("after", over.after());
        entry.put("regression", over.regression());
        entry.put("reason", over.reason());
      } else if (outcome instanceof SliceRegressionCheck.SchemaError error) {
        entry.put("outcome", "schema-error");
        entry.put("reason", error.reason());
      }
      slices.add(entry);
    }
    report.put("slices", slices);
    result.put("slice_regression", report);
    return result;
  }

  private static Map<String, Object> batchJson(ExportedBatch batch) {
    Map<String, Object> node = new LinkedHashMap<>();
    node.put("directory", batch.directory().toString());
    node.put("batch", batch.name());
    node.put("label_policy", batch.labelPolicy());
    node.put("items", batch.items().size());
    return node;
  }

  private static String transcript(BatchItem item) {
    return item.label()
        .field("transcript")
        .filter(FieldValue.Text.class::isInstance)
        .map(value -> ((FieldValue.Text) value).text())
        .orElse("");
  }

  private static void print(
      PrintWriter out,
      ExportedBatch old,
      ExportedBatch now,
      BatchDiff diff,
      SliceRegressionCheck.Report regression,
      String normalization) {
    out.printf(
        "batch %s -> %s: %d added, %d removed, %d relabeled, %d metadata changed, %d unchanged%n",
        old.name(),
        now.name(),
        diff.added().size(),
        diff.removed().size(),
        diff.relabeled().size(),
        diff.metadataChanged().size(),
        diff.unchanged());
    diff.added().forEach(item -> out.println("  + " + item.clipId()));
    diff.removed().forEach(item -> out.println("  - " + item.clipId()));
    diff.relabeled().forEach(change -> out.println("  ~ " + change.after().clipId()));
    diff.metadataChanged().forEach(change -> out.println("  m " + change.after().clipId()));
    out.printf(
        "slice regression of %s (normalization %s): %s%n",
        regression.metric(), normalization, regression.passed() ? "passed" : "FAILED");
    for (SliceRegressionCheck.SliceOutcome outcome : regression.outcomes()) {
      if (outcome instanceof SliceRegressionCheck.WithinBudget within) {
        out.printf(
            Locale.ROOT,
            "  %-30s %.4f -> %.4f  within budget%n",
            within.slice(),
            within.before(),
            within.after());
      } else if (outcome instanceof SliceRegressionCheck.OverBudget over) {
        out.printf("  %-30s OVER BUDGET: %s%n", over.slice(), over.reason());
      } else if (outcome instanceof SliceRegressionCheck.SchemaError error) {
        out.printf("  %-30s NOT COMPARABLE: %s%n", error.slice(), error.reason());
      }
    }
    out.flush();
  }
}
