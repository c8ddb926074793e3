package dev.earmark.spark;

import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The job's output table: one row per distinct audio content (by SHA-256), partitioned by {@link
 * #DATE}, the day of the run that first scored it. A file that is not usable audio has a row too,
 * with {@link #ERROR} set and no prediction, so a re-run does not try it again.
 */
public final class ScoredClips {
  /** Lower-case hex SHA-256 of the file's bytes: the key. */
  public static final String SHA256 = "sha256";

  /** The file's path as the input listed it (the first, by path order, when contents repeat). */
  public static final String PATH = "path";

  /** The file's size in bytes. */
  public static final String LENGTH = "length";

  public static final String MODEL_ID = "model_id";
  public static final String FEATURE_SCHEMA_VERSION = "feature_schema_version";
  public static final String REVIEW_THRESHOLD = "review_threshold";
  public static final String PREDICTED_WER = "predicted_wer";
  public static final String REVIEW_RECOMMENDED = "review_recommended";
  public static final String CALIBRATED_OBSERVED_WER = "calibrated_observed_wer";

  /** The clip's feature vector in feature-schema order (docs/audio-features.md). */
  public static final String FEATURES = "features";

  /** The contributing features, largest absolute contribution first. */
  public static final String TOP_FEATURES = "top_features";

  /** Why the file could not be scored; null when it was. */
  public static final String ERROR = "error";

  /** Partition column: the run's date. */
  public static final String DATE = "date";

  static final StructType TOP_FEATURE =
      new StructType(
          new StructField[] {
            DataTypes.createStructField("feature", DataTypes.StringType, false),
            DataTypes.createStructField("value", DataTypes.DoubleType, false),
            DataTypes.createStructField("contribution", DataTypes.DoubleType, false)
          });

  /** What {@link ClipScorer} emits: every column but {@link #DATE}. */
  static final StructType SCORED =
      new StructType(
          new StructField[] {
            DataTypes.createStructField(SHA256, DataTypes.StringType, false),
            DataTypes.createStructField(PATH, DataTypes.StringType, false),
            DataTypes.createStructField(LENGTH, DataTypes.LongType, false),
            DataTypes.createStructField(MODEL_ID, DataTypes.StringType, false),
            DataTypes.createStructField(FEATURE_SCHEMA_VERSION, DataTypes.IntegerType, false),
            DataTypes.createStructField(REVIEW_THRESHOLD, DataTypes.DoubleType, false),
            DataTypes.createStructField(PREDICTED_WER, DataTypes.DoubleType, true),
            DataTypes.createStructField(REVIEW_RECOMMENDED, DataTypes.BooleanType, true),
            DataTypes.createStructField(CALIBRATED_OBSERVED_WER, DataTypes.DoubleType, true),
            DataTypes.createStructField(
                FEATURES, ArrayType.apply(DataTypes.DoubleType, false), true),
            DataTypes.createStructField(TOP_FEATURES, ArrayType.apply(TOP_FEATURE, false), true),
            DataTypes.createStructField(ERROR, DataTypes.StringType, true)
          });

  /** The table as stored and read back: {@link #SCORED} plus the {@link #DATE} partition. */
  public static final StructType SCHEMA =
      SCORED.add(DataTypes.createStructField(DATE, DataTypes.DateType, false));

  private ScoredClips() {}
}
