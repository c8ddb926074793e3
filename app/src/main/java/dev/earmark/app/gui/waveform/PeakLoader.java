package dev.earmark.app.gui.waveform;

import dev.earmark.audio.decode.AudioDecoder;
import dev.earmark.audio.decode.AudioSource;
import dev.earmark.audio.peaks.PeakCache;
import dev.earmark.audio.peaks.PeakPyramid;
import java.nio.file.Path;

/** Where the waveform gets a clip's peak pyramid; called off the JavaFX thread. */
@FunctionalInterface
public interface PeakLoader {
  PeakPyramid load(Path clip);

  /** Reads the pyramid from {@code cache}, building and storing it on a miss. */
  static PeakLoader cached(PeakCache cache) {
    return cache::loadOrBuild;
  }

  /** Builds the pyramid from the file every time. */
  static PeakLoader uncached() {
    return clip -> {
      try (AudioSource source = AudioDecoder.open(clip)) {
        return PeakPyramid.build(source);
      }
    };
  }
}
