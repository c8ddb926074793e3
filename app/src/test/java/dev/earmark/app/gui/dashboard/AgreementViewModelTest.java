package dev.earmark.app.gui.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earmark.app.TestClocks;
import dev.earmark.app.cli.EarmarkCommand;
import dev.earmark.app.demo.DemoCreation;
import dev.earmark.app.gui.CurrentThreadExecutor;
import dev.earmark.app.gui.HeldExecutor;
import dev.earmark.app.gui.background.BackgroundExecutor;
import dev.earmark.engine.agreement.AgreementResult;
import dev.earmark.engine.agreement.AgreementStatistic;
import dev.earmark.engine.agreement.ConfidenceInterval;
import dev.earmark.engine.agreement.GoldAccuracy;
import dev.earmark.engine.agreement.LabelScale;
import dev.earmark.engine.agreement.MeasurementLevel;
import dev.earmark.engine.agreement.NormalizedComparator;
import dev.earmark.engine.agreement.Rating;
import dev.earmark.engine.agreement.RatingTable;
import dev.earmark.engine.agreement.TranscriptAgreement;
import dev.earmark.engine.agreement.UndefinedReason;
import dev.earmark.engine.normalize.Normalizer;
import dev.earmark.engine.normalize.RuleSets;
import dev.earmark.engine.rubric.TaskType;
import dev.earmark.fixtures.DemoDataset;
import dev.earmark.storage.agreement.AgreementData;
import dev.earmark.storage.agreement.AgreementFigures;
import dev.earmark.storage.agreement.AgreementReader;
import dev.earmark.storage.agreement.AnnotatorRow;
import dev.earmark.storage.agreement.ConfusionMatrix;
import dev.earmark.storage.agreement.FieldFigures;
import dev.earmark.storage.agreement.FieldKind;
import dev.earmark.storage.agreement.HeatMap;
import dev.earmark.storage.agreement.ItemLine;
import dev.earmark.storage.agreement.Measure;
import dev.earmark.storage.agreement.TaskFigures;
import dev.earmark.storage.agreement.TrendPoint;
import dev.earmark.storage.policy.Policies;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.user.Actor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard's view-model on the real demo project, acting as lead-demo: every figure must be
 * the engine's on the same labels. Expected values are computed here from the committed fixture
 * files (not from storage), through the engine's public API, and one of them through {@code earmark
 * agreement}.
 */
class AgreementViewModelTest {
  private static final String LEAD = "lead-demo";
  private static final AgreementFigures.Settings SETTINGS = new AgreementFigures.Settings(300, 7);
  @TempDir static Path dir;
  private static Project project;
  private static List<JsonNode> fixtureLabels;
  private static List<JsonNode> fixtureGold;
  private AgreementViewModel model;

  @BeforeAll
  static void buildDemo() throws IOException {
    DemoCreation.create(dir.resolve("demo"), LEAD, TestClocks.FIXED);
    project = Project.openEmbedded(dir.resolve("demo"), false, TestClocks.FIXED);
    Path data = DemoDataset.copyTo(dir.resolve("fixture")).getParent();
    fixtureLabels = jsonLines(data.resolve(DemoDataset.LABELS));
    fixtureGold = jsonLines(data.resolve(DemoDataset.GOLD));
  }

  @AfterAll
  static void removeDemo() throws IOException {
    project.close();
  }

  @BeforeEach
  void newModel() {
    model = modelFor(LEAD, new CurrentThreadExecutor());
  }

  private static AgreementViewModel modelFor(String user, BackgroundExecutor executor) {
    AgreementReader reader = new AgreementReader(project, new Policies(project));
    Actor actor = project.users().actor(user);
    return new AgreementViewModel(type -> reader.read(actor, type), executor, SETTINGS);
  }

