package dev.earmark.app.serve;

import dev.earmark.audio.qe.QeModelMetadata;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@code earmark qe serve} does, changeable without code: a properties file (keys below,
 * documented in docs/qe.md) and command-line options over it. Immutable.
 *
 * @param bindAddress address to listen on ({@code bind}); 127.0.0.1 unless told otherwise
 * @param port TCP port ({@code port}); 0 picks a free one, printed at start
 * @param modelPath QE model file ({@code model}); null for the model shipped with Earmark
 * @param reviewThreshold predicted WER at or above which review is recommended ({@code
 *     review_threshold}); null for the threshold the model carries from its calibration
 * @param topFeatures contributing features returned per clip ({@code top_features})
 * @param maxBodyBytes largest request body accepted ({@code max_body_bytes})
 * @param maxCompressedBytes largest FLAC/MP3/Ogg upload accepted ({@code max_compressed_bytes}): a
 *     compressed file is decoded once to be checked, so its size bounds the decode work
 * @param maxAudioSeconds longest clip accepted ({@code max_audio_seconds})
 * @param workers threads that decode and predict ({@code workers})
 * @param queue requests that may wait for a worker before the service answers 503 ({@code queue})
 * @param requestTimeoutSeconds longest a client may take to send a request ({@code
 *     request_timeout_seconds})
 * @param driftWindow recent clips whose features the drift gauges compare with the model's training
 *     data ({@code drift_window})
 * @param driftMinClips clips needed in the window before PSI is reported ({@code drift_min_clips})
 * @param driftPsiWarning PSI above which a distribution counts as shifted ({@code
 *     drift_psi_warning})
 * @param shutdownGraceSeconds how long requests in flight may finish on SIGTERM ({@code
 *     shutdown_grace_seconds})
 */
