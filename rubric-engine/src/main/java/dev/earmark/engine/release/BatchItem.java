package dev.earmark.engine.release;

import dev.earmark.engine.EngineException;
import dev.earmark.engine.rubric.LabelValue;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One item of a label batch as the batch data diff sees it: the clip, its slice tags, where it came
 * from, under which consent scope, the label policy it was labeled under and the final label with
 * its content hash. Storage fills these from a batch; the engine never reads a database. Immutable.
 *
 * @param clipId the clip's id, unique within a batch
 * @param slices slice tags, for example {@code accent → scottish}, {@code device → phone}
 * @param source the dataset source the clip came from
 * @param consentScope the consent scope the clip was collected under
 * @param labelPolicy the label policy id, written {@code rubric-id+rule-set-id} (for example {@code
 *     asr-transcript@1+en-asr@2})
 * @param label the final label value
 * @param labelHash the label's content hash ({@link LabelValue#contentHash()})
 */
public record BatchItem(
    String clipId,
    Map<String, String> slices,
    String source,
    String consentScope,
    String labelPolicy,
    LabelValue label,
    String labelHash) {
  public BatchItem {
    if (clipId == null || clipId.isBlank()) {
      throw new EngineException("a batch item needs a clip id");
    }
    slices = Collections.unmodifiableMap(new TreeMap<>(slices));
    source = source == null ? "" : source;
    consentScope = consentScope == null ? "" : consentScope;
    labelPolicy = labelPolicy == null ? "" : labelPolicy;
    if (label == null || labelHash == null) {
      throw new EngineException("batch item " + clipId + " needs a label value and its hash");
    }
  }

  /** An item whose label hash is computed from {@code label}. */
  public static BatchItem of(
      String clipId,
      Map<String, String> slices,
      String source,
      String consentScope,
      String labelPolicy,
      LabelValue label) {
    return new BatchItem(
        clipId, slices, source, consentScope, labelPolicy, label, label.contentHash());
  }
}
