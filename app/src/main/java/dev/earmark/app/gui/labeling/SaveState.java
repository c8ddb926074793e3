package dev.earmark.app.gui.labeling;

/** Whether the open label's work is safe: what the status bar says first. */
public enum SaveState {
  /** Nothing open, or nothing typed yet. */
  IDLE,
  UNSAVED,
  SAVING,
  SAVED,
  /** The last save or submit failed; the status says why. */
  ERROR
}
