package dev.earmark.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.earmark.app.serve.PredictionJson;
import dev.earmark.audio.decode.InvalidAudioException;
import dev.earmark.audio.features.AcousticFeatures;
import dev.earmark.audio.features.FeatureExtractor;
import dev.earmark.audio.qe.QeModel;
import dev.earmark.audio.qe.QePrediction;
import dev.earmark.storage.importer.Checksums;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Batch scoring for {@code earmark qe predict --batch DIR|MANIFEST --out FILE}: every audio file of
 * a directory (recursively; .wav .flac .mp3 .ogg) or every clip of a manifest is hashed, measured
 * and predicted on {@code threads} threads, one JSONL line per clip appended to the output as soon
 * as it is done. A clip whose content (SHA-256) the output already holds for the same model is
 * skipped, so a re-run, or a run after an interruption, adds only what is missing.
 */
final class QeBatch {
  private static final Set<String> AUDIO_EXTENSIONS = Set.of("wav", "flac", "mp3", "ogg");
  private static final ObjectWriter LINE =
      JsonOutput.mapper().writer().without(SerializationFeature.INDENT_OUTPUT);

  /** One clip to score: its manifest id (null for a directory) and file. */
  record Item(String id, Path file) {}

  /** A clip that could not be scored, and why. */
  record Failure(Item item, String reason) {}

  /** What a run did. */
  record Outcome(int clips, int scored, int skipped, List<Failure> failures, double audioSeconds) {}

  private QeBatch() {}

  /** The clips of a directory (sorted by path) or a manifest (in its order). */
  static List<Item> items(Path batch) {
    if (Files.isDirectory(batch)) {
      try (Stream<Path> files = Files.walk(batch)) {
        return files
            .filter(Files::isRegularFile)
            .filter(QeBatch::isAudioName)
            .sorted()
            .map(file -> new Item(null, file))
            .toList();
      } catch (IOException | UncheckedIOException e) {
        throw new InputException(batch + ": cannot list the directory (" + e.getMessage() + ")");
      }
    }
    if (!Files.isRegularFile(batch)) {
      throw new InputException(batch + ": no such directory or manifest");
    }
    return QeManifest.read(batch).stream().map(e -> new Item(e.id(), e.audio())).toList();
  }

  private static boolean isAudioName(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 && AUDIO_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  /**
   * The (sha256, model id) keys the output already holds. A last line cut short by an interrupted
   * run is cut off, so appending starts on a fresh line.
   */
  static Set<String> scoredKeys(Path out) {
    Set<String> keys = ConcurrentHashMap.newKeySet();
    if (!Files.exists(out)) {
      return keys;
    }
    try {
      byte[] bytes = Files.readAllBytes(out);
      int end = bytes.length;
      while (end > 0 && bytes[end - 1] != '\n') {
        end--;
      }
      if (end < bytes.length) {
        try (FileChannel channel = FileChannel.open(out, StandardOpenOption.WRITE)) {
          channel.truncate(end);
        }
      }
      String text = new String(bytes, 0, end, StandardCharsets.UTF_8);
      int number = 0;
      for (String line : text.split("\n")) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode node;
        try {
          node = JsonOutput.mapper().readTree(line);
        } catch (IOException e) {
          throw new InputException(
              out
                  + ":"
                  + number
                  + ": not a JSON line; give --out a predictions file or a new path");
        }
        if (node == null || !node.hasNonNull("sha256") || !node.hasNonNull("model_id")) {
          throw new InputException(
              out
                  + ":"
                  + number
                  + ": no sha256 and model_id; give --out a predictions file or a new path");
        }
        keys.add(key(node.get("sha256").asText(), node.get("model_id").asText()));
      }
      return keys;
    } catch (IOException e) {
      throw new InputException(out + ": cannot read the predictions file (" + e.getMessage() + ")");
    }
  }

  static String key(String sha256, String modelId) {
    return sha256 + " " + modelId;
  }

  /** Scores the items not yet in {@code out}, appending one line each. */
  static Outcome run(
      List<Item> items, QeModel model, double reviewThreshold, int top, int threads, Path out) {
    Set<String> done = scoredKeys(out);
    String modelId = model.metadata().modelId();
    List<Failure> failures = new ArrayList<>();
    int scored = 0;
    int skipped = 0;
    double seconds = 0;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (Writer writer =
        Files.newBufferedWriter(
            out, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
      List<Future<Result>> futures = new ArrayList<>();
      for (Item item : items) {
        futures.add(
            pool.submit(() -> score(item, model, reviewThreshold, top, done, modelId, writer)));
      }
      for (Future<Result> future : futures) {
        Result result = future.get();
        if (result instanceof Result.Scored s) {
          scored++;
          seconds += s.seconds();
        } else if (result instanceof Result.Skipped) {
          skipped++;
        } else if (result instanceof Result.Failed f) {
          failures.add(f.failure());
        }
      }
    } catch (IOException e) {
      throw new InputException(out + ": cannot write predictions (" + e.getMessage() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while scoring", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
    return new Outcome(items.size(), scored, skipped, failures, seconds);
  }

  private sealed interface Result {
    record Scored(double seconds) implements Result {}

    record Skipped() implements Result {}

    record Failed(Failure failure) implements Result {}
  }

  private static Result score(
      Item item,
      QeModel model,
      double reviewThreshold,
      int top,
      Set<String> done,
      String modelId,
      Writer writer)
      throws IOException {
    if (!Files.isRegularFile(item.file())) {
      // a FIFO or device would block the hash (and the decode) forever
      return new Result.Failed(new Failure(item, "no such audio file (or not a regular file)"));
    }
    String sha256;
    try {
      sha256 = sha256(item.file());
    } catch (IOException e) {
      return new Result.Failed(new Failure(item, "cannot read the file (" + e.getMessage() + ")"));
    }
    if (!done.add(key(sha256, modelId))) {
      return new Result.Skipped(); // scored before, or the same content earlier in this run
    }
    AcousticFeatures features;
    try {
      features = FeatureExtractor.extract(item.file());
    } catch (InvalidAudioException e) {
      done.remove(key(sha256, modelId));
      return new Result.Failed(new Failure(item, e.invalid().message()));
    }
    QePrediction prediction = model.predict(features, reviewThreshold, top);
    String line = LINE.writeValueAsString(line(item, sha256, model, features, prediction));
    synchronized (writer) {
      writer.write(line);
      writer.write('\n');
      writer.flush();
    }
    return new Result.Scored(features.durationSeconds());
  }

  /** One JSONL line: the service's answer fields, plus the content hash, file and manifest id. */
  static Map<String, Object> line(
      Item item, String sha256, QeModel model, AcousticFeatures features, QePrediction prediction) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("sha256", sha256);
    row.put("file", item.file().toString());
    row.put("id", item.id());
    row.put("duration_s", features.durationSeconds());
    row.putAll(PredictionJson.of(prediction, model.metadata()));
    return row;
  }

  /** Plain hex SHA-256 of the file's bytes (as the service answers it), streamed. */
  static String sha256(Path file) throws IOException {
    return Checksums.sha256(file).substring("sha256:".length());
  }
}
