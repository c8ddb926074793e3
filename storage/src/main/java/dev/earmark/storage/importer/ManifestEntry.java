package dev.earmark.storage.importer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;

/**
 * One clip as a manifest describes it, before its audio is checked.
 *
 * @param line the 1-based line of the manifest it came from
 * @param id the clip id: {@code id}, or the audio file name without extension
 * @param audioPath the audio file, resolved against the manifest's directory
 * @param declaredDuration {@code duration} in seconds as the manifest claims it, or null
 * @param payload every field the importer does not interpret (task payloads, metadata), kept whole
 * @param segment the part of the audio file the clip is (NeMo {@code offset} and {@code duration}),
 *     or null when the clip is the whole file
 */
public record ManifestEntry(
    int line,
    String id,
    Path audioPath,
    Double declaredDuration,
    String taskType,
    String reference,
    String hypothesis,
    Map<String, String> slices,
    String speakerId,
    String consentScope,
    LocalDate retentionUntil,
    String split,
    String source,
    String language,
    ObjectNode payload,
    Segment segment) {
  public ManifestEntry {
    slices = Map.copyOf(slices);
  }

  /** A clip that is the whole file (no {@code offset}). */
  public ManifestEntry(
      int line,
      String id,
      Path audioPath,
      Double declaredDuration,
      String taskType,
      String reference,
      String hypothesis,
      Map<String, String> slices,
      String speakerId,
      String consentScope,
      LocalDate retentionUntil,
      String split,
      String source,
      String language,
      ObjectNode payload) {
    this(
        line,
        id,
        audioPath,
        declaredDuration,
        taskType,
        reference,
        hypothesis,
        slices,
        speakerId,
        consentScope,
        retentionUntil,
        split,
        source,
        language,
        payload,
        null);
  }

  /**
   * The part of an audio file a clip is: from {@code offsetSeconds}, {@code durationSeconds} long.
   */
  public record Segment(double offsetSeconds, double durationSeconds) {
    public Segment {
      if (!(offsetSeconds >= 0) || !(durationSeconds > 0)) {
        throw new IllegalArgumentException(
            "a segment needs offset >= 0 and duration > 0, not "
                + offsetSeconds
                + " and "
                + durationSeconds);
      }
    }
  }
}
