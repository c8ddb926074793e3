package dev.earmark.storage.export.format;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One clip's final transcript label as an export writes it: the clip's audio facts, its final label
 * text, optional timed segments, the optional ASR hypothesis and its slice tags. Immutable and
 * thread-safe; the slices are kept sorted by name so every writer sees them in the same order.
 *
 * @param clipId the clip's id in the project (any non-blank text; each format encodes what it
 *     restricts)
 * @param audioPath absolute path of the audio file: the copy inside the batch when the audio
 *     travels with it, else the project's source file
 * @param audioRelativePath where the audio sits relative to the batch directory ({@code
 *     audio/clip.wav}, {@code '/'} separators) when it travels with the batch, else {@code null};
 *     writers then point at {@code ../audio/clip.wav} from their own directory, so every path
 *     resolves from where the file sits and from a moved copy of the batch
 * @param durationSeconds clip duration, greater than zero
 * @param sampleRate samples per second, greater than zero
 * @param channels channel count, greater than zero
 * @param speakerId the clip's speaker, or {@code null} when unknown
 * @param transcript the final label text (may be empty, never {@code null})
 * @param segments timed parts of the transcript, in any order; empty when the label is not
 *     segmented
 * @param hypothesis the ASR output under evaluation, or {@code null} when the clip has none
 * @param slices slice tags (accent, device, ...) by name
 * @param language the clip's language tag (e.g. {@code en}), or {@code null}
 */
public record ExportClip(
    String clipId,
    Path audioPath,
    String audioRelativePath,
    double durationSeconds,
    int sampleRate,
    int channels,
    String speakerId,
    String transcript,
    List<Segment> segments,
    String hypothesis,
    Map<String, String> slices,
    String language) {

  public ExportClip {
    Objects.requireNonNull(clipId, "clipId");
    Objects.requireNonNull(audioPath, "audioPath");
    Objects.requireNonNull(transcript, "transcript");
    if (clipId.isBlank()) {
      throw new IllegalArgumentException("A clip id must not be blank.");
    }
    if (!audioPath.isAbsolute()) {
      throw new IllegalArgumentException(
          "Clip " + clipId + ": audioPath must be absolute, got " + audioPath + ".");
    }
    if (!(durationSeconds > 0) || Double.isInfinite(durationSeconds)) {
      throw new IllegalArgumentException(
          "Clip " + clipId + ": duration must be a positive number, got " + durationSeconds + ".");
    }
    if (sampleRate <= 0 || channels <= 0) {
      throw new IllegalArgumentException(
          "Clip " + clipId + ": sample rate and channels must be positive.");
    }
    if (speakerId != null && speakerId.isBlank()) {
      speakerId = null;
    }
    if (audioRelativePath != null) {
      audioRelativePath = audioRelativePath.replace('\\', '/');
      boolean escapes =
          audioRelativePath.isEmpty()
              || audioRelativePath.startsWith("/")
              || audioRelativePath.matches("^[A-Za-z]:.*")
              || ("/" + audioRelativePath + "/").contains("/../");
      if (escapes) {
        throw new IllegalArgumentException(
            "Clip "
                + clipId
                + ": audioRelativePath must stay inside the batch, got "
                + audioRelativePath
                + ".");
      }
    }
    segments = List.copyOf(segments == null ? List.of() : segments);
    slices =
        slices == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(slices));
  }

  /** Whether the audio travels with the batch ({@link #audioRelativePath} is set). */
  public boolean audioInBatch() {
    return audioRelativePath != null;
  }

  /** The speaker a format should use: the clip's speaker, or the clip id when it has none. */
  public String effectiveSpeaker() {
    return speakerId == null ? clipId : speakerId;
  }

  /**
   * A timed part of a transcript.
   *
   * @param startSeconds start within the clip, at least zero
   * @param endSeconds end within the clip, after the start
   * @param speakerId who speaks in the segment, or {@code null} for the clip's speaker
   * @param text the segment's transcript (may be empty)
   */
  public record Segment(double startSeconds, double endSeconds, String speakerId, String text) {
    public Segment {
      Objects.requireNonNull(text, "text");
      if (!(startSeconds >= 0) || !(endSeconds > startSeconds) || Double.isInfinite(endSeconds)) {
        throw new IllegalArgumentException(
            "A segment needs 0 <= start < end, got " + startSeconds + " to " + endSeconds + ".");
      }
      if (speakerId != null && speakerId.isBlank()) {
        speakerId = null;
      }
    }
  }
}
