package dev.earmark.storage.agreement;

import dev.earmark.engine.EngineException;
import dev.earmark.engine.agreement.AgreementResult;
import dev.earmark.engine.agreement.AgreementStatistic;
import dev.earmark.engine.agreement.AnnotatorAgreement;
import dev.earmark.engine.agreement.ConfidenceInterval;
import dev.earmark.engine.agreement.GoldAccuracy;
import dev.earmark.engine.agreement.KappaWeights;
import dev.earmark.engine.agreement.LabelScale;
import dev.earmark.engine.agreement.MeasurementLevel;
import dev.earmark.engine.agreement.NormalizedComparator;
import dev.earmark.engine.agreement.Rating;
import dev.earmark.engine.agreement.RatingTable;
import dev.earmark.engine.agreement.TranscriptAgreement;
import dev.earmark.engine.agreement.UndefinedReason;
import dev.earmark.engine.normalize.Normalizer;
import dev.earmark.engine.rubric.FieldSpec;
import dev.earmark.engine.rubric.FieldValue;
import dev.earmark.engine.rubric.LabelValue;
import dev.earmark.engine.rubric.Option;
import dev.earmark.engine.rubric.TaskType;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.stream.Collectors;

/**
 * Turns the stored labels of one task type into the dashboard's figures, every statistic computed
 * by {@code dev.earmark.engine.agreement}: this class only codes labels as the engine's ratings
 * (scale points in the rubric's order, options in the rubric's order, flags as set / not set,
 * transcripts as text) and keeps the items behind each number. Stateless and thread-safe; a
 * computation runs on its caller's thread and reports through a {@link Progress}.
 */
public final class AgreementFigures {
  /** The statistics' names, as cards, tables and the CSV show them. */
  public static final String ALPHA = "Krippendorff's alpha";

  public static final String FLEISS = "Fleiss' kappa";
  public static final String COHEN = "Cohen's kappa";
  public static final String PERCENT = "percent agreement";
  public static final String WER = "pairwise WER (normalized)";
  public static final String IDENTICAL = "identical after normalization";
  public static final String FLAG_SET = "set";
  public static final String FLAG_NOT_SET = "not set";

