package dev.earmark.app.cli;

import dev.earmark.engine.EngineException;
import dev.earmark.engine.agreement.AgreementResult;
import dev.earmark.engine.agreement.AgreementStatistic;
import dev.earmark.engine.agreement.ConfidenceInterval;
import dev.earmark.engine.agreement.KappaWeights;
import dev.earmark.engine.agreement.LabelScale;
import dev.earmark.engine.agreement.MeasurementLevel;
import dev.earmark.engine.agreement.Rating;
import dev.earmark.engine.agreement.RatingTable;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
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
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code earmark agreement}: one agreement statistic over a long CSV of ratings (PRODUCT.md §5),
 * or, with {@code --task}, the agreement dashboard's figures of a project's task type ({@link
 * ProjectAgreement}). Degenerate data is not an error: it prints no value and the reason, and exits
 * 0.
 */
@Command(
    name = "agreement",
    mixinStandardHelpOptions = true,
    description = {
      "Inter-annotator agreement of a CSV with header item_id,annotator_id,label.",
      "A missing label is an absent row or an empty field. Numeric labels are ordered by value.",
      "With --task instead of --input: the agreement dashboard's figures of the project's",
      "submitted labels of that task type (leads and adjudicators), from the same code."
    })
public final class AgreementCommand implements Callable<Integer> {
  static final String HEADER = "item_id,annotator_id,label";

  /** The statistics the command line offers. */
  enum Metric {
    KRIPPENDORFF("Krippendorff's alpha"),
    FLEISS("Fleiss' kappa"),
    COHEN("Cohen's kappa"),
    PERCENT("percent agreement");

    final String title;

    Metric(String title) {
      this.title = title;
    }
  }

  @ParentCommand EarmarkCommand root;

  @Mixin JsonOption json;

  @Spec CommandSpec spec;

  @Option(
      names = "--input",
      paramLabel = "FILE.csv",
      description = "Ratings (needs --metric). Or give --task for a project's figures.")
  Path input;

  @Option(
      names = "--metric",
      paramLabel = "METRIC",
      description = "krippendorff, fleiss, cohen or percent; with --input.")
  Metric metric;

  @Option(
      names = "--task",
      paramLabel = "T",
      description =
          "Task type of the project (--project or --db) whose figures to print:"
              + " asr-transcript, tts-rating or rag-stages.")
  String task;

  @Option(
      names = "--field",
      paramLabel = "F",
      description = "With --task: only this rubric field. Default: every compared field.")
  String field;

  @Option(
      names = "--level",
      paramLabel = "LEVEL",
      description = "nominal (default), ordinal, interval or ratio; for krippendorff.")
  MeasurementLevel level;

  @Option(
      names = "--weights",
      paramLabel = "WEIGHTS",
      description = "none (default), linear or quadratic; for cohen.")
  KappaWeights weights;

