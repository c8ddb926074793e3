package dev.earmark.app.gui.waveform;

import dev.earmark.audio.decode.AudioInfo;
import dev.earmark.audio.peaks.PeakPyramid;
import dev.earmark.audio.spectrogram.Spectrogram;
import java.nio.file.Path;

/**
 * An opened clip as the waveform needs it: its format, its peaks and its spectrogram (whose tiles
 * are computed on demand). Immutable; the pyramid and spectrogram are thread-safe.
 */
public record WaveformClip(Path file, AudioInfo info, PeakPyramid peaks, Spectrogram spectrogram) {
  public int channels() {
    return info.channels();
  }
}