  private static final int WINDOWS = 4;
  private static final DateTimeFormatter HOUR =
      DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneOffset.UTC);

  /**
   * Where a computation reports how far it got, and learns that it should stop. Called on the
   * computing thread.
   */
  public interface Progress {
    /** {@code done} of {@code total} fields are computed; {@code what} is the next one. */
    void step(int done, int total, String what);

    /** True when the computation should stop; it then throws {@link CancellationException}. */
    boolean cancelled();

    /** Reports nowhere and never cancels. */
    Progress NONE =
        new Progress() {
          @Override
          public void step(int done, int total, String what) {}

          @Override
          public boolean cancelled() {
            return false;
          }
        };
  }

  /**
   * How the alpha intervals are bootstrapped: the same settings on the same labels give the same
   * interval (the engine's seeded percentile bootstrap).
   */
  public record Settings(int resamples, long seed) {
    /** 1000 resamples, seed 0 (the seed {@code earmark agreement --bootstrap} uses by default). */
    public static Settings defaults() {
      return new Settings(1000, 0);
    }
  }

  private AgreementFigures() {}

  /**
   * The figures of {@code taskType} from {@code data} (empty: the project has no labels of it).
   *
   * @throws CancellationException when {@code progress} asks to stop
   */
  public static TaskFigures compute(
      TaskType taskType, Optional<AgreementData> data, Settings settings, Progress progress) {
    if (data.isEmpty() || data.get().labels().isEmpty()) {
      return new TaskFigures(
          taskType,
          data.map(d -> d.rubric().id().toString()),
          data.flatMap(d -> d.ruleSet().map(Object::toString)),
          "",
          List.of(),
          List.of(),
          Optional.of(
              "No submitted "
                  + taskType.id()
                  + " labels yet: assign clips with overlap, let annotators submit, then"
                  + " recompute."));
    }
    AgreementData d = data.get();
    List<Batch> batches = batches(d);
    String basis =
        distinctRuns(d) > 1
            ? "Trend across import runs (" + batches.size() + ")."
            : "Trend across "
                + batches.size()
                + " equal windows of items by last submission (the labels come from one import"
                + " run).";
    Map<String, TaskTime> times = times(d.labels());
    List<FieldFigures> fields = new ArrayList<>();
    List<String> notCompared = new ArrayList<>();
    List<FieldSpec> specs = d.rubric().fields();
    for (int i = 0; i < specs.size(); i++) {
      if (progress.cancelled()) {
        throw new CancellationException("agreement computation cancelled");
      }
      FieldSpec spec = specs.get(i);
      progress.step(i, specs.size(), spec.name());
      Optional<FieldKind> kind = FieldKind.of(spec);
      if (kind.isEmpty()) {
        notCompared.add(
            spec.name()
                + " ("
                + spec.type()
                + "): not compared; agreement covers scales, options, flags and transcripts");
        continue;
      }
      try {
        fields.add(
            kind.get() == FieldKind.TRANSCRIPT
                ? transcriptField(spec, d, batches, times)
                : ratedField(spec, kind.get(), d, batches, times, settings));
      } catch (EngineException e) {
        notCompared.add(spec.name() + ": " + e.getMessage());
      }
    }
    progress.step(specs.size(), specs.size(), "done");
    return new TaskFigures(
        taskType,
        Optional.of(d.rubric().id().toString()),
        d.ruleSet().map(Object::toString),
        basis,
        fields,
        notCompared,
        Optional.empty());
  }

  // ---- rated fields (scales, options, flags) ----

  private static FieldFigures ratedField(
      FieldSpec spec,
      FieldKind kind,
      AgreementData data,
      List<Batch> batches,
      Map<String, TaskTime> times,
      Settings settings) {
    LabelScale scale = scale(spec);
    MeasurementLevel level =
        kind == FieldKind.SCALE ? MeasurementLevel.ORDINAL : MeasurementLevel.NOMINAL;
    List<Rating> ratings = ratings(spec, kind, data.labels());
    RatingTable table = RatingTable.of(ratings, scale);
    AgreementStatistic alpha = new AgreementStatistic.KrippendorffAlpha(level);
    String alphaName = ALPHA + " (" + level.name().toLowerCase(java.util.Locale.ROOT) + ")";
    AgreementResult alphaResult = alpha.compute(table);
    Optional<ConfidenceInterval> interval =
        alphaResult.isDefined()
            ? alpha.bootstrap(table, settings.resamples(), settings.seed())
            : Optional.empty();
    Measure headline = Measure.of(alphaName, alphaResult, interval);
    List<Measure> measures = new ArrayList<>();
    measures.add(headline);
    measures.add(
        kind == FieldKind.SCALE
            ? Measure.notApplicable(
                FLEISS,
                "Fleiss' kappa treats labels as names; this ordinal scale is measured by ordinal"
                    + " alpha")
            : Measure.of(
                FLEISS, new AgreementStatistic.FleissKappa().compute(table), Optional.empty()));
    KappaWeights weights = kind == FieldKind.SCALE ? KappaWeights.QUADRATIC : KappaWeights.NONE;
    String cohenName = cohenName(weights);
    if (table.annotatorCount() == 2) {
      measures.add(
          Measure.of(
              cohenName,
              new AgreementStatistic.CohenKappa(weights).compute(table),
              Optional.empty()));
    } else {
      measures.add(
          Measure.notApplicable(
              cohenName,
              table.annotatorCount() < 2
                  ? UndefinedReason.ONE_ANNOTATOR.explanation()
                  : "Cohen's kappa compares exactly two annotators and this field has "
                      + table.annotatorCount()
                      + "; each pair's kappa is in the heat map"));
    }
    measures.add(
        Measure.of(
            PERCENT, new AgreementStatistic.PercentAgreement().compute(table), Optional.empty()));

    Map<String, Map<String, String>> byItem = byItem(ratings);
    List<ItemLine> items = itemLines(byItem);
    AnnotatorAgreement pairs = AnnotatorAgreement.of(table, level);
    // Each pair's shared items, and its ratings of them, gathered in one pass over the ratings
    // instead of one pass per pair (issue 22: 20 annotators and 1M labels made that minutes).
    Map<String, List<String>> shared = sharedItems(byItem);
    Map<String, List<Rating>> ofSharedItems = ratingsOfSharedItems(ratings, byItem);
    Map<String, Integer> firstRating = new HashMap<>();
    for (int i = 0; i < ratings.size(); i++) {
      firstRating.putIfAbsent(ratings.get(i).annotatorId(), i);
    }
    List<HeatMap.Cell> cells = new ArrayList<>();
    for (AnnotatorAgreement.PairAgreement pair : pairs.pairs()) {
      // Cohen's kappa counts only the items both rated, so its table needs no others (at 1M
      // labels building each pair's table from all of its ~100k ratings was most of the time).
      // With none shared, one rating of each gives the same "no item both rated" answer.
      List<Rating> pairRatings = ofSharedItems.get(pairKey(pair.first(), pair.second()));
      if (pairRatings == null) {
        int first = firstRating.get(pair.first());
        int second = firstRating.get(pair.second());
        pairRatings =
            List.of(ratings.get(Math.min(first, second)), ratings.get(Math.max(first, second)));
      }
      AgreementResult cohen =
          new AgreementStatistic.CohenKappa(weights).compute(RatingTable.of(pairRatings, scale));
      String details =
          "alpha "
              + describe(pair.alpha())
              + "\n"
              + PERCENT
              + " "
              + describe(pair.percent())
              + "\n"
              + cohenName
              + " "
              + describe(cohen)
              + "\n"
              + pair.alpha().pairableItems()
              + " items labeled by both";
      cells.add(
          new HeatMap.Cell(
              pair.first(),
              pair.second(),
              pair.alpha().value(),
              pair.alpha().undefinedReason().map(UndefinedReason::explanation),
              details,
              pairItems(
                  byItem,
                  shared.getOrDefault(pairKey(pair.first(), pair.second()), List.of()),
                  pair.first(),
                  pair.second())));
    }
    HeatMap heatMap = new HeatMap("pairwise " + alphaName, true, table.annotatorIds(), cells);

    List<ConfusionMatrix> confusions = new ArrayList<>();
    for (AnnotatorAgreement.PairAgreement pair : pairs.pairs()) {
      confusions.add(
          confusion(
              table.categoryLabels(),
              byItem,
              shared.getOrDefault(pairKey(pair.first(), pair.second()), List.of()),
              pair.first(),
              pair.second()));
    }

    Map<String, String> gold = new LinkedHashMap<>();
    data.goldAnswers()
        .forEach((clip, value) -> label(spec, kind, value).ifPresent(l -> gold.put(clip, l)));
    List<GoldAccuracy> accuracies = GoldAccuracy.of(table, gold);
    List<AnnotatorRow> rows = new ArrayList<>();
    for (int a = 0; a < table.annotatorCount(); a++) {
      String annotator = table.annotatorIds().get(a);
      AnnotatorAgreement.AgreementWithRest rest = pairs.withRest().get(a);
      List<ItemLine> goldItems = new ArrayList<>();
      for (Map.Entry<String, String> answer : gold.entrySet()) {
        String given = byItem.getOrDefault(answer.getKey(), Map.of()).get(annotator);
        if (given != null) {
          boolean right = table.categoryOf(given) == table.categoryOf(answer.getValue());
          goldItems.add(
              new ItemLine(
                  answer.getKey(),
                  (right ? "right: " : "wrong: ") + given + " (gold " + answer.getValue() + ")",
                  right ? 0 : 1));
        }
      }
      rows.add(
          annotatorRow(
              annotator,
              times,
              Optional.of(accuracies.get(a)),
              rest.alpha(),
              rest.undefinedReason().map(UndefinedReason::explanation),
              goldItems));
    }

    List<TrendPoint> trend = new ArrayList<>();
    for (Batch batch : batches) {
      List<Rating> inBatch =
          ratings.stream().filter(r -> batch.clipKeys().contains(r.itemId())).toList();
      AgreementResult result = alpha.compute(RatingTable.of(inBatch, scale));
      trend.add(
          new TrendPoint(
              batch.name(),
              result.value(),
              result.undefinedReason().map(UndefinedReason::explanation),
              itemLines(byItem(inBatch))));
    }
    return new FieldFigures(
        spec.name(),
        kind,
        headline,
        measures,
        Optional.empty(),
        items,
        table.annotatorIds(),
        trend,
        heatMap,
        confusions,
        rows);
  }

  private static String cohenName(KappaWeights weights) {
    return weights == KappaWeights.NONE
        ? COHEN
        : COHEN + " (" + weights.name().toLowerCase(java.util.Locale.ROOT) + " weights)";
  }

  private static LabelScale scale(FieldSpec spec) {
    if (spec instanceof FieldSpec.ScaleField scale) {
      List<String> points = new ArrayList<>();
      for (int point = scale.min(); point <= scale.max(); point++) {
        points.add(Integer.toString(point));
      }
      return LabelScale.ordered(points);
    }
    if (spec instanceof FieldSpec.CategoricalField categorical) {
      return LabelScale.ordered(categorical.options().stream().map(Option::value).toList());
    }
    return LabelScale.ordered(List.of(FLAG_NOT_SET, FLAG_SET));
  }

  /** The engine's ratings of one rated field: one per submitted label that answers it. */
  public static List<Rating> ratings(FieldSpec spec, FieldKind kind, List<SubmittedLabel> labels) {
    List<Rating> ratings = new ArrayList<>();
    for (SubmittedLabel label : labels) {
      label(spec, kind, label.value())
          .ifPresent(l -> ratings.add(new Rating(label.clipKey(), label.annotatorId(), l)));
    }
    return ratings;
  }

  /** How one label value answers a rated field, as a rating label; empty when unanswered. */
  public static Optional<String> label(FieldSpec spec, FieldKind kind, LabelValue value) {
    Optional<FieldValue> field = value.field(spec.name());
    if (kind == FieldKind.FLAG) {
      boolean set =
          field
              .filter(FieldValue.Flag.class::isInstance)
              .map(f -> ((FieldValue.Flag) f).set())
              .orElse(false);
      return Optional.of(set ? FLAG_SET : FLAG_NOT_SET);
    }
    if (field.isEmpty()) {
      return Optional.empty();
    }
    if (field.get() instanceof FieldValue.ScalePoint point) {
      return Optional.of(Integer.toString(point.point()));
    }
    if (field.get() instanceof FieldValue.Choice choice) {
      return Optional.of(choice.option());
    }
    return Optional.empty();
  }

  private static ConfusionMatrix confusion(
      List<String> categories,
      Map<String, Map<String, String>> byItem,
      List<String> bothRated,
      String first,
      String second) {
    List<List<List<String>>> cells = new ArrayList<>();
    for (int row = 0; row < categories.size(); row++) {
      List<List<String>> cellRow = new ArrayList<>();
      for (int column = 0; column < categories.size(); column++) {
        cellRow.add(new ArrayList<>());
      }
      cells.add(cellRow);
    }
    for (String item : bothRated) {
      Map<String, String> labels = byItem.get(item);
      String a = labels.get(first);
      String b = labels.get(second);
      if (a != null && b != null) {
        cells.get(categories.indexOf(a)).get(categories.indexOf(b)).add(item);
      }
    }
    return new ConfusionMatrix(first, second, categories, cells);
  }

  // ---- transcripts ----

  private static FieldFigures transcriptField(
      FieldSpec spec, AgreementData data, List<Batch> batches, Map<String, TaskTime> times) {
    List<TranscriptAgreement.Transcript> transcripts = new ArrayList<>();
    for (SubmittedLabel label : data.labels()) {
      label
          .value()
          .field(spec.name())
          .filter(FieldValue.Text.class::isInstance)
          .map(f -> ((FieldValue.Text) f).text())
          .ifPresent(
              text ->
                  transcripts.add(
                      new TranscriptAgreement.Transcript(
                          label.clipKey(), label.annotatorId(), text)));
    }
    Normalizer normalizer = data.normalizer();
    TranscriptAgreement agreement =
        TranscriptAgreement.of(transcripts, new NormalizedComparator(normalizer));
    Map<String, Map<String, String>> byItem = new LinkedHashMap<>();
    Set<String> annotators = new LinkedHashSet<>();
    List<Rating> normalized = new ArrayList<>();
    for (TranscriptAgreement.Transcript t : transcripts) {
      byItem.computeIfAbsent(t.itemId(), k -> new LinkedHashMap<>()).put(t.annotatorId(), t.text());
      annotators.add(t.annotatorId());
      normalized.add(
          new Rating(t.itemId(), t.annotatorId(), normalizedLabel(normalizer, t.text())));
    }
    RatingTable identical = RatingTable.of(normalized, LabelScale.unordered());
    Measure headline = werMeasure(agreement, byItem.size(), annotators.size());
    List<Measure> measures = new ArrayList<>();
    measures.add(headline);
    measures.add(
        Measure.of(
            IDENTICAL,
            new AgreementStatistic.PercentAgreement().compute(identical),
            Optional.empty()));
    measures.add(
        Measure.notApplicable(
            ALPHA, "a transcript is compared by pairwise WER after normalization, not by alpha"));

    List<String> ids = new ArrayList<>(annotators);
    // Each item's first WER of each annotator pair, gathered in one pass over the items instead of
    // one pass per pair (issue 22: 20 annotators and 1M labels made that minutes).
    Map<String, List<Map.Entry<TranscriptAgreement.ItemWer, TranscriptAgreement.PairWer>>>
        pairWers = new HashMap<>();
    for (TranscriptAgreement.ItemWer item : agreement.items()) {
      Set<String> seen = new java.util.HashSet<>();
      for (TranscriptAgreement.PairWer p : item.pairs()) {
        String key = pairKey(p.first(), p.second());
        if (seen.add(key)) {
          pairWers.computeIfAbsent(key, k -> new ArrayList<>()).add(Map.entry(item, p));
        }
      }
    }
    List<HeatMap.Cell> cells = new ArrayList<>();
    for (int a = 0; a < ids.size(); a++) {
      for (int b = a + 1; b < ids.size(); b++) {
        String first = ids.get(a);
        String second = ids.get(b);
        Optional<TranscriptAgreement.PairWer> pooled =
            agreement.annotatorPairs().stream().filter(p -> samePair(p, first, second)).findFirst();
        List<ItemLine> lines = new ArrayList<>();
        for (Map.Entry<TranscriptAgreement.ItemWer, TranscriptAgreement.PairWer> itemPair :
            pairWers.getOrDefault(pairKey(first, second), List.of())) {
          TranscriptAgreement.ItemWer item = itemPair.getKey();
          TranscriptAgreement.PairWer p = itemPair.getValue();
          lines.add(
              new ItemLine(
                  item.itemId(),
                  "WER "
                      + Measure.format(p.wer().wer())
                      + " · "
                      + first
                      + ": \""
                      + byItem.get(item.itemId()).get(first)
                      + "\" · "
                      + second
                      + ": \""
                      + byItem.get(item.itemId()).get(second)
                      + "\"",
                  p.wer().wer()));
        }
        cells.add(
            new HeatMap.Cell(
                first,
                second,
                pooled.map(p -> OptionalDouble.of(p.wer().wer())).orElse(OptionalDouble.empty()),
                pooled.isPresent()
                    ? Optional.empty()
                    : Optional.of(UndefinedReason.NO_PAIRABLE_ITEMS.explanation()),
                pooled
                    .map(
                        p ->
                            "WER "
                                + Measure.format(p.wer().wer())
                                + "\n"
                                + p.wer().errors()
                                + " errors over "
                                + p.wer().words()
                                + " words (both directions)\n"
                                + lines.size()
                                + " items transcribed by both")
                    .orElse("no item transcribed by both"),
                lines));
      }
    }
    HeatMap heatMap = new HeatMap(WER, false, ids, cells);

    Map<String, String> gold = new LinkedHashMap<>();
    data.goldAnswers()
        .forEach(
            (clip, value) ->
                value
                    .field(spec.name())
                    .filter(FieldValue.Text.class::isInstance)
                    .ifPresent(
                        f ->
                            gold.put(
                                clip, normalizedLabel(normalizer, ((FieldValue.Text) f).text()))));
    List<GoldAccuracy> accuracies = GoldAccuracy.of(identical, gold);
    List<AnnotatorRow> rows = new ArrayList<>();
    for (int a = 0; a < identical.annotatorCount(); a++) {
      String annotator = identical.annotatorIds().get(a);
      long errors = 0;
      long words = 0;
      for (TranscriptAgreement.PairWer pair : agreement.annotatorPairs()) {
        if (pair.first().equals(annotator) || pair.second().equals(annotator)) {
          errors += pair.wer().errors();
          words += pair.wer().words();
        }
      }
      List<ItemLine> goldItems = new ArrayList<>();
      for (Map.Entry<String, String> answer : gold.entrySet()) {
        String given = byItem.getOrDefault(answer.getKey(), Map.of()).get(annotator);
        if (given != null) {
          boolean right = normalizedLabel(normalizer, given).equals(answer.getValue());
          goldItems.add(
              new ItemLine(
                  answer.getKey(),
                  (right ? "right: \"" : "wrong: \"")
                      + given
                      + "\" (gold, normalized: \""
                      + answer.getValue()
                      + "\")",
                  right ? 0 : 1));
        }
      }
      rows.add(
          annotatorRow(
              annotator,
              times,
              Optional.of(accuracies.get(a)),
              words == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) errors / words),
              words == 0
                  ? Optional.of(UndefinedReason.NO_PAIRABLE_ITEMS.explanation())
                  : Optional.empty(),
              goldItems));
    }

    List<TrendPoint> trend = new ArrayList<>();
    for (Batch batch : batches) {
      List<TranscriptAgreement.Transcript> inBatch =
          transcripts.stream().filter(t -> batch.clipKeys().contains(t.itemId())).toList();
      TranscriptAgreement part =
          TranscriptAgreement.of(inBatch, new NormalizedComparator(normalizer));
      Measure point =
          werMeasure(
              part,
              (int) inBatch.stream().map(TranscriptAgreement.Transcript::itemId).distinct().count(),
              0);
      Map<String, Map<String, String>> batchItems = new LinkedHashMap<>();
      inBatch.forEach(
          t ->
              batchItems
                  .computeIfAbsent(t.itemId(), k -> new LinkedHashMap<>())
                  .put(t.annotatorId(), '"' + t.text() + '"'));
      trend.add(new TrendPoint(batch.name(), point.value(), point.reason(), itemLines(batchItems)));
    }
    Map<String, Map<String, String>> quoted = new LinkedHashMap<>();
    byItem.forEach(
        (item, labels) -> {
          Map<String, String> q = new LinkedHashMap<>();
          labels.forEach((who, text) -> q.put(who, '"' + text + '"'));
          quoted.put(item, q);
        });
    return new FieldFigures(
        spec.name(),
        FieldKind.TRANSCRIPT,
        headline,
        measures,
        Optional.of(agreement),
        itemLines(quoted),
        ids,
        trend,
        heatMap,
        List.of(),
        rows);
  }

  private static Measure werMeasure(TranscriptAgreement agreement, int items, int annotators) {
    if (agreement.items().isEmpty()) {
      return new Measure(
          WER,
          OptionalDouble.empty(),
          Optional.of(
              (annotators == 1 ? UndefinedReason.ONE_ANNOTATOR : UndefinedReason.NO_PAIRABLE_ITEMS)
                  .explanation()),
          Optional.empty(),
          items,
          0,
          annotators);
    }
    return new Measure(
        WER,
        OptionalDouble.of(agreement.overall().wer()),
        Optional.empty(),
        Optional.empty(),
        items,
        agreement.items().size(),
        annotators);
  }

  /** A transcript as its normalized words, so equal labels mean "identical after normalization". */
  public static String normalizedLabel(Normalizer normalizer, String text) {
    String joined = String.join(" ", normalizer.tokens(text));
    return joined.isEmpty() ? "(empty)" : joined;
  }

  /** The same key for the pair of annotators {@code a} and {@code b} in either order. */
  private static String pairKey(String a, String b) {
    return a.compareTo(b) <= 0 ? a + '\u0000' + b : b + '\u0000' + a;
  }

  /**
   * The items each pair of annotators both rated, by {@link #pairKey}, in the order of {@code
   * byItem}: what filtering every item for the pair gives, in one pass.
   */
  private static Map<String, List<String>> sharedItems(Map<String, Map<String, String>> byItem) {
    Map<String, List<String>> shared = new HashMap<>();
    byItem.forEach(
        (item, labels) -> {
          List<String> who = new ArrayList<>(labels.keySet());
          for (int a = 0; a < who.size(); a++) {
            for (int b = a + 1; b < who.size(); b++) {
              shared
                  .computeIfAbsent(pairKey(who.get(a), who.get(b)), k -> new ArrayList<>())
                  .add(item);
            }
          }
        });
    return shared;
  }

  /**
   * The ratings of the items each pair of annotators both rated, by {@link #pairKey}, in their
   * order in {@code ratings}: what filtering the pair's ratings for those items gives, in one pass.
   */
  private static Map<String, List<Rating>> ratingsOfSharedItems(
      List<Rating> ratings, Map<String, Map<String, String>> byItem) {
    Map<String, List<Rating>> ofPair = new HashMap<>();
    for (Rating rating : ratings) {
      Map<String, String> labels = byItem.get(rating.itemId());
      if (labels.size() < 2) {
        continue;
      }
      for (String other : labels.keySet()) {
        if (!other.equals(rating.annotatorId())) {
          ofPair
              .computeIfAbsent(pairKey(rating.annotatorId(), other), k -> new ArrayList<>())
              .add(rating);
        }
      }
    }
    return ofPair;
  }

  private static boolean samePair(TranscriptAgreement.PairWer pair, String a, String b) {
    return (pair.first().equals(a) && pair.second().equals(b))
        || (pair.first().equals(b) && pair.second().equals(a));
  }

  // ---- annotators, items, batches ----

  /** Labels and time per annotator over the whole task type. */
  private record TaskTime(int labels, OptionalDouble medianSeconds, List<ItemLine> items) {}

  private static Map<String, TaskTime> times(List<SubmittedLabel> labels) {
    Map<String, List<SubmittedLabel>> byAnnotator = new LinkedHashMap<>();
    labels.forEach(
        l -> byAnnotator.computeIfAbsent(l.annotatorId(), k -> new ArrayList<>()).add(l));
    Map<String, TaskTime> times = new HashMap<>();
    // Each distinct time and minute formatted once (issue 22: a formatter call per label was
    // seconds at 1M labels); HOUR shows minutes, so every instant of a minute prints alike.
    Map<Long, String> spentText = new HashMap<>();
    Map<Long, String> minuteText = new HashMap<>();
    byAnnotator.forEach(
        (annotator, own) -> {
          double[] seconds =
              own.stream().mapToDouble(l -> l.timeSpent().toMillis() / 1000.0).sorted().toArray();
          int n = seconds.length;
          OptionalDouble median =
              n == 0
                  ? OptionalDouble.empty()
                  : OptionalDouble.of(
                      n % 2 == 1 ? seconds[n / 2] : (seconds[n / 2 - 1] + seconds[n / 2]) / 2);
          List<ItemLine> items =
              own.stream()
                  .map(
                      l ->
                          new ItemLine(
                              l.clipKey(),
                              spentText.computeIfAbsent(
                                      l.timeSpent().toMillis(),
                                      ms ->
                                          String.format(java.util.Locale.ROOT, "%.1f", ms / 1000.0))
                                  + " s, submitted "
                                  + minuteText.computeIfAbsent(
                                      Math.floorDiv(l.submittedAt().getEpochSecond(), 60),
                                      minute -> HOUR.format(Instant.ofEpochSecond(minute * 60))),
                              l.timeSpent().toMillis() / 1000.0))
                  .toList();
          times.put(annotator, new TaskTime(own.size(), median, items));
        });
    return times;
  }

  private static AnnotatorRow annotatorRow(
      String annotator,
      Map<String, TaskTime> times,
      Optional<GoldAccuracy> gold,
      OptionalDouble withRest,
      Optional<String> withRestReason,
      List<ItemLine> goldItems) {
    TaskTime time =
        times.getOrDefault(annotator, new TaskTime(0, OptionalDouble.empty(), List.of()));
    return new AnnotatorRow(
        annotator,
        time.labels(),
        time.medianSeconds(),
        gold,
        withRest,
        withRestReason,
        goldItems,
        time.items());
  }

  private static Map<String, Map<String, String>> byItem(List<Rating> ratings) {
    Map<String, Map<String, String>> byItem = new LinkedHashMap<>();
    for (Rating rating : ratings) {
      byItem
          .computeIfAbsent(rating.itemId(), k -> new LinkedHashMap<>())
          .put(rating.annotatorId(), rating.label());
    }
    return byItem;
  }

  private static List<ItemLine> itemLines(Map<String, Map<String, String>> byItem) {
    List<ItemLine> lines = new ArrayList<>();
    byItem.forEach(
        (item, labels) ->
            lines.add(
                new ItemLine(
                    item,
                    labels.entrySet().stream()
                        .map(e -> e.getKey() + ": " + e.getValue())
                        .collect(Collectors.joining(" · ")),
                    new java.util.HashSet<>(labels.values()).size())));
    return lines;
  }

  private static List<ItemLine> pairItems(
      Map<String, Map<String, String>> byItem,
      List<String> bothRated,
      String first,
      String second) {
    List<ItemLine> lines = new ArrayList<>();
    bothRated.forEach(
        item -> {
          Map<String, String> labels = byItem.get(item);
          if (labels.containsKey(first) && labels.containsKey(second)) {
            String a = labels.get(first);
            String b = labels.get(second);
            lines.add(
                new ItemLine(
                    item,
                    (a.equals(b) ? "agree · " : "differ · ")
                        + first
                        + ": "
                        + a
                        + " · "
                        + second
                        + ": "
                        + b,
                    a.equals(b) ? 0 : 1));
          }
        });
    return lines;
  }

  private static String describe(AgreementResult result) {
    return result.isDefined()
        ? Measure.format(result.value().getAsDouble())
        : "— (" + result.undefinedReason().orElseThrow().explanation() + ")";
  }

  /** A named set of items the trend computes one point on. */
  public record Batch(String name, Set<String> clipKeys) {}

  private static long distinctRuns(AgreementData data) {
    return data.labels().stream().mapToLong(SubmittedLabel::importRunId).distinct().count();
  }

  /**
   * Import runs when the labels span several; otherwise up to {@value #WINDOWS} equal windows of
   * items ordered by the time their last label was submitted.
   */
  public static List<Batch> batches(AgreementData data) {
    List<Batch> batches = new ArrayList<>();
    if (distinctRuns(data) > 1) {
      Map<Long, ImportBatch> runs = new HashMap<>();
      data.batches().forEach(b -> runs.put(b.id(), b));
      Map<Long, Set<String>> items = new java.util.TreeMap<>();
      data.labels()
          .forEach(
              l ->
                  items
                      .computeIfAbsent(l.importRunId(), k -> new LinkedHashSet<>())
                      .add(l.clipKey()));
      items.forEach(
          (run, keys) -> {
            ImportBatch batch = runs.get(run);
            String name =
                batch == null
                    ? "import " + run
                    : "import "
                        + run
                        + " ("
                        + batch.manifestName()
                        + ", "
                        + HOUR.format(batch.startedAt())
                        + ")";
            batches.add(new Batch(name, keys));
          });
      return batches;
    }
    Map<String, Instant> last = new LinkedHashMap<>();
    data.labels()
        .forEach(l -> last.merge(l.clipKey(), l.submittedAt(), (x, y) -> x.isAfter(y) ? x : y));
    List<Map.Entry<String, Instant>> ordered =
        last.entrySet().stream()
            .sorted(
                Map.Entry.<String, Instant>comparingByValue()
                    .thenComparing(Map.Entry.comparingByKey()))
            .toList();
    int windows = Math.min(WINDOWS, ordered.size());
    for (int w = 0; w < windows; w++) {
      int from = w * ordered.size() / windows;
      int to = (w + 1) * ordered.size() / windows;
      List<Map.Entry<String, Instant>> part = ordered.subList(from, to);
      Set<String> keys = new LinkedHashSet<>();
      part.forEach(e -> keys.add(e.getKey()));
      batches.add(
          new Batch(
              "window "
                  + (w + 1)
                  + " ("
                  + HOUR.format(part.get(0).getValue())
                  + " – "
                  + HOUR.format(part.get(part.size() - 1).getValue())
                  + ")",
              keys));
    }
    return batches;
  }
}
