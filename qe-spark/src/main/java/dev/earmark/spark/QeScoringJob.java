package dev.earmark.spark;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sha2;

import dev.earmark.audio.qe.QeModel;
import dev.earmark.audio.qe.QeModelException;
import dev.earmark.audio.qe.QeModelMetadata;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The batch QE job: every file under an input path scored with a QE model into a Parquet table
 * ({@link ScoredClips}) partitioned by date, keyed by the content's SHA-256.
 *
 * <p>Two passes over the input, so that audio bytes never cross the network: the first reads each
 * file once to hash it (Spark's {@code sha2}), drops contents the table already holds (an anti-join
 * of hashes) and repeats within the input (the first path wins); the second reads the input again,
 * keeps the new files by a broadcast join on their paths, and scores them in {@code mapPartitions}
 * ({@link ClipScorer}). A re-run over the same input therefore adds no row, and stops after the
 * first pass. Spark's commit protocol makes each run's rows appear all at once or not at all. Runs
 * writing to the same table must not overlap.
 *
 * <p>Usage: {@code INPUT OUTPUT MODEL DATE [REVIEW_THRESHOLD]} (docs/qe.md, "Scoring at cluster
 * scale"). Exit 0 when every new file was scored; 1 when some were not usable audio (they have rows
 * with an error); 2 for bad arguments, an unreadable model or input; 3 when the job itself failed.
 */
public final class QeScoringJob {
  private static final Logger LOG = LoggerFactory.getLogger(QeScoringJob.class);

  /** The model argument that names the model shipped in audio. */
  public static final String DEFAULT_MODEL = "default";

  /** As {@code earmark qe predict FILE} without {@code --top}. */
  public static final int TOP_FEATURES = 3;

  static final String USAGE =
      "usage: QeScoringJob INPUT OUTPUT MODEL DATE [REVIEW_THRESHOLD]  (INPUT: a folder or glob;"
          + " OUTPUT: the Parquet table; MODEL: a model file or \"default\"; DATE: yyyy-mm-dd)";

  private QeScoringJob() {}

  /**
   * What to run.
   *
   * @param input folder (read recursively) or glob of audio files, any Hadoop file system
   * @param output the Parquet table's folder; created by the first run
   * @param model a QE model file any Hadoop file system can read, or {@link #DEFAULT_MODEL}
   * @param date the partition this run's rows go to
   * @param reviewThreshold predicted WER at or above which review is recommended; null (no
   *     REVIEW_THRESHOLD argument) for the threshold the model carries from its calibration, as
   *     {@code earmark qe predict FILE} without {@code --review-threshold}
   */
  public record Arguments(
      String input, String output, String model, LocalDate date, Double reviewThreshold) {
    /**
     * @throws JobInputException naming the bad argument
     */
    public static Arguments parse(String... args) {
      if (args.length < 4 || args.length > 5) {
        throw new JobInputException("expected 4 or 5 arguments, got " + args.length + "; " + USAGE);
      }
      LocalDate date;
      try {
        date = LocalDate.parse(args[3]);
      } catch (DateTimeParseException e) {
        throw new JobInputException(
            "DATE \"" + args[3] + "\" is not a date like 2026-12-07; " + USAGE);
      }
      Double threshold = null;
      if (args.length == 5) {
        try {
          threshold = Double.valueOf(args[4]);
        } catch (NumberFormatException e) {
          threshold = Double.NaN;
        }
        if (!(threshold >= 0)) {
          throw new JobInputException(
              "REVIEW_THRESHOLD \"" + args[4] + "\" is not a WER (a number, 0 or more)");
        }
      }
      return new Arguments(args[0], args[1], args[2], date, threshold);
    }
  }

  /**
   * What a run did.
   *
   * @param files files the input listed
   * @param scored rows this run added (new contents), failures included
   * @param failed of those, files that were not usable audio
   */
  public record Summary(long files, long scored, long failed) {}

  public static void main(String[] args) {
    SparkSession[] started = new SparkSession[1];
    int exit =
        execute(
            args,
            () -> started[0] = SparkSession.builder().appName("earmark-qe-scoring").getOrCreate(),
            System.out,
            System.err);
    if (started[0] != null) {
      started[0].stop();
    }
    System.exit(exit);
  }

  /**
   * Parses {@code args}, then runs on the session {@code spark} gives (asked for only once the
   * arguments are good) and prints the outcome; returns the exit code.
   */
  static int execute(
      String[] args, Supplier<SparkSession> spark, PrintStream out, PrintStream err) {
    try {
      Arguments arguments = Arguments.parse(args);
      Summary summary = run(spark.get(), arguments, out);
      out.printf(
          Locale.ROOT,
          "%d files read, %d new contents scored into %s (date=%s), %d not usable audio%n",
          summary.files(),
          summary.scored(),
          arguments.output(),
          arguments.date(),
          summary.failed());
      return summary.failed() == 0 ? 0 : 1;
    } catch (JobInputException e) {
      err.println("error: " + e.getMessage());
      return 2;
    } catch (RuntimeException e) {
      LOG.error("The QE scoring job failed", e);
      err.println(
          "error: the job failed ("
              + e.getClass().getSimpleName()
              + "); nothing was added to the table, the driver's log has the cause");
      return 3;
    }
  }

