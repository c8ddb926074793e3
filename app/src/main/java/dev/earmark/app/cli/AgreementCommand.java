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
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
    List<Line> lines = read(input);
    MeasurementLevel measuredAt = measuredAt();
    boolean needsNumbers = measuredAt != MeasurementLevel.NOMINAL;
    Optional<Line> firstText = lines.stream().filter(l -> !isNumber(l.label())).findFirst();
    if (needsNumbers && firstText.isPresent()) {
      Line text = firstText.get();
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
    List<Rating> ratings = lines.stream().map(Line::rating).toList();
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
      Path input, List<Line> lines, List<Rating> ratings, LabelScale scale) {
    try {
      return RatingTable.of(ratings, scale);
    } catch (EngineException e) {
      Map<String, Integer> firstLineOf = new HashMap<>();
      for (Line line : lines) {
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

  /** One rating line of the file, with its line number for messages. */
  record Line(int number, Rating rating) {
    String item() {
      return rating.itemId();
    }

    String annotator() {
      return rating.annotatorId();
    }

    String label() {
      return rating.label();
    }
  }

  /**
   * One shared copy of each annotator and label text read (a file has few of either), so that the
   * ratings of a large file do not hold a string apiece; stops sharing past {@link #SHARED_MAX}.
   */
  private static final class SharedText {
    private static final int SHARED_MAX = 4096;
    private final Map<String, String> copies = new HashMap<>();

    String of(String text) {
      String shared = copies.get(text);
      if (shared != null) {
        return shared;
      }
      if (copies.size() < SHARED_MAX) {
        copies.put(text, text);
      }
      return text;
    }
  }

  /**
   * Reads the CSV; rows with an empty label are missing ratings and left out. Streamed line by line
   * (a 450k-row file was read whole into a list of lines first).
   */
  static List<Line> read(Path file) {
    List<Line> lines = new ArrayList<>();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String first = reader.readLine();
      if (first == null) {
        throw new InputException(file + " is empty: it needs the header " + HEADER);
      }
      String header = first.replace("\uFEFF", "").strip();
      if (!Arrays.stream(header.split(",", -1))
          .map(String::strip)
          .toList()
          .equals(List.of("item_id", "annotator_id", "label"))) {
        throw new InputException(
            file + " line 1: the header must be " + HEADER + ", not '" + header + "'");
      }
      List<String> fields = new ArrayList<>(4);
      SharedText shared = new SharedText();
      int number = 1;
      String text;
      while ((text = reader.readLine()) != null) {
        number++;
        if (text.isBlank()) {
          continue;
        }
        fields.clear();
        fields(file, number, text, fields);
        Line line = line(file, number, fields, shared);
        if (line != null) {
          lines.add(line);
        }
      }
    } catch (IOException e) {
      throw new InputException("cannot read " + file + ": " + describe(e), e);
    }
    return lines;
  }

  /** The rating of one data row, or {@code null} when its label is empty (a missing rating). */
  private static Line line(Path file, int number, List<String> fields, SharedText shared) {
    if (fields.size() != 3) {
      throw new InputException(
          file
              + " line "
              + number
              + ": expected 3 fields ("
              + HEADER
              + ") but found "
              + fields.size());
    }
    String item = fields.get(0);
    String annotator = fields.get(1);
    if (item.isEmpty() || annotator.isEmpty()) {
      throw new InputException(
          file
              + " line "
              + number
              + ": the "
              + (item.isEmpty() ? "item_id" : "annotator_id")
              + " is empty");
    }
    if (fields.get(2).isEmpty()) {
      return null;
    }
    return new Line(number, new Rating(item, shared.of(annotator), shared.of(fields.get(2))));
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

  /**
   * Splits one CSV line (RFC 4180 quoting within the line) into {@code fields}; unquoted fields are
   * stripped. A line without quotes is split at its commas directly.
   */
  private static void fields(Path file, int number, String line, List<String> fields) {
    if (line.indexOf('"') < 0) {
      int start = 0;
      int comma;
      while ((comma = line.indexOf(',', start)) >= 0) {
        fields.add(line.substring(start, comma).strip());
        start = comma + 1;
      }
      fields.add(line.substring(start).strip());
      return;
    }
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"' && field.toString().isBlank() && !wasQuoted) {
        quoted = true;
        wasQuoted = true;
        field.setLength(0);
      } else if (c == ',') {
        fields.add(wasQuoted ? field.toString() : field.toString().strip());
        field.setLength(0);
        wasQuoted = false;
      } else if (wasQuoted && !Character.isWhitespace(c)) {
        throw new InputException(
            file + " line " + number + ": text after a closing quote; quote the whole field");
      } else {
        field.append(c);
      }
    }
    if (quoted) {
      throw new InputException(file + " line " + number + ": a quoted field is not closed");
    }
    fields.add(wasQuoted ? field.toString() : field.toString().strip());
  }

  private static String describe(IOException e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof java.nio.charset.MalformedInputException) {
      return "it is not UTF-8 text";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
