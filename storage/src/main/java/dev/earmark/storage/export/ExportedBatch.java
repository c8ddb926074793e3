package dev.earmark.storage.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earmark.engine.release.BatchItem;
import dev.earmark.engine.rubric.FieldValue;
import dev.earmark.engine.rubric.LabelValue;
import dev.earmark.engine.version.VersionedId;
import dev.earmark.storage.StorageException;
import dev.earmark.storage.export.format.EarmarkJsonl;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An exported batch directory read back, without the project, for comparing two batches ({@code
 * earmark diff}): each item's final transcript and label hash and the policy from {@code
 * manifest.json}, its slice tags and ASR hypothesis from the batch's own {@code
 * earmark-jsonl/labels.jsonl}. Only a batch that verifies intact is read. Immutable.
 *
 * @param directory the batch directory
 * @param name the batch name from the manifest
 * @param labelPolicy the policy written {@code rubric-id+rule-set-id} (just the rubric id when the
 *     batch has no rule set), as {@link BatchItem#labelPolicy()} expects
 * @param items the batch's items in manifest order
 */
public record ExportedBatch(Path directory, String name, String labelPolicy, List<Item> items) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public ExportedBatch {
    items = List.copyOf(items);
  }

  /**
   * One item of a batch.
   *
   * @param hypothesis the clip's ASR hypothesis, or empty when it has none
   */
  public record Item(
      String clipId,
      Map<String, String> slices,
      String source,
      String consentScope,
      VersionedId rubric,
      String transcript,
      Optional<String> hypothesis,
      String labelSha256) {
    public Item {
      slices = Map.copyOf(slices);
    }
  }

  /**
   * Reads the batch in {@code directory}.
   *
   * @throws StorageException when the directory is not an intact batch (naming the first problem
   *     {@link BatchVerifier} found) or has no {@code earmark-jsonl} labels to take slices from
   */
  public static ExportedBatch read(Path directory) {
    Path dir = directory.toAbsolutePath().normalize();
    BatchVerification verification = BatchVerifier.verify(dir);
    if (!verification.intact()) {
      BatchVerification.Problem first = verification.problems().get(0);
      throw new StorageException(
          dir
              + " is not an intact batch ("
              + first.detail()
              + (verification.problems().size() > 1
                  ? " and " + (verification.problems().size() - 1) + " more problem(s)"
                  : "")
              + "); see 'earmark verify "
              + dir
              + "'.");
    }
    Path labels = dir.resolve("earmark-jsonl").resolve(EarmarkJsonl.FILE_NAME);
    if (!Files.isRegularFile(labels)) {
      throw new StorageException(
          dir
              + " has no earmark-jsonl/"
              + EarmarkJsonl.FILE_NAME
              + ", which the diff reads slices and hypotheses from; export the batch with"
              + " --format earmark-jsonl.");
    }
    JsonNode manifest = BatchManifest.read(dir.resolve(BatchManifest.FILE_NAME));
    BatchManifest head = BatchManifest.of(manifest);
    BatchManifest.Policy policy =
        head.policy()
            .orElseThrow(
                () ->
                    new StorageException(
                        dir
                            + " holds listening tests only (its manifest names no asr-transcript"
                            + " policy); the diff compares batches of transcripts."));
    Map<String, JsonNode> lines = new HashMap<>();
    try (BufferedReader reader = Files.newBufferedReader(labels, StandardCharsets.UTF_8)) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (!line.isBlank()) {
          JsonNode node = JSON.readTree(line);
          lines.put(node.path("id").asText(), node);
        }
      }
    } catch (IOException e) {
      throw new StorageException(labels + " cannot be read: " + e.getMessage(), e);
    }
    VersionedId rubric = policy.rubric().id();
    List<Item> items = new ArrayList<>();
    for (JsonNode item : manifest.path("items")) {
      String clipId = item.path("clip_id").asText();
      JsonNode line = lines.get(clipId);
      Map<String, String> slices = new TreeMap<>();
      Optional<String> hypothesis = Optional.empty();
      if (line != null) {
        line.path("slices")
            .fields()
            .forEachRemaining(entry -> slices.put(entry.getKey(), entry.getValue().asText()));
        if (line.path("hypothesis").isTextual()) {
          hypothesis = Optional.of(line.path("hypothesis").asText());
        }
      }
      items.add(
          new Item(
              clipId,
              slices,
              item.path("source").asText(""),
              item.path("consent_scope").asText(""),
              rubric,
              item.path("transcript").asText(""),
              hypothesis,
              item.path("label_sha256").asText()));
    }
    return new ExportedBatch(dir, head.batch().name(), policy.labelPolicy(), items);
  }

  /** The items as the engine's batch diff takes them. */
  public List<BatchItem> batchItems() {
    List<BatchItem> batchItems = new ArrayList<>();
    for (Item item : items) {
      batchItems.add(
          new BatchItem(
              item.clipId(),
              item.slices(),
              item.source(),
              item.consentScope(),
              labelPolicy,
              new LabelValue(
                  item.rubric(), Map.of("transcript", new FieldValue.Text(item.transcript()))),
              item.labelSha256()));
    }
    return batchItems;
  }
}