  /** Runs the job; {@code out} gets the model line (its id and whether it passed its gate). */
  public static Summary run(SparkSession spark, Arguments arguments, PrintStream out) {
    byte[] modelBytes = modelBytes(spark, arguments.model());
    QeModelMetadata metadata;
    try {
      metadata = QeModel.fromBytes(modelBytes, arguments.model()).metadata();
    } catch (QeModelException e) {
      throw new JobInputException(e.getMessage());
    }
    double threshold =
        arguments.reviewThreshold() == null
            ? metadata.defaultReviewThreshold()
            : arguments.reviewThreshold();
    out.printf(
        Locale.ROOT,
        "model %s (%s), review threshold %.2f (%s)%n",
        metadata.modelId(),
        metadata.passedGate()
            ? "passed its rho gate"
            : "WARNING: did not pass its rho gate; treat hints as unreliable",
        threshold,
        arguments.reviewThreshold() == null
            ? metadata.reviewThresholdSource()
            : "the REVIEW_THRESHOLD argument");

    Dataset<Row> known = known(spark, arguments.output());
    Dataset<Row> index =
        audio(spark, arguments.input())
            .select(
                col(ScoredClips.PATH),
                col(ScoredClips.LENGTH),
                sha2(col("content"), 256).as(ScoredClips.SHA256))
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      long files = index.count();
      Dataset<Row> fresh =
          index
              .join(known, ScoredClips.SHA256, "left_anti")
              .groupBy(ScoredClips.SHA256)
              .agg(min(ScoredClips.PATH).as(ScoredClips.PATH))
              .persist(StorageLevel.MEMORY_AND_DISK());
      try {
        if (fresh.isEmpty()) {
          return new Summary(files, 0, 0);
        }
        return score(spark, arguments, threshold, modelBytes, fresh, files);
      } finally {
        fresh.unpersist();
      }
    } finally {
      index.unpersist();
    }
  }

  private static Summary score(
      SparkSession spark,
      Arguments arguments,
      double reviewThreshold,
      byte[] modelBytes,
      Dataset<Row> fresh,
      long files) {
    Broadcast<byte[]> model =
        JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(modelBytes);
    ClipScorer scorer =
        new ClipScorer(
            model, ClipScorer.sha256(modelBytes), arguments.model(), reviewThreshold, TOP_FEATURES);
    Dataset<Row> scored =
        audio(spark, arguments.input())
            .join(broadcast(fresh), ScoredClips.PATH)
            .select(col(ScoredClips.PATH), col(ScoredClips.LENGTH), col("content"))
            .mapPartitions(scorer, Encoders.row(ScoredClips.SCORED))
            .withColumn(ScoredClips.DATE, lit(java.sql.Date.valueOf(arguments.date())))
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      // Scores every new file once, into the cache, and counts before writing: the write re-plans
      // cached queries that read the table (Spark's recacheByPath), and this one reads its hashes.
      long rows = scored.count();
      long failed = scored.filter(col(ScoredClips.ERROR).isNotNull()).count();
      scored
          .write()
          .mode(SaveMode.Append)
          .partitionBy(ScoredClips.DATE)
          .parquet(arguments.output());
      return new Summary(files, rows, failed);
    } finally {
      scored.unpersist();
      model.destroy();
    }
  }

  /** The input's files as {@code binaryFile} rows: path, modificationTime, length, content. */
  private static Dataset<Row> audio(SparkSession spark, String input) {
    try {
      return spark.read().format("binaryFile").option("recursiveFileLookup", "true").load(input);
    } catch (Exception e) { // Scala declares no checked exceptions: javac cannot see this one.
      if (e instanceof AnalysisException missing) {
        throw new JobInputException("INPUT " + input + ": " + missing.getSimpleMessage());
      }
      throw e;
    }
  }

  /** The hashes the table already holds (none before its first run). */
  private static Dataset<Row> known(SparkSession spark, String output) {
    Path table = new Path(output);
    try {
      FileSystem fs = table.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (fs.exists(table) && !fs.getFileStatus(table).isDirectory()) {
        throw new JobInputException("OUTPUT " + output + " is a file; give the table's folder");
      }
      if (fs.exists(table)) {
        return spark.read().schema(ScoredClips.SCHEMA).parquet(output).select(ScoredClips.SHA256);
      }
    } catch (IOException e) {
      throw new JobInputException("OUTPUT " + output + ": " + e.getMessage());
    }
    return spark.createDataFrame(
        List.<Row>of(),
        new StructType(new StructField[] {ScoredClips.SCHEMA.apply(ScoredClips.SHA256)}));
  }

  private static byte[] modelBytes(SparkSession spark, String model) {
    if (DEFAULT_MODEL.equals(model)) {
      try (InputStream in = QeModel.class.getResourceAsStream(QeModel.DEFAULT_MODEL_RESOURCE)) {
        if (in == null) {
          throw new JobInputException("this build has no default QE model; give a model file");
        }
        return in.readAllBytes();
      } catch (IOException e) {
        throw new JobInputException("the default QE model cannot be read: " + e.getMessage());
      }
    }
    Path file = new Path(model);
    try (InputStream in =
        file.getFileSystem(spark.sparkContext().hadoopConfiguration()).open(file)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new JobInputException("MODEL " + model + " cannot be read: " + e.getMessage());
    }
  }
}
