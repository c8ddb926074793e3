package dev.earmark.audio.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.earmark.audio.decode.AudioDecoderTestAccess;
import dev.earmark.audio.peaks.PeakPyramidTestAccess;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Features move the right way on the sox-made signals of make-test-audio.sh. */
class FeatureExtractorTest {
  @TempDir Path dir;

  static AcousticFeatures features(String name) {
    return FeatureExtractor.extract(AudioDecoderTestAccess.resource(name));
  }

  @Test
  void addedNoiseLowersTheEstimatedSnr() {
    double clean = features("voiced-200hz.wav").snrDb();
    double noisy = features("voiced-noisy.wav").snrDb();
    double veryNoisy = features("voiced-very-noisy.wav").snrDb();
    assertThat(clean).isGreaterThan(noisy);
    assertThat(noisy).isGreaterThan(veryNoisy + 2);
  }

  @Test
  void telephoneBandLimitingTripsNarrowBand() {
    AcousticFeatures wide = features("wideband.wav");
    AcousticFeatures narrow = features("narrowband.wav");
    assertThat(wide.narrowBand()).isFalse();
    assertThat(narrow.narrowBand()).isTrue();
    assertThat(narrow.highBandEnergyDb()).isLessThan(wide.highBandEnergyDb() - 30);
    assertThat(features("pcm16-mono.wav").narrowBand()).as("8 kHz audio").isTrue();
    assertThat(features("voiced-200hz.wav").narrowBand())
        .as("a low tone is not telephone")
        .isFalse();
  }

  @Test
  void clippingRaisesTheClippingRatio() {
    assertThat(features("voiced-200hz.wav").clippingRatio()).isZero();
    assertThat(features("clipped.wav").clippingRatio()).isGreaterThan(0.1);
  }

  @Test
  void aTwoHundredHertzToneHasTwoHundredHertzPitch() {
    AcousticFeatures features = features("voiced-200hz.wav");
    assertThat(features.f0MedianHz()).isCloseTo(200, within(2.0));
    assertThat(features.f0IqrHz()).isLessThan(5);
    assertThat(features.voicedRatio()).isGreaterThan(0.8);
    assertThat(features("wideband.wav").voicedRatio()).isLessThan(0.1);
  }

  @Test
  void fourHertzModulationReadsAsFourNucleiPerSecond() {
    assertThat(features("voiced-200hz.wav").speechRateNucleiPerSecond()).isCloseTo(4, within(0.7));
    assertThat(features("wideband.wav").speechRateNucleiPerSecond()).isLessThan(1);
  }

  @Test
  void spectralShapeSeparatesToneFromNoise() {
    AcousticFeatures tone = features("voiced-200hz.wav");
    AcousticFeatures noise = features("wideband.wav");
    assertThat(tone.spectralCentroidHz()).isCloseTo(200, within(10.0));
    assertThat(noise.spectralCentroidHz()).isGreaterThan(800);
    assertThat(tone.spectralFlatness()).isLessThan(0.001);
    assertThat(noise.spectralFlatness()).isGreaterThan(0.05);
    assertThat(noise.spectralRolloffHz()).isGreaterThan(tone.spectralRolloffHz());
    assertThat(noise.zeroCrossingRate()).isGreaterThan(tone.zeroCrossingRate());
  }

  @Test
  void levelsAndSilenceFollowTheSignal() {
    AcousticFeatures tone = features("pcm16-mono.wav"); // steady sine at half scale
    // RMS of a half-scale sine: 20*log10(0.5/sqrt(2)) = -9.03 dBFS
    assertThat(tone.rmsMeanDbfs()).isCloseTo(-9.03, within(0.1));
    assertThat(tone.rmsP10Dbfs()).isLessThanOrEqualTo(tone.rmsP90Dbfs());
    assertThat(tone.silenceRatio()).isZero();
  }

  @Test
  void extractionIsDeterministic() {
    assertThat(features("voiced-noisy.wav").vector())
        .containsExactly(features("voiced-noisy.wav").vector());
  }

  @Test
  void aClipMeasuresTheSameAfterOtherClipsOnTheSameThread() {
    // the thread's pitch detector and the shared FFT tables are reused from clip to clip
    double[] first = features("voiced-noisy.wav").vector();
    features("pcm16-mono.wav");
    features("voiced-200hz-48k.wav");
    assertThat(features("voiced-noisy.wav").vector()).containsExactly(first);
  }