public record QeServiceConfig(
    String bindAddress,
    int port,
    Path modelPath,
    Double reviewThreshold,
    int topFeatures,
    long maxBodyBytes,
    long maxCompressedBytes,
    double maxAudioSeconds,
    int workers,
    int queue,
    int requestTimeoutSeconds,
    int driftWindow,
    int driftMinClips,
    double driftPsiWarning,
    int shutdownGraceSeconds) {

  /** The defaults, each documented in docs/qe.md. */
  public static QeServiceConfig defaults() {
    return new QeServiceConfig(
        "127.0.0.1",
        8790,
        null,
        null,
        3,
        8L << 20,
        1L << 20,
        600,
        Math.max(1, Runtime.getRuntime().availableProcessors()),
        32,
        30,
        1000,
        100,
        0.2,
        10);
  }

  /** The review threshold in force with {@code model}: the configured one, else the model's. */
  public double reviewThreshold(QeModelMetadata model) {
    return reviewThreshold == null ? model.defaultReviewThreshold() : reviewThreshold;
  }

  /** Where {@link #reviewThreshold(QeModelMetadata)} comes from, for the start-up line. */
  public String reviewThresholdSource(QeModelMetadata model) {
    return reviewThreshold == null ? model.reviewThresholdSource() : "configured";
  }

  /** The file's keys, in the order docs/qe.md lists them. */
  public static final Set<String> KEYS =
      Set.of(
          "bind",
          "port",
          "model",
          "review_threshold",
          "top_features",
          "max_body_bytes",
          "max_compressed_bytes",
          "max_audio_seconds",
          "workers",
          "queue",
          "request_timeout_seconds",
          "drift_window",
          "drift_min_clips",
          "drift_psi_warning",
          "shutdown_grace_seconds");

  public QeServiceConfig {
    require(port >= 0 && port <= 65535, "port", "between 0 and 65535");
    require(reviewThreshold == null || reviewThreshold >= 0, "review_threshold", "0 or more");
    require(topFeatures >= 0, "top_features", "0 or more");
    require(maxBodyBytes >= 1024, "max_body_bytes", "at least 1024");
    require(maxCompressedBytes >= 1024, "max_compressed_bytes", "at least 1024");
    require(maxAudioSeconds > 0, "max_audio_seconds", "above 0");
    require(workers >= 1, "workers", "at least 1");
    require(queue >= 0, "queue", "0 or more");
    require(requestTimeoutSeconds >= 1, "request_timeout_seconds", "at least 1");
    require(driftWindow >= 1, "drift_window", "at least 1");
    require(driftMinClips >= 1, "drift_min_clips", "at least 1");
    require(driftPsiWarning > 0, "drift_psi_warning", "above 0");
    require(shutdownGraceSeconds >= 0, "shutdown_grace_seconds", "0 or more");
    if (bindAddress == null || bindAddress.isBlank()) {
      throw new IllegalArgumentException("bind must name an address, e.g. 127.0.0.1");
    }
  }

  /**
   * The defaults with a properties file's keys over them. An unknown key (a typo would otherwise be
   * ignored silently) or a value that is not a number where one is needed is an {@link
   * IllegalArgumentException} naming the file and the key.
   */
  public static QeServiceConfig load(Path file) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          file + ": cannot read the service configuration (" + e.getMessage() + ")", e);
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (String key : new TreeSet<>(properties.stringPropertyNames())) {
      if (!KEYS.contains(key)) {
        throw new IllegalArgumentException(
            file + ": unknown key \"" + key + "\"; the keys are " + new TreeSet<>(KEYS));
      }
      values.put(key, properties.getProperty(key).strip());
    }
    try {
      return defaults().with(values, file.getParent());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  /** This configuration with some keys replaced (file values, or command-line options). */
  public QeServiceConfig with(Map<String, String> values, Path relativeTo) {
    String bind = values.getOrDefault("bind", bindAddress);
    Path model = modelPath;
    if (values.containsKey("model")) {
      String text = values.get("model");
      model =
          text.isEmpty() || text.equals("default")
              ? null
              : relativeTo == null ? Path.of(text) : relativeTo.resolve(text);
    }
    return new QeServiceConfig(
        bind,
        integer(values, "port", port),
        model,
        threshold(values, reviewThreshold),
        integer(values, "top_features", topFeatures),
        longInteger(values, "max_body_bytes", maxBodyBytes),
        longInteger(values, "max_compressed_bytes", maxCompressedBytes),
        decimal(values, "max_audio_seconds", maxAudioSeconds),
        integer(values, "workers", workers),
        integer(values, "queue", queue),
        integer(values, "request_timeout_seconds", requestTimeoutSeconds),
        integer(values, "drift_window", driftWindow),
        integer(values, "drift_min_clips", driftMinClips),
        decimal(values, "drift_psi_warning", driftPsiWarning),
        integer(values, "shutdown_grace_seconds", shutdownGraceSeconds));
  }

  /**
   * {@code review_threshold}: a number, or empty / {@code model} for the model's calibrated one.
   */
  private static Double threshold(Map<String, String> values, Double fallback) {
    String text = values.get("review_threshold");
    if (text == null) {
      return fallback;
    }
    if (text.isEmpty() || text.equals("model")) {
      return null;
    }
    return decimal(values, "review_threshold", 0);
  }

  private static int integer(Map<String, String> values, String key, int fallback) {
    long value = longInteger(values, key, fallback);
    if (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE) {
      throw new IllegalArgumentException(key + " is out of range: " + value);
    }
    return (int) value;
  }

  private static long longInteger(Map<String, String> values, String key, long fallback) {
    String text = values.get(key);
    if (text == null) {
      return fallback;
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a whole number, not \"" + text + "\"");
    }
  }

  private static double decimal(Map<String, String> values, String key, double fallback) {
    String text = values.get(key);
    if (text == null) {
      return fallback;
    }
    try {
      double value = Double.parseDouble(text);
      if (!Double.isFinite(value)) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a number, not \"" + text + "\"");
    }
  }

  private static void require(boolean condition, String key, String what) {
    if (!condition) {
      throw new IllegalArgumentException(key + " must be " + what);
    }
  }
}
