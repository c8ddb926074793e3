package dev.earmark.app.gui.player;

/**
 * A time range played over and over, in seconds from the start of the clip.
 *
 * @param startSeconds inclusive start, at least 0
 * @param endSeconds exclusive end, after the start
 */
public record LoopRegion(double startSeconds, double endSeconds) {
  public LoopRegion {
    if (!(startSeconds >= 0) || !(endSeconds > startSeconds)) {
      throw new IllegalArgumentException(
          "a loop region needs 0 <= start < end, got " + startSeconds + ".." + endSeconds);
    }
  }

  public double lengthSeconds() {
    return endSeconds - startSeconds;
  }

  public boolean contains(double seconds) {
    return seconds >= startSeconds && seconds < endSeconds;
  }
}
