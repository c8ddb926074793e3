package dev.earmark.engine.release;

import dev.earmark.engine.EngineException;
import java.time.LocalDate;

/**
 * A clip of a batch as the release check sees it. Storage fills it from the clip and its dataset.
 * Immutable.
 *
 * @param clipId the clip's id
 * @param audioSha256 the SHA-256 of the audio file; the same audio under two ids is still one clip
 *     for leakage
 * @param source the dataset source; empty when unknown
 * @param consentScope the consent scope; empty when none was recorded
 * @param retentionUntil the last day the clip may be kept; {@code null} when the dataset contract
 *     sets no end
 * @param split the split the clip is in
 * @param speakerId the speaker's id; empty when unknown (then the clip takes no part in speaker
 *     leakage)
 */
public record ReleaseClip(
    String clipId,
    String audioSha256,
    String source,
    String consentScope,
    LocalDate retentionUntil,
    Split split,
    String speakerId) {
  public ReleaseClip {
    if (clipId == null || clipId.isBlank()) {
      throw new EngineException("a release clip needs a clip id");
    }
    if (split == null) {
      throw new EngineException("clip " + clipId + " needs a split (train, dev or test)");
    }
    audioSha256 = audioSha256 == null ? "" : audioSha256;
    source = source == null ? "" : source.strip();
    consentScope = consentScope == null ? "" : consentScope.strip();
    speakerId = speakerId == null ? "" : speakerId.strip();
  }
}