  @Test
  void digitalSilenceIsAllSilence() throws java.io.IOException {
    java.nio.file.Path file = java.nio.file.Files.createTempFile("silence", ".wav");
    try {
      byte[] data = new byte[16000 * 2];
      java.nio.file.Files.write(
          file, dev.earmark.audio.peaks.PeakPyramidTestAccess.pcm16Wav(16000, 1, data));
      AcousticFeatures silence = FeatureExtractor.extract(file);
      assertThat(silence.silenceRatio()).isEqualTo(1.0);
      assertThat(silence.rmsMeanDbfs()).isEqualTo(-120.0);
      assertThat(silence.voicedRatio()).isZero();
      assertThat(silence.spectralCentroidHz()).isZero();
      assertThat(silence.speechRateNucleiPerSecond()).isZero();
    } finally {
      java.nio.file.Files.delete(file);
    }
  }

  @Test
  void percentilesUseNearestRank() {
    double[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    assertThat(FeatureExtractor.percentile(sorted, 0.10)).isEqualTo(1);
    assertThat(FeatureExtractor.percentile(sorted, 0.90)).isEqualTo(9);
    assertThat(FeatureExtractor.percentile(sorted, 0.5)).isEqualTo(5);
  }

  @Test
  void aVectorFollowsTheSchema() {
    AcousticFeatures features = features("voiced-200hz.wav");
    assertThat(features.vector()).hasSize(FeatureSchema.NAMES.size());
    assertThat(features.asMap().keySet()).containsExactlyElementsOf(FeatureSchema.NAMES);
    assertThat(features.durationSeconds()).isCloseTo(1.5, within(1e-9));
  }

  @ParameterizedTest(name = "{0} vs {1}")
  @CsvSource(
      textBlock =
          """
          voiced-200hz-48k.wav, voiced-200hz.wav,   200
          buzz-150hz-48k.wav,   buzz-150hz-16k.wav, 150
          """)
  void fortyEightAndSixteenKilohertzRenderingsHaveThePitch(String at48, String at16, double hz) {
    AcousticFeatures high = features(at48);
    AcousticFeatures low = features(at16);
    assertThat(high.f0MedianHz()).isCloseTo(hz, within(1.0));
    assertThat(high.f0MedianHz()).isCloseTo(low.f0MedianHz(), within(0.05));
    assertThat(high.f0IqrHz()).isCloseTo(low.f0IqrHz(), within(0.05));
    assertThat(high.voicedRatio()).isCloseTo(low.voicedRatio(), within(0.01));
  }

  @Test
  void fortyEightAndSixteenKilohertzRenderingsHaveTheSpectralShape() {
    AcousticFeatures high = features("voiced-200hz-48k.wav");
    AcousticFeatures low = features("voiced-200hz.wav");
    assertThat(high.spectralCentroidHz()).isCloseTo(low.spectralCentroidHz(), within(0.01));
    assertThat(high.spectralFlatness()).isLessThan(0.001);
    assertThat(high.highBandEnergyDb()).isCloseTo(low.highBandEnergyDb(), within(3.0));
    assertThat(high.narrowBand()).isFalse();
    // the 16 kHz rendering lacks the buzz's harmonics above 8 kHz, so only the pitch agrees there
    assertThat(features("buzz-150hz-48k.wav").spectralCentroidHz())
        .isGreaterThan(features("buzz-150hz-16k.wav").spectralCentroidHz());
  }

  @ParameterizedTest(name = "{0} Hz, {1} s")
  @CsvSource(
      textBlock =
          """
          8000,  1.0
          16000, 1.0
          22050, 1.0
          44100, 1.0
          48000, 1.0
          96000, 1.0
          48000, 0.04
          """)
  void aHarmonicVoiceHasItsPitchAtEveryRate(int rate, double seconds) throws IOException {
    // 180 Hz with harmonics 2..5, like a voiced vowel; 0.04 s at 48 kHz is shorter than a frame
    int frames = (int) Math.round(rate * seconds);
    ByteBuffer data = ByteBuffer.allocate(frames * 2).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < frames; i++) {
      double v = 0;
      for (int h = 1; h <= 5; h++) {
        v += Math.sin(2 * Math.PI * 180 * h * i / rate) / h;
      }
      data.putShort((short) Math.round(12000 * v));
    }
    Path wav = dir.resolve("voice-" + rate + ".wav");
    Files.write(wav, PeakPyramidTestAccess.pcm16Wav(rate, 1, data.array()));
    AcousticFeatures features = FeatureExtractor.extract(wav);
    assertThat(features.f0MedianHz()).isCloseTo(180, within(1.5));
    assertThat(features.voicedRatio()).isGreaterThan(0.9);
  }
}
