package dev.earmark.audio.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The anti-alias filter in front of YIN's decimation keeps the pitch band and stops aliases. */
class PitchTrackTest {
  /** Gain in dB of the filter at {@code f} cycles per input sample. */
  static double gainDb(float[] taps, double f) {
    double re = 0;
    double im = 0;
    for (int i = 0; i < taps.length; i++) {
      re += taps[i] * Math.cos(2 * Math.PI * f * i);
      im -= taps[i] * Math.sin(2 * Math.PI * f * i);
    }
    return 10 * Math.log10(re * re + im * im);
  }

  @ParameterizedTest(name = "{0} Hz")
  @CsvSource(
      textBlock =
          """
          22050, 2
          44100, 3
          48000, 3
          96000, 6
          """)
  void decimatesAboveSixteenKilohertzWithAnAntiAliasFilter(int rate, int factor) {
    assertThat(new PitchTrack(rate, FeatureExtractor.frameSize(rate), rate / 100).factor())
        .isEqualTo(factor);
    int half = PitchTrack.HALF_TAPS_PER_FACTOR * factor;
    float[] taps = PitchTrack.lowPass(half, 0.5 / factor);
    double pitchRate = rate / (double) factor;
    // flat where voice fundamentals and their first harmonics are (up to 2 kHz)
    for (double hz = 0; hz <= 2000; hz += 50) {
      assertThat(gainDb(taps, hz / rate)).as("%s Hz", hz).isCloseTo(0, within(0.01));
    }
    // everything that would alias below 0.3 of the pitch rate is at least 70 dB down
    for (double hz = 0.7 * pitchRate; hz <= rate / 2.0; hz += 25) {
      assertThat(gainDb(taps, hz / rate)).as("%s Hz", hz).isLessThan(-70);
    }
  }

  @org.junit.jupiter.api.Test
  void upToSixteenKilohertzThePitchIsMeasuredAtTheFilesRate() {
    assertThat(new PitchTrack(16000, 512, 160).factor()).isEqualTo(1);
    assertThat(new PitchTrack(8000, 256, 80).factor()).isEqualTo(1);
  }
}
