package dev.earmark.app.gui.waveform;

/**
 * A selected time range of the clip in seconds (the region a segment or a loop is made from).
 *
 * @param startSeconds inclusive start
 * @param endSeconds exclusive end, after the start
 */
public record Selection(double startSeconds, double endSeconds) {
  public Selection {
    if (!(endSeconds > startSeconds) || startSeconds < 0) {
      throw new IllegalArgumentException(
          "a selection needs 0 <= start < end, got " + startSeconds + ".." + endSeconds);
    }
  }

  public double lengthSeconds() {
    return endSeconds - startSeconds;
  }
}