  @Option(
      names = "--bootstrap",
      paramLabel = "N",
      description =
          "Add a 95% percentile bootstrap interval (ci95) from N resamples of items. With --task:"
              + " the resamples of alpha's interval (default 1000, as the dashboard).")
  Integer bootstrap;

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "0",
      description = "Seed of the bootstrap; the same seed gives the same interval. Default: 0.")
  long seed;

  @Override
  public Integer call() {
    if (task != null) {
      if (input != null || metric != null || level != null || weights != null) {
        throw new ParameterException(
            spec.commandLine(),
            "--task prints the dashboard's figures; --input, --metric, --level and --weights"
                + " belong to the CSV mode, drop them");
      }
      if (bootstrap != null && bootstrap < 1) {
        throw new InputException("--bootstrap needs 1 or more resamples, not " + bootstrap);
      }
      return new ProjectAgreement(root.global, task, field, bootstrap, seed)
          .print(spec.commandLine().getOut(), json.enabled());
    }
    if (input == null) {
      throw new ParameterException(
          spec.commandLine(),
          "Missing required option: '--input=FILE.csv' (or --task T for a project's figures)");
    }
    if (metric == null) {
      throw new ParameterException(
          spec.commandLine(), "Missing required option: '--metric=METRIC'");
    }
    if (field != null) {
      throw new ParameterException(spec.commandLine(), "--field applies with --task only");
    }
    checkOptions();
    List<RatingsCsv.Line> lines = RatingsCsv.read(input);
    MeasurementLevel measuredAt = measuredAt();
    boolean needsNumbers = measuredAt != MeasurementLevel.NOMINAL;
    Optional<RatingsCsv.Line> firstText =
        lines.stream().filter(l -> !isNumber(l.label())).findFirst();
    if (needsNumbers && firstText.isPresent()) {
      RatingsCsv.Line text = firstText.get();
      throw new InputException(
          input
              + " line "
              + text.number()
              + ": label '"
              + text.label()
              + "' is not a number, but "
              + (metric == Metric.COHEN
                  ? "--weights " + lower(weights)
                  : "--level " + lower(measuredAt))
              + " needs numeric labels (the command line orders labels by value only)");
    }
    List<Rating> ratings = lines.stream().map(RatingsCsv.Line::rating).toList();
    LabelScale scale = firstText.isEmpty() ? LabelScale.numeric() : LabelScale.unordered();
    AgreementStatistic statistic = statistic();
    RatingTable table;
    AgreementResult result;
    Optional<ConfidenceInterval> interval = Optional.empty();
    try {
      table = table(input, lines, ratings, scale);
      result = statistic.compute(table);
      if (bootstrap != null) {
        interval = statistic.bootstrap(table, bootstrap, seed);
      }
    } catch (EngineException e) {
      throw new InputException(input + ": " + e.getMessage(), e);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json.enabled()) {
      JsonOutput.print(out, json(result, measuredAt, interval));
    } else {
      printHuman(out, result, measuredAt, interval);
    }
    return ExitCode.OK;
  }

  /**
   * The rating table of {@code ratings}. A rating given twice is found by the table; only then are
   * the lines searched for the two line numbers the error names (a map of every item and annotator
   * kept while reading was a third of reading a 450k-row file).
   */
  private static RatingTable table(
      Path input, List<RatingsCsv.Line> lines, List<Rating> ratings, LabelScale scale) {
    try {
      return RatingTable.of(ratings, scale);
    } catch (EngineException e) {
      Map<String, Integer> firstLineOf = new HashMap<>();
      for (RatingsCsv.Line line : lines) {
        Integer earlier =
            firstLineOf.putIfAbsent(line.item() + "\u0000" + line.annotator(), line.number());
        if (earlier != null) {
          throw new InputException(
              input
                  + " line "
                  + line.number()
                  + ": annotator '"
                  + line.annotator()
                  + "' already rated item '"
                  + line.item()
                  + "' on line "
                  + earlier
                  + "; keep one rating per annotator and item",
              e);
        }
      }
      throw e;
    }
  }

  private void checkOptions() {
    if (weights != null && metric != Metric.COHEN) {
      throw new InputException("--weights applies to --metric cohen only");
    }
    if (level != null
        && level != MeasurementLevel.NOMINAL
        && (metric == Metric.FLEISS || metric == Metric.PERCENT)) {
      throw new InputException(
          metric.title
              + " compares labels as names: drop --level "
              + lower(level)
              + " or use --metric krippendorff");
    }
    if (bootstrap != null && bootstrap < 1) {
      throw new InputException("--bootstrap needs 1 or more resamples, not " + bootstrap);
    }
  }

  /** The level the chosen statistic actually measures at. */
  private MeasurementLevel measuredAt() {
    switch (metric) {
      case KRIPPENDORFF:
        return level == null ? MeasurementLevel.NOMINAL : level;
      case COHEN:
        return weights == null || weights == KappaWeights.NONE
            ? MeasurementLevel.NOMINAL
            : MeasurementLevel.ORDINAL;
      default:
        return MeasurementLevel.NOMINAL;
    }
  }

  private AgreementStatistic statistic() {
    switch (metric) {
      case KRIPPENDORFF:
        return new AgreementStatistic.KrippendorffAlpha(measuredAt());
      case FLEISS:
        return new AgreementStatistic.FleissKappa();
      case COHEN:
        return new AgreementStatistic.CohenKappa(weights == null ? KappaWeights.NONE : weights);
      default:
        return new AgreementStatistic.PercentAgreement();
    }
  }

  private Map<String, Object> json(
      AgreementResult result, MeasurementLevel measuredAt, Optional<ConfidenceInterval> interval) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("metric", lower(metric));
    out.put("level", lower(measuredAt));
    if (metric == Metric.COHEN) {
      out.put("weights", lower(weights == null ? KappaWeights.NONE : weights));
    }
    out.put("value", result.value().isPresent() ? result.value().getAsDouble() : null);
    result.undefinedReason().ifPresent(reason -> out.put("reason", reason.explanation()));
    out.put("items", result.items());
    out.put("pairable_items", result.pairableItems());
    out.put("annotators", result.annotators());
    if (bootstrap != null) {
      out.put("ci95", interval.map(ci -> List.of(ci.low(), ci.high())).orElse(null));
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("resamples", bootstrap);
      details.put(
          "defined_resamples", interval.map(ConfidenceInterval::definedResamples).orElse(0));
      details.put("seed", seed);
      out.put("bootstrap", details);
    }
    return out;
  }

  private void printHuman(
      PrintWriter out,
      AgreementResult result,
      MeasurementLevel measuredAt,
      Optional<ConfidenceInterval> interval) {
    String title =
        metric.title
            + (metric == Metric.KRIPPENDORFF ? " (" + lower(measuredAt) + ")" : "")
            + (metric == Metric.COHEN && weights != null && weights != KappaWeights.NONE
                ? " (" + lower(weights) + " weights)"
                : "");
    if (result.value().isPresent()) {
      out.printf(Locale.ROOT, "%s: %.6f%n", title, result.value().getAsDouble());
    } else {
      out.printf(
          "%s: no value, because %s.%n",
          title, result.undefinedReason().orElseThrow().explanation());
    }
    out.printf(
        "items: %d (%d compared), annotators: %d%n",
        result.items(), result.pairableItems(), result.annotators());
    if (bootstrap != null) {
      if (interval.isPresent()) {
        ConfidenceInterval ci = interval.get();
        out.printf(
            Locale.ROOT,
            "95%% bootstrap interval: [%.6f, %.6f] (%d of %d resamples defined, seed %d)%n",
            ci.low(),
            ci.high(),
            ci.definedResamples(),
            ci.resamples(),
            ci.seed());
      } else {
        out.println("95% bootstrap interval: none, the statistic has no value on this data");
      }
    }
    out.flush();
  }

  private static String lower(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  /**
   * Whether {@code label} is a decimal number as {@code [+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?}
   * (ASCII digits) describes it; checked by hand because a regex per label was a sizeable part of
   * reading a large file.
   */
  static boolean isNumber(String label) {
    int length = label.length();
    int i = 0;
    if (i < length && (label.charAt(i) == '+' || label.charAt(i) == '-')) {
      i++;
    }
    int integerDigits = 0;
    while (i < length && isDigit(label.charAt(i))) {
      i++;
      integerDigits++;
    }
    int fractionDigits = 0;
    if (i < length && label.charAt(i) == '.') {
      i++;
      while (i < length && isDigit(label.charAt(i))) {
        i++;
        fractionDigits++;
      }
    }
    if (integerDigits == 0 && fractionDigits == 0) {
      return false;
    }
    if (i < length && (label.charAt(i) == 'e' || label.charAt(i) == 'E')) {
      i++;
      if (i < length && (label.charAt(i) == '+' || label.charAt(i) == '-')) {
        i++;
      }
      int exponentDigits = 0;
      while (i < length && isDigit(label.charAt(i))) {
        i++;
        exponentDigits++;
      }
      if (exponentDigits == 0) {
        return false;
      }
    }
    return i == length;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
