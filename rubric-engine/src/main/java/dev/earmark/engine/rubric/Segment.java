package dev.earmark.engine.rubric;

/**
 * One time-aligned stretch of a clip in a segments label: start and end in seconds from the start
 * of the clip, and the speaker talking (an id local to the clip, for example {@code A}; empty when
 * the rubric does not ask for speakers). Holds whatever the annotator entered; the rubric's
 * validation says whether it is sane. Immutable.
 */
public record Segment(double start, double end, String speaker) {
  public Segment {
    speaker = speaker == null ? "" : speaker;
  }
}
