package dev.earmark.app.gui.waveform;

import javafx.scene.paint.Color;

/**
 * Colours of the waveform canvas, matched to the AtlantaFX Primer themes (a canvas does not read
 * CSS). Selection and loop differ in colour and in edge style, so colour is never the only cue.
 */
public record WaveformPalette(
    Color background,
    Color rulerBackground,
    Color text,
    Color grid,
    Color wave,
    Color selection,
    Color selectionEdge,
    Color loopEdge,
    Color playhead) {

  public static WaveformPalette light() {
    return new WaveformPalette(
        Color.web("#ffffff"),
        Color.web("#f6f8fa"),
        Color.web("#57606a"),
        Color.web("#d0d7de"),
        Color.web("#0969da"),
        Color.web("#0969da", 0.16),
        Color.web("#0969da"),
        Color.web("#bc4c00"),
        Color.web("#cf222e"));
  }

  public static WaveformPalette dark() {
    return new WaveformPalette(
        Color.web("#0d1117"),
        Color.web("#161b22"),
        Color.web("#8b949e"),
        Color.web("#30363d"),
        Color.web("#58a6ff"),
        Color.web("#58a6ff", 0.22),
        Color.web("#58a6ff"),
        Color.web("#f0883e"),
        Color.web("#ff7b72"));
  }
}
