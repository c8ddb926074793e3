package dev.earmark.storage.importer.interchange;

import java.util.List;
import java.util.Objects;

/**
 * One timed stretch of a transcript read from another tool: a Label Studio region, a TextGrid
 * interval or an EAF annotation. Immutable.
 *
 * @param startSeconds start, seconds from the start of the audio
 * @param endSeconds end, after {@code startSeconds}
 * @param speakerId the speaker (a TextGrid/EAF tier, a Label Studio speaker label), or null
 * @param labels region labels that are not speakers (Label Studio {@code Speech}, {@code Noise})
 * @param text the transcript of the stretch; may be empty
 */
public record Segment(
    double startSeconds, double endSeconds, String speakerId, List<String> labels, String text) {
  public Segment {
    Objects.requireNonNull(text, "text");
    labels = List.copyOf(labels);
  }

  /** A segment without region labels. */
  public Segment(double startSeconds, double endSeconds, String speakerId, String text) {
    this(startSeconds, endSeconds, speakerId, List.of(), text);
  }
}
