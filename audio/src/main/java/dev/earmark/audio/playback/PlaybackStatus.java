package dev.earmark.audio.playback;

/** Where a {@link PlaybackEngine} is. */
public enum PlaybackStatus {
  /** Ready, not playing. */
  PAUSED,
  /** Sending audio to the device, which takes it in real time. */
  PLAYING,
  /** Played to the end of the clip (no loop); {@code play()} starts again from the beginning. */
  ENDED,
  /**
   * No device can play: none could be opened, or the one opened stopped taking audio. The engine
   * still keeps a position that seeks move; the message says why in one sentence.
   */
  UNAVAILABLE
}
