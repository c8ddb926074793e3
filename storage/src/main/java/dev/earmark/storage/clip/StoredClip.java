package dev.earmark.storage.clip;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One imported clip as every reader sees it: its header facts, slice tags parsed once by {@link
 * SliceTags}, and where it came from. It carries no reference transcript, label or gold answer, so
 * any user of the project may read it. Immutable.
 *
 * @param id the database id
 * @param clipKey the manifest's id, unique within its dataset
 * @param audioPath where the audio file was when it was imported
 * @param durationSeconds 0 when the audio could not be read (quarantined clips)
 * @param hypothesis the ASR hypothesis, empty when absent or blank
 * @param slices tag name to value, in manifest order
 * @param manifestPath the manifest of the import run that stored the clip (payload paths are
 *     relative to it)
 * @param payloadJson the manifest payload of TTS and RAG items, {@code {}} when there is none
 */
public record StoredClip(
    long id,
    String datasetId,
    String clipKey,
    ClipStatus status,
    String taskType,
    Path audioPath,
    double durationSeconds,
    int sampleRate,
    int channels,
    Optional<String> hypothesis,
    Map<String, String> slices,
    Optional<String> speakerId,
    Optional<String> consentScope,
    long importRunId,
    int manifestLine,
    Path manifestPath,
    String payloadJson) {
  public StoredClip {
    Objects.requireNonNull(clipKey, "clipKey");
    Objects.requireNonNull(status, "status");
    slices = Collections.unmodifiableMap(new LinkedHashMap<>(slices));
    hypothesis = hypothesis.filter(text -> !text.isBlank());
    payloadJson = payloadJson == null ? "{}" : payloadJson;
  }

  /** Whether the clip may be assigned and labeled at all (quarantined and excluded ones not). */
  public boolean active() {
    return status == ClipStatus.ACTIVE;
  }
}
