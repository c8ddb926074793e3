package dev.earmark.storage.export;

import java.util.Optional;

/**
 * The final label of one labelled ASR clip, settled exactly as an export settles it ({@link
 * FinalLabels}).
 *
 * @param clipId the clip's row id in the project
 * @param clipKey the clip's manifest id
 * @param audioPath the clip's audio file as imported
 * @param hypothesis the clip's ASR hypothesis, if the manifest gave one
 * @param kind how the final label was reached
 * @param transcript the final transcript (for {@link Kind#UNRESOLVED}: the first submitted one,
 *     which is not final and must not be used as a reference)
 */
public record FinalLabel(
    long clipId,
    String clipKey,
    String datasetId,
    String audioPath,
    Optional<String> hypothesis,
    Kind kind,
    String transcript) {

  /** How a clip's final label was reached. */
  public enum Kind {
    /** The only submitted label (no second opinion). */
    SINGLE,
    /** All submitted labels agree under the policy's normalization. */
    CONSENSUS,
    /** An adjudicator decided a dispute on the clip. */
    ADJUDICATED,
    /** A dispute is open, or labels disagree without a decision: there is no final label yet. */
    UNRESOLVED;

    /** The word the batch manifest uses ({@code single}, {@code consensus}, …). */
    public String manifestName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    static Kind ofManifestName(String name) {
      return valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }
  }
}