  private static List<JsonNode> jsonLines(Path file) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      if (!line.isBlank()) {
        lines.add(json.readTree(line));
      }
    }
    return lines;
  }

  /** The fixture's ratings of one scale or option field, as the engine takes them. */
  private static List<Rating> fixtureRatings(String taskType, String field) {
    List<Rating> ratings = new ArrayList<>();
    for (JsonNode line : fixtureLabels) {
      JsonNode value = line.path("value").path("fields").get(field);
      if (line.get("task_type").asText().equals(taskType) && value != null) {
        ratings.add(
            new Rating(
                line.get("clip_id").asText(), line.get("annotator_id").asText(), value.asText()));
      }
    }
    return ratings;
  }

  private FieldFigures field(TaskType type, String name) {
    model.select(type);
    return model.figuresProperty().get().field(name).orElseThrow();
  }

  @Test
  void aScaleCardShowsTheEnginesOrdinalAlphaIntervalAndPercentAgreement() {
    FieldFigures naturalness = field(TaskType.TTS_RATING, "naturalness");

    RatingTable table =
        RatingTable.of(
            fixtureRatings("tts-rating", "naturalness"),
            LabelScale.ordered(List.of("1", "2", "3", "4", "5")));
    AgreementStatistic alpha = new AgreementStatistic.KrippendorffAlpha(MeasurementLevel.ORDINAL);
    AgreementResult expected = alpha.compute(table);
    ConfidenceInterval interval = alpha.bootstrap(table, 300, 7).orElseThrow();

    assertThat(naturalness.kind()).isEqualTo(FieldKind.SCALE);
    assertThat(naturalness.headline().value().getAsDouble())
        .isEqualTo(expected.value().getAsDouble());
    assertThat(naturalness.headline().interval()).contains(interval);
    assertThat(naturalness.items()).hasSize(6);
    assertThat(naturalness.annotators()).containsExactly("ann-alex", "ann-bea", "ann-cem");
    assertThat(naturalness.measure(AgreementFigures.PERCENT).orElseThrow().value().getAsDouble())
        .isEqualTo(new AgreementStatistic.PercentAgreement().compute(table).value().getAsDouble());
    // Three annotators: Cohen's kappa does not apply to the field, only to its pairs.
    Measure cohen =
        naturalness.measure(AgreementFigures.COHEN + " (quadratic weights)").orElseThrow();
    assertThat(cohen.isDefined()).isFalse();
    assertThat(cohen.reason().orElseThrow()).contains("exactly two annotators");
    assertThat(model.messageProperty().get()).contains("fields compared");
  }

  @Test
  void theCardsAlphaAndIntervalEqualWhatEarmarkAgreementPrintsForTheSameLabels() throws Exception {
    FieldFigures prosody = field(TaskType.TTS_RATING, "prosody");
    // The same labels in the order storage gives them, as the command's CSV.
    AgreementData data =
        new AgreementReader(project, new Policies(project))
            .read(project.users().actor(LEAD), TaskType.TTS_RATING)
            .orElseThrow();
    StringBuilder csv = new StringBuilder("item_id,annotator_id,label\n");
    data.labels()
        .forEach(
            l ->
                l.value()
                    .field("prosody")
                    .ifPresent(
                        v ->
                            csv.append(l.clipKey())
                                .append(',')
                                .append(l.annotatorId())
                                .append(',')
                                .append(
                                    ((dev.earmark.engine.rubric.FieldValue.ScalePoint) v).point())
                                .append('\n')));
    Path file = dir.resolve("prosody.csv");
    Files.writeString(file, csv);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int exit =
        EarmarkCommand.run(
            new String[] {
              "agreement",
              "--input",
              file.toString(),
              "--metric",
              "krippendorff",
              "--level",
              "ordinal",
              "--bootstrap",
              "300",
              "--seed",
              "7",
              "--json"
            },
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    JsonNode printed = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));

    assertThat(exit).isZero();
    assertThat(prosody.headline().value().getAsDouble())
        .isCloseTo(printed.get("value").asDouble(), within(1e-12));
    assertThat(prosody.headline().interval().orElseThrow().low())
        .isCloseTo(printed.get("ci95").get(0).asDouble(), within(1e-12));
    assertThat(prosody.headline().interval().orElseThrow().high())
        .isCloseTo(printed.get("ci95").get(1).asDouble(), within(1e-12));
    assertThat(prosody.items()).hasSize(printed.get("items").asInt());
  }

  @Test
  void transcriptsArePairwiseNormalizedWerAndGoldIsIdenticalAfterNormalization() {
    FieldFigures transcript = field(TaskType.ASR_TRANSCRIPT, "transcript");

    Normalizer normalizer = Normalizer.compile(RuleSets.enAsr1());
    List<TranscriptAgreement.Transcript> transcripts = new ArrayList<>();
    for (JsonNode line : fixtureLabels) {
      if (line.get("task_type").asText().equals("asr-transcript")) {
        transcripts.add(
            new TranscriptAgreement.Transcript(
                line.get("clip_id").asText(),
                line.get("annotator_id").asText(),
                line.path("value").path("fields").path("transcript").asText()));
      }
    }
    TranscriptAgreement expected =
        TranscriptAgreement.of(transcripts, new NormalizedComparator(normalizer));

    assertThat(transcript.headline().value().getAsDouble()).isEqualTo(expected.overall().wer());
    TranscriptAgreement.PairWer alexBea =
        expected.annotatorPairs().stream()
            .filter(p -> p.first().equals("ann-alex") && p.second().equals("ann-bea"))
            .findFirst()
            .orElseThrow();
    HeatMap.Cell cell = transcript.heatMap().cell("ann-bea", "ann-alex").orElseThrow();
    assertThat(cell.value().getAsDouble()).isEqualTo(alexBea.wer().wer());
    assertThat(transcript.heatMap().higherIsBetter()).isFalse();

    model.openPair("ann-alex", "ann-bea");
    long both =
        expected.items().stream()
            .filter(
                i ->
                    i.pairs().stream()
                        .anyMatch(
                            p ->
                                java.util.Set.of(p.first(), p.second())
                                    .equals(java.util.Set.of("ann-alex", "ann-bea"))))
            .count();
    assertThat(model.itemsBehindProperty().get().items()).hasSize((int) both);
    assertThat(model.itemsBehindProperty().get().items().get(0).detail()).startsWith("WER ");

    // Gold: identical to the gold transcript after en-asr@1, computed by the engine.
    List<Rating> normalized = new ArrayList<>();
    transcripts.forEach(
        t ->
            normalized.add(
                new Rating(
                    t.itemId(),
                    t.annotatorId(),
                    AgreementFigures.normalizedLabel(normalizer, t.text()))));
    Map<String, String> gold = new LinkedHashMap<>();
    fixtureGold.stream()
        .filter(g -> g.get("task_type").asText().equals("asr-transcript"))
        .forEach(
            g ->
                gold.put(
                    g.get("clip_id").asText(),
                    AgreementFigures.normalizedLabel(
                        normalizer, g.path("value").path("fields").path("transcript").asText())));
    List<GoldAccuracy> accuracies =
        GoldAccuracy.of(RatingTable.of(normalized, LabelScale.unordered()), gold);
    for (GoldAccuracy accuracy : accuracies) {
      AnnotatorRow row =
          transcript.annotatorRows().stream()
              .filter(r -> r.annotator().equals(accuracy.annotator()))
              .findFirst()
              .orElseThrow();
      assertThat(row.gold()).contains(accuracy);
      model.openGold(accuracy.annotator());
      assertThat(model.itemsBehindProperty().get().items()).hasSize(accuracy.goldItemsRated());
    }
  }

  @Test
  void drillDownListsShowTheWorstItemsFirst() {
    FieldFigures transcript = field(TaskType.ASR_TRANSCRIPT, "transcript");

    model.openPair("ann-alex", "ann-bea");
    List<ItemLine> pair = model.itemsBehindProperty().get().items();
    assertThat(pair).hasSizeGreaterThan(2);
    assertThat(pair)
        .extracting(ItemLine::badness)
        .isSortedAccordingTo(java.util.Comparator.reverseOrder());
    assertThat(pair.get(0).detail()).startsWith("WER " + Measure.format(pair.get(0).badness()));
    assertThat(pair.get(0).badness()).isGreaterThan(pair.get(pair.size() - 1).badness());

    boolean someWrong = false;
    for (AnnotatorRow row : transcript.annotatorRows()) {
      if (row.gold().isEmpty()) {
        continue;
      }
      model.openGold(row.annotator());
      List<String> details =
          model.itemsBehindProperty().get().items().stream().map(ItemLine::detail).toList();
      someWrong |= details.stream().anyMatch(d -> d.startsWith("wrong"));
      assertThat(details)
          .as("wrong answers first")
          .isSortedAccordingTo(
              java.util.Comparator.comparing((String d) -> d.startsWith("wrong") ? 0 : 1));
    }
    assertThat(someWrong).as("the demo has wrong gold answers").isTrue();
  }

  @Test
  void categoricalFieldsGetFleissAndAConfusionMatrixWhoseCellsOpenTheirItems() {
    FieldFigures citation = field(TaskType.RAG_STAGES, "citation_correctness");
    List<Rating> ratings = fixtureRatings("rag-stages", "citation_correctness");
    RatingTable table = RatingTable.of(ratings, LabelScale.unordered());

    assertThat(citation.measure(AgreementFigures.FLEISS).orElseThrow().value().getAsDouble())
        .isCloseTo(
            new AgreementStatistic.FleissKappa().compute(table).value().getAsDouble(),
            within(1e-12));
    assertThat(citation.headline().value().getAsDouble())
        .isCloseTo(
            new AgreementStatistic.KrippendorffAlpha(MeasurementLevel.NOMINAL)
                .compute(table)
                .value()
                .getAsDouble(),
            within(1e-12));
    model.selectField("citation_correctness");
    ConfusionMatrix matrix = model.confusion().orElseThrow();
    assertThat(matrix.pair()).isEqualTo("ann-alex × ann-bea");
    int total = 0;
    for (int r = 0; r < matrix.categories().size(); r++) {
      for (int c = 0; c < matrix.categories().size(); c++) {
        total += matrix.count(r, c);
      }
    }
    assertThat(total).isEqualTo(5); // every RAG item is labeled by all three
    assertThat(matrix.categories())
        .containsExactly("correct", "some-wrong", "missing", "not-applicable");
    int row = matrix.categories().indexOf("missing");
    int column = matrix.categories().indexOf("missing");
    model.openConfusionCell(row, column);
    assertThat(model.itemsBehindProperty().get().items()).hasSize(matrix.count(row, column));
    model.selectConfusionPair(2);
    assertThat(model.confusion().orElseThrow().pair()).isEqualTo("ann-bea × ann-cem");
  }

  @Test
  void aFieldEveryoneAnswersAlikeShowsTheEnginesReasonInsteadOfANumber() {
    FieldFigures wrongLanguage = field(TaskType.ASR_TRANSCRIPT, "wrong_language");

    assertThat(wrongLanguage.headline().isDefined()).isFalse();
    assertThat(wrongLanguage.headline().reason())
        .contains(UndefinedReason.ONE_CATEGORY.explanation());
    assertThat(wrongLanguage.headline().text()).isEqualTo("—");
    // Segments are not compared, and the dashboard says so.
    assertThat(model.figuresProperty().get().notCompared())
        .anyMatch(note -> note.startsWith("segments"));
  }

  @Test
  void theAnnotatorTableHasTheMedianSecondsOfTheFixtureAndTheItemsBehindIt() {
    FieldFigures naturalness = field(TaskType.TTS_RATING, "naturalness");
    double[] seconds =
        fixtureLabels.stream()
            .filter(l -> l.get("task_type").asText().equals("tts-rating"))
            .filter(l -> l.get("annotator_id").asText().equals("ann-cem"))
            .mapToDouble(l -> l.get("time_spent_ms").asLong() / 1000.0)
            .sorted()
            .toArray();
    double median = (seconds[seconds.length / 2 - 1] + seconds[seconds.length / 2]) / 2;
    AnnotatorRow cem =
        naturalness.annotatorRows().stream()
            .filter(r -> r.annotator().equals("ann-cem"))
            .findFirst()
            .orElseThrow();

    assertThat(seconds).hasSize(6);
    assertThat(cem.medianSecondsPerItem().getAsDouble()).isCloseTo(median, within(1e-9));
    assertThat(cem.labels()).isEqualTo(6);
    // No TTS gold items in the demo: the engine's reason, not a zero.
    assertThat(cem.gold().orElseThrow().undefinedReason()).contains(UndefinedReason.NO_GOLD_ITEMS);
    model.selectField("naturalness");
    model.openAnnotatorItems("ann-cem");
    assertThat(model.itemsBehindProperty().get().items()).hasSize(6);
  }

  @Test
  void theTrendSplitsTheSingleImportIntoWindowsAndEachPointIsTheEnginesAlpha() {
    FieldFigures badAudio = field(TaskType.ASR_TRANSCRIPT, "bad_audio");

    assertThat(model.figuresProperty().get().trendBasis()).contains("windows");
    assertThat(badAudio.trend()).hasSize(4);
    int items = badAudio.trend().stream().mapToInt(p -> p.items().size()).sum();
    assertThat(items).isEqualTo(badAudio.items().size());
    TrendPoint first = badAudio.trend().get(0);
    List<Rating> ratings = new ArrayList<>();
    for (ItemLine line : first.items()) {
      for (String part : line.detail().split(" · ")) {
        String[] who = part.split(": ", 2);
        ratings.add(new Rating(line.clipKey(), who[0], who[1]));
      }
    }
    AgreementResult expected =
        new AgreementStatistic.KrippendorffAlpha(MeasurementLevel.NOMINAL)
            .compute(RatingTable.of(ratings, LabelScale.unordered()));
    assertThat(first.value()).isEqualTo(expected.value());
    model.openTrendPoint("bad_audio", 0);
    assertThat(model.itemsBehindProperty().get().items()).hasSize(first.items().size());
  }

  @Test
  void progressRunsToTheEndAndCancelLeavesNoHalfFigures() {
    List<Double> seen = new ArrayList<>();
    model.progressProperty().addListener((obs, old, now) -> seen.add(now.doubleValue()));
    model.select(TaskType.RAG_STAGES);
    assertThat(seen).contains(1.0);
    assertThat(seen.stream().filter(p -> p > 0 && p < 1)).isNotEmpty();
    assertThat(model.computingProperty().get()).isFalse();

    HeldExecutor held = new HeldExecutor();
    AgreementViewModel slow = modelFor(LEAD, held);
    slow.select(TaskType.TTS_RATING);
    assertThat(slow.computingProperty().get()).isTrue();
    slow.cancel();
    held.runAll();
    assertThat(slow.computingProperty().get()).isFalse();
    assertThat(slow.figuresProperty().get()).isNull();
    assertThat(slow.messageProperty().get()).startsWith("Cancelled");
    slow.recompute();
    held.runAll();
    assertThat(slow.figuresProperty().get().fields()).isNotEmpty();
  }

  @Test
  void switchingBackToATaskTypeShowsItsFiguresWithoutComputingAgain() {
    CurrentThreadExecutor executor = new CurrentThreadExecutor();
    AgreementViewModel switching = modelFor(LEAD, executor);
    switching.select(TaskType.TTS_RATING);
    TaskFigures tts = switching.figuresProperty().get();
    switching.select(TaskType.RAG_STAGES);
    switching.select(TaskType.TTS_RATING);

    assertThat(executor.submitted()).isEqualTo(2);
    assertThat(switching.figuresProperty().get()).isSameAs(tts);
    assertThat(switching.messageProperty().get()).contains("computed earlier");
    switching.recompute();
    assertThat(executor.submitted()).isEqualTo(3);
    assertThat(switching.figuresProperty().get()).isNotSameAs(tts);
    assertThat(switching.figuresProperty().get().field("naturalness").orElseThrow().headline())
        .isEqualTo(tts.field("naturalness").orElseThrow().headline());
  }

  @Test
  void anAnnotatorIsRefusedWithASentenceAndSeesNoFigures() {
    AgreementViewModel annotator = modelFor("ann-bea", new CurrentThreadExecutor());
    annotator.select(TaskType.TTS_RATING);

    assertThat(annotator.figuresProperty().get()).isNull();
    assertThat(annotator.messageProperty().get()).contains("ann-bea cannot read agreement figures");
  }

  @Test
  void theCsvExportWritesEveryNumberOfTheTaskType() throws IOException {
    FieldFigures naturalness = field(TaskType.TTS_RATING, "naturalness");
    Path file = dir.resolve("tts.csv");
    model.exportCsv(file);

    List<String> lines = Files.readAllLines(file);
    assertThat(lines.get(0)).isEqualTo(String.join(",", AgreementCsv.HEADER));
    assertThat(lines).hasSize(model.numbers().size() + 1);
    ConfidenceInterval ci = naturalness.headline().interval().orElseThrow();
    assertThat(lines)
        .contains(
            "tts-rating,naturalness,field,naturalness,Krippendorff's alpha (ordinal),"
                + naturalness.headline().value().getAsDouble()
                + ","
                + ci.low()
                + ","
                + ci.high()
                + ","
                + naturalness.headline().pairableItems()
                + ",\"95% bootstrap interval: "
                + ci.definedResamples()
                + " of 300 resamples defined, seed 7\"");
    assertThat(model.messageProperty().get()).startsWith("Saved " + model.numbers().size());
  }
}
