package dev.earmark.storage.export;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.earmark.engine.normalize.Normalizer;
import dev.earmark.engine.version.VersionedId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;

/**
 * Who labeled a batch and how each annotator did on its gold items, as the batch manifest records
 * them: every annotator with a submitted label among the exported items, their label count, and
 * their accuracy on the gold items they labeled (a transcript is right when it equals the gold
 * answer after the policy's normalization, the comparison the agreement dashboard makes).
 * Stateless.
 */
final class GoldLineage {
  private GoldLineage() {}

  /** The {@code annotators} array of the manifest for {@code exported}. */
  static ArrayNode annotators(
      Handle handle, VersionedId rubric, List<BatchData.Item> exported, Normalizer normalizer) {
    Map<Long, String> goldTranscripts = goldTranscripts(handle, rubric, normalizer);
    Map<String, int[]> byAnnotator = new TreeMap<>(); // labels, gold items, correct
    for (BatchData.Item item : exported) {
      String gold = goldTranscripts.get(item.clip().id());
      for (BatchData.SubmittedLabel label : item.labels()) {
        int[] counts = byAnnotator.computeIfAbsent(label.annotatorId(), unused -> new int[3]);
        counts[0]++;
        if (gold != null) {
          counts[1]++;
          if (normalized(normalizer, BatchData.transcriptOf(label.value())).equals(gold)) {
            counts[2]++;
          }
        }
      }
    }
    ArrayNode annotators = JsonNodeFactory.instance.arrayNode();
    byAnnotator.forEach(
        (annotator, counts) -> {
          ObjectNode node = annotators.addObject();
          node.put("annotator", annotator);
          node.put("labels", counts[0]);
          node.put("gold_items", counts[1]);
          node.put("gold_correct", counts[2]);
          if (counts[1] == 0) {
            node.putNull("gold_accuracy");
          } else {
            node.put("gold_accuracy", (double) counts[2] / counts[1]);
          }
        });
    return annotators;
  }

  private static Map<Long, String> goldTranscripts(
      Handle handle, VersionedId rubric, Normalizer normalizer) {
    Map<Long, String> gold = new HashMap<>();
    handle
        .createQuery("SELECT clip_id, value_json FROM gold_answers WHERE rubric_version = :rubric")
        .bind("rubric", rubric.toString())
        .map((rs, ctx) -> Map.entry(rs.getLong(1), BatchData.readJson(rs.getString(2))))
        .forEach(
            answer ->
                gold.put(
                    answer.getKey(),
                    normalized(normalizer, BatchData.transcriptOf(answer.getValue()))));
    return gold;
  }

  private static String normalized(Normalizer normalizer, String transcript) {
    return String.join(" ", normalizer.normalize(transcript).words());
  }
}
