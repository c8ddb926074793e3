/**
 * The waveform component of the labeling and adjudication screens: {@link
 * dev.earmark.app.gui.waveform.WaveformView} (a canvas control) bound to {@link
 * dev.earmark.app.gui.waveform.WaveformViewModel} (zoom, scroll, selection, loop, playhead), the
 * time/pixel mapping {@link dev.earmark.app.gui.waveform.Viewport}, the ruler, the spectrogram
 * colouring and the default keys ({@link dev.earmark.app.gui.waveform.WaveformActions}).
 */
package dev.earmark.app.gui.waveform;
