package dev.earmark.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earmark.audio.decode.InvalidAudioException;
import dev.earmark.audio.features.FeatureExtractor;
import dev.earmark.audio.qe.FeatureContribution;
import dev.earmark.audio.qe.QeModel;
import dev.earmark.audio.qe.QePrediction;
import dev.earmark.fixtures.DemoDataset;
import dev.earmark.fixtures.DemoDataset.DemoFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the job on Spark in local mode (two threads, small input splits so that several tasks share
 * the executor) over the demo's 42 real clips (WAV, FLAC, MP3 and Ogg Vorbis) and two of its broken
 * files, and compares every row with what {@code earmark qe predict FILE} computes for the same
 * file: {@link FeatureExtractor#extract(Path)} then {@link QeModel#predict} on {@link
 * QeModel#loadDefault()}, the calls QePredictCommand makes. Doubles are compared bit for bit.
 */
class QeScoringJobTest {
  private static final LocalDate DAY = LocalDate.of(2026, 12, 7);

  /** No REVIEW_THRESHOLD argument: the job uses the one the model carries, as qe predict does. */
  private static final double THRESHOLD = QeModel.loadDefault().metadata().defaultReviewThreshold();

  private static final List<String> BROKEN = List.of("not-audio.wav", "truncated-data.wav");

  private static SparkSession spark;

  @TempDir static Path work;

  private static Path input;
  private static Map<String, String> expectedSha256;

  @BeforeAll
  static void startSparkAndCopyClips() throws IOException {
    spark =
        SparkSession.builder()
            .master("local[2]")
            .appName("QeScoringJobTest")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.sql.shuffle.partitions", "2")
            // About eight files per task: the scorer runs in many tasks on one executor.
            .config("spark.sql.files.maxPartitionBytes", "600000")
            .config("spark.sql.files.openCostInBytes", "1")
            .config("spark.sql.warehouse.dir", work.resolve("warehouse").toString())
            .getOrCreate();
    input = work.resolve("input");
    Files.createDirectories(input.resolve("broken"));
    expectedSha256 = new HashMap<>();
    for (DemoFile file : DemoDataset.files()) {
      String name = file.path().substring(file.path().lastIndexOf('/') + 1);
      boolean clip = file.path().startsWith("audio/clip-");
      boolean broken = file.path().startsWith("broken/") && BROKEN.contains(name);
      if (clip || broken) {
        Path copy = input.resolve(broken ? "broken/" + name : name);
        Files.write(copy, demoBytes(file.path()));
        expectedSha256.put(copy.getFileName().toString(), file.sha256());
      }
    }
    assertThat(expectedSha256).hasSize(44);
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  @Test
  void everyClipIsScoredBitForBitAsEarmarkQePredictScoresIt() throws IOException {
    Path table = work.resolve("parity");
    QeScoringJob.Summary summary = run(input, table, DAY);

    assertThat(summary).isEqualTo(new QeScoringJob.Summary(44, 44, 2));
    assertThat(spark.read().format("binaryFile").load(input.toString()).rdd().getNumPartitions())
        .as("tasks that shared the executor's one model")
        .isGreaterThan(2);
    assertThat(ExecutorModels.loads()).as("models built in this JVM").isEqualTo(1);

    QeModel model = QeModel.loadDefault();
    List<Row> rows =
        spark.read().schema(ScoredClips.SCHEMA).parquet(table.toString()).collectAsList();
    assertThat(rows).hasSize(44);
    int compared = 0;
    for (Row row : rows) {
      Path file = Path.of(java.net.URI.create(row.getAs(ScoredClips.PATH)));
      String name = file.getFileName().toString();
      assertThat((String) row.getAs(ScoredClips.SHA256))
          .as("%s: SHA-256 against the demo's FILES.sha256", name)
          .isEqualTo(expectedSha256.get(name));
      assertThat((long) row.getAs(ScoredClips.LENGTH)).isEqualTo(Files.size(file));
      assertThat(row.<java.sql.Date>getAs(ScoredClips.DATE).toLocalDate()).isEqualTo(DAY);
      assertThat((String) row.getAs(ScoredClips.MODEL_ID)).isEqualTo(model.metadata().modelId());
      if (BROKEN.contains(name)) {
        assertThatThrownBy(() -> FeatureExtractor.extract(file))
            .isInstanceOf(InvalidAudioException.class);
        assertThat((String) row.getAs(ScoredClips.ERROR)).startsWith("not usable audio: ");
        assertThat(row.isNullAt(row.fieldIndex(ScoredClips.PREDICTED_WER))).isTrue();
        continue;
      }
      assertThat((String) row.getAs(ScoredClips.ERROR)).as(name).isNull();
      double[] features = FeatureExtractor.extract(file).vector();
      QePrediction expected = model.predict(features, THRESHOLD, QeScoringJob.TOP_FEATURES);
      assertSameBits(
          name + " features", row.getList(row.fieldIndex(ScoredClips.FEATURES)), features);
      assertSameBits(
          name + " predicted WER", row.getAs(ScoredClips.PREDICTED_WER), expected.predictedWer());
      assertSameBits(
          name + " calibrated WER",
          row.getAs(ScoredClips.CALIBRATED_OBSERVED_WER),
          expected.calibration().meanObservedWer());
      assertThat((boolean) row.getAs(ScoredClips.REVIEW_RECOMMENDED))
          .isEqualTo(expected.reviewRecommended());
      List<Row> top = row.getList(row.fieldIndex(ScoredClips.TOP_FEATURES));
      assertThat(top).hasSize(expected.topFeatures().size());
      for (int i = 0; i < top.size(); i++) {
        FeatureContribution c = expected.topFeatures().get(i);
        assertThat(top.get(i).getString(0)).isEqualTo(c.feature());
        assertSameBits(name + " " + c.feature(), top.get(i).getDouble(1), c.value());
        assertSameBits(
            name + " " + c.feature() + " contribution", top.get(i).getDouble(2), c.contribution());
      }
      compared++;
    }
    assertThat(compared).isEqualTo(42);
  }

  @Test
  void aSecondRunAddsNoRowAndALaterOneOnlyTheNewContent() throws IOException {
    Path table = work.resolve("idempotent");
    assertThat(run(input, table, DAY).scored()).isEqualTo(44);

    assertThat(run(input, table, DAY)).isEqualTo(new QeScoringJob.Summary(44, 0, 0));
    assertThat(run(input, table, DAY.plusDays(1))).isEqualTo(new QeScoringJob.Summary(44, 0, 0));
    assertThat(rows(table)).isEqualTo(44);

    // The next day brings one new clip, and an old clip again under a new name (twice).
    Path nextDay = work.resolve("next-day");
    Files.createDirectories(nextDay);
    Files.write(nextDay.resolve("rag-001-answer.wav"), demoBytes("audio/rag-001-answer.wav"));
    Files.copy(input.resolve("clip-001.wav"), nextDay.resolve("renamed-a.wav"));
    Files.copy(input.resolve("clip-001.wav"), nextDay.resolve("renamed-b.wav"));
    assertThat(run(nextDay, table, DAY.plusDays(1))).isEqualTo(new QeScoringJob.Summary(3, 1, 0));
    assertThat(rows(table)).isEqualTo(45);
    List<Row> added =
        spark
            .read()
            .schema(ScoredClips.SCHEMA)
            .parquet(table.toString())
            .where("date = DATE'2026-12-08'")
            .collectAsList();
    assertThat(added).hasSize(1);
    assertThat((String) added.get(0).getAs(ScoredClips.PATH)).endsWith("/rag-001-answer.wav");
  }

  @Test
  void repeatedContentInOneInputGetsOneRowUnderItsFirstPath() throws IOException {
    Path twice = work.resolve("twice");
    Files.createDirectories(twice);
    Files.copy(input.resolve("clip-002.wav"), twice.resolve("b.wav"));
    Files.copy(input.resolve("clip-002.wav"), twice.resolve("a.wav"));
    Path table = work.resolve("twice-table");
    assertThat(run(twice, table, DAY)).isEqualTo(new QeScoringJob.Summary(2, 1, 0));
    Row row = spark.read().schema(ScoredClips.SCHEMA).parquet(table.toString()).first();
    assertThat((String) row.getAs(ScoredClips.PATH)).endsWith("/twice/a.wav");
  }

  @Test
  void mainsExitCodesAndOneLineErrors() throws IOException {
    Path table = work.resolve("exit-codes");
    Output ok =
        execute(
            input.resolve("clip-00*.wav").toString(), table.toString(), "default", "2026-12-07");
    assertThat(ok.exit).isZero();
    assertThat(ok.out)
        .contains("9 files read, 9 new contents scored into " + table + " (date=2026-12-07)");
    assertThat(ok.out).contains("model ");

    Output broken =
        execute(input.resolve("broken").toString(), table.toString(), "default", "2026-12-07");
    assertThat(broken.exit).as(broken.out).isEqualTo(1);
    assertThat(broken.out).contains("2 not usable audio");

    Output badDate = execute(input.toString(), table.toString(), "default", "7/12/2026");
    assertThat(badDate.exit).isEqualTo(2);
    assertThat(badDate.err).startsWith("error: DATE \"7/12/2026\" is not a date").hasLineCount(1);

    Path notAModel =
        Files.writeString(work.resolve("not-a-model.qe"), "hello", StandardCharsets.UTF_8);
    Output badModel =
        execute(input.toString(), table.toString(), notAModel.toString(), "2026-12-07");
    assertThat(badModel.exit).isEqualTo(2);
    assertThat(badModel.err)
        .startsWith("error: " + notAModel)
        .contains("not a QE model")
        .hasLineCount(1);

    Output fileAsTable = execute(input.toString(), notAModel.toString(), "default", "2026-12-07");
    assertThat(fileAsTable.exit).isEqualTo(2);
    assertThat(fileAsTable.err)
        .isEqualTo("error: OUTPUT " + notAModel + " is a file; give the table's folder\n");

    Output noInput =
        execute(work.resolve("nowhere").toString(), table.toString(), "default", "2026-12-07");
    assertThat(noInput.exit).isEqualTo(2);
    assertThat(noInput.err).startsWith("error: INPUT ").contains("nowhere").hasLineCount(1);
  }

  private static QeScoringJob.Summary run(Path in, Path table, LocalDate date) {
    return QeScoringJob.run(
        spark,
        new QeScoringJob.Arguments(in.toString(), table.toString(), "default", date, null),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
  }

  private static long rows(Path table) {
    return spark.read().schema(ScoredClips.SCHEMA).parquet(table.toString()).count();
  }

  private record Output(int exit, String out, String err) {}

  private static Output execute(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        QeScoringJob.execute(
            args,
            () -> spark,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Output(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static void assertSameBits(String what, double actual, double expected) {
    assertThat(Double.doubleToRawLongBits(actual))
        .as("%s: %s vs %s", what, actual, expected)
        .isEqualTo(Double.doubleToRawLongBits(expected));
  }

  private static void assertSameBits(String what, List<Double> actual, double[] expected) {
    assertThat(actual).as(what).hasSize(expected.length);
    List<String> mismatches = new ArrayList<>();
    for (int i = 0; i < expected.length; i++) {
      if (Double.doubleToRawLongBits(actual.get(i)) != Double.doubleToRawLongBits(expected[i])) {
        mismatches.add(i + ": " + actual.get(i) + " vs " + expected[i]);
      }
    }
    assertThat(mismatches).as(what).isEmpty();
  }

  private static byte[] demoBytes(String relative) throws IOException {
    try (InputStream in =
        DemoDataset.class
            .getClassLoader()
            .getResourceAsStream(DemoDataset.RESOURCE_ROOT + relative)) {
      assertThat(in).as(relative).isNotNull();
      return in.readAllBytes();
    }
  }
}
