package dev.earmark.storage.export;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earmark.engine.version.ContentHash;
import dev.earmark.storage.export.format.EarmarkJsonl;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The checks of a batch's content against its manifest's items that {@link BatchVerifier} runs
 * after the file checksums: every hash an item carries, and the files against the items (issue 19).
 * Stateless.
 */
final class BatchContentCheck {
  private BatchContentCheck() {}

  /**
   * The first component of {@code file} below {@code dir} (the file included) that is a symbolic
   * link, relative to {@code dir}; empty when there is none.
   */
  static Optional<String> symlinkOnTheWay(Path dir, Path file) {
    Path current = dir;
    for (Path part : dir.relativize(file)) {
      current = current.resolve(part);
      if (Files.isSymbolicLink(current)) {
        return Optional.of(dir.relativize(current).toString().replace('\\', '/'));
      }
    }
    return Optional.empty();
  }

  /**
   * Checks every item's labels.jsonl line and the audio files against the items, after adding
   * {@code labelProblems}: what {@link #labelHash} found on each item as the verifier streamed them
   * by (the items here are slimmed to clip, final kind, transcript and audio).
   */
  static void items(
      Path dir,
      JsonNode manifest,
      List<BatchVerification.Problem> labelProblems,
      List<BatchVerification.Problem> problems) {
    JsonNode items = manifest.path("items");
    if (!items.isArray()) {
      return;
    }
    Map<String, JsonNode> byClip = new TreeMap<>();
    for (JsonNode item : items) {
      byClip.put(item.path("clip_id").asText(), item);
    }
    problems.addAll(labelProblems);
    labelsJsonl(dir, manifest, byClip, problems);
    audioFiles(manifest, byClip, problems);
  }

  /**
   * {@code label_sha256} against the final value the item carries (batches from Earmark 0.x before
   * issue 19 carry none) and its transcript; an item settled without adjudication has the value of
   * one of its annotators, so its hash must be one of theirs.
   */
  static void labelHash(JsonNode item, String clip, List<BatchVerification.Problem> problems) {
    String recorded = item.path("label_sha256").asText("");
    JsonNode label = item.get("label");
    if (label != null && !label.isNull()) {
      String actual = ContentHash.of(label);
      if (!actual.equals(recorded)) {
        problems.add(
            new BatchVerification.Problem(
                "manifest-field",
                "items." + clip + ".label_sha256",
                "clip "
                    + clip
                    + " has label_sha256 "
                    + recorded
                    + " but its label hashes to "
                    + actual
                    + "."));
      }
      String labelTranscript = label.path("fields").path("transcript").asText("");
      if (!labelTranscript.equals(item.path("transcript").asText(""))) {
        problems.add(
            new BatchVerification.Problem(
                "manifest-field",
                "items." + clip + ".transcript",
                "clip "
                    + clip
                    + " has transcript \""
                    + item.path("transcript").asText("")
                    + "\" but its label says \""
                    + labelTranscript
                    + "\"."));
      }
    }
    if (item.path("adjudications").isArray()
        && item.path("adjudications").isEmpty()
        && item.path("annotators").isArray()
        && !item.path("annotators").isEmpty()) {
      TreeSet<String> annotatorHashes = new TreeSet<>();
      item.path("annotators").forEach(a -> annotatorHashes.add(a.path("label_sha256").asText()));
      if (!annotatorHashes.contains(recorded)) {
        problems.add(
            new BatchVerification.Problem(
                "manifest-field",
                "items." + clip + ".label_sha256",
                "clip "
                    + clip
                    + " was not adjudicated, so its final label is an annotator's, but label_sha256 "
                    + recorded
                    + " is none of its annotators' "
                    + annotatorHashes
                    + "."));
      }
    }
  }

  /** Every item has exactly one labels.jsonl line with its transcript, and no line is extra. */
  private static void labelsJsonl(
      Path dir,
      JsonNode manifest,
      Map<String, JsonNode> byClip,
      List<BatchVerification.Problem> problems) {
    String relative = "earmark-jsonl/" + EarmarkJsonl.FILE_NAME;
    Path file = dir.resolve(relative);
    if (!manifest.path("files").has(relative)
        || symlinkOnTheWay(dir, file).isPresent()
        || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    TreeSet<String> seen = new TreeSet<>();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String text;
      int number = 0;
      while ((text = reader.readLine()) != null) {
        number++;
        if (text.isBlank()) {
          continue;
        }
        JsonNode line = BatchData.readJson(text);
        String clip = line.path("id").asText();
        JsonNode item = byClip.get(clip);
        if (item == null || !seen.add(clip)) {
          problems.add(
              new BatchVerification.Problem(
                  "extra-item",
                  relative + ":" + number,
                  relative
                      + " line "
                      + number
                      + " is clip "
                      + clip
                      + ", which "
                      + (item == null ? "no manifest item names." : "appears twice.")));
          continue;
        }
        if (!line.path("text").asText("").equals(item.path("transcript").asText(""))) {
          problems.add(
              new BatchVerification.Problem(
                  "altered-item",
                  relative + ":" + number,
                  relative
                      + " line "
                      + number
                      + " gives clip "
                      + clip
                      + " the text \""
                      + line.path("text").asText("")
                      + "\" but the manifest item says \""
                      + item.path("transcript").asText("")
                      + "\"."));
        }
      }
    } catch (IOException | RuntimeException e) {
      problems.add(
          new BatchVerification.Problem(
              "altered-file", relative, relative + " cannot be read as JSON lines."));
      return;
    }
    for (String clip : byClip.keySet()) {
      if (!seen.contains(clip)) {
        problems.add(
            new BatchVerification.Problem(
                "missing-item",
                relative,
                relative + " has no line for clip " + clip + ", which the manifest lists."));
      }
    }
  }

  /** Every file in the audio directory belongs to an item (the other way is checked already). */
  private static void audioFiles(
      JsonNode manifest, Map<String, JsonNode> byClip, List<BatchVerification.Problem> problems) {
    String audioDirectory = manifest.path("audio_directory").asText("");
    if (audioDirectory.isEmpty()) {
      return;
    }
    TreeSet<String> named = new TreeSet<>();
    for (JsonNode item : byClip.values()) {
      String audioPath = item.path("audio_path").asText("");
      if (!audioPath.isEmpty()) {
        named.add(audioDirectory + "/" + Path.of(audioPath).getFileName());
      }
    }
    for (Iterator<String> it = manifest.path("files").fieldNames(); it.hasNext(); ) {
      String file = it.next();
      if (file.startsWith(audioDirectory + "/") && !named.contains(file)) {
        problems.add(
            new BatchVerification.Problem(
                "extra-file", file, file + " is listed in files but belongs to no item."));
      }
    }
  }
}
