package dev.earmark.app.gui.player;

/** Where a player is in its life. */
public enum PlayerState {
  /** Nothing loaded. */
  EMPTY,
  /** A file is being prepared (transcoded, opened). */
  LOADING,
  /** Loaded and stopped or paused; {@code play()} starts it. */
  PAUSED,
  /** Playing. */
  PLAYING,
  /**
   * Playback cannot happen (no audio output device, or the file cannot be played); the player's
   * message says why in one sentence. Seeking still moves the position so the waveform works.
   */
  UNAVAILABLE
}
