package dev.earmark.audio.spectrogram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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

class SpectrogramTest {
  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource({"8, 1", "16, 3", "64, 5", "1024, 100"})
  void fftMatchesTheDefinitionOfTheDft(int size, int seed) {
    java.util.Random random = new java.util.Random(seed);
    double[] re = new double[size];
    double[] im = new double[size];
    for (int i = 0; i < size; i++) {
      re[i] = random.nextGaussian();
      im[i] = random.nextGaussian();
    }
    double[] wantRe = new double[size];
    double[] wantIm = new double[size];
    for (int k = 0; k < size; k++) {
      for (int n = 0; n < size; n++) {
        double angle = -2 * Math.PI * k * n / size;
        wantRe[k] += re[n] * Math.cos(angle) - im[n] * Math.sin(angle);
        wantIm[k] += re[n] * Math.sin(angle) + im[n] * Math.cos(angle);
      }
    }
    new Fft(size).transform(re, im);
    for (int k = 0; k < size; k++) {
      assertThat(re[k]).isCloseTo(wantRe[k], within(1e-9 * size));
      assertThat(im[k]).isCloseTo(wantIm[k], within(1e-9 * size));
    }
  }

  @ParameterizedTest
  @CsvSource({"2, 1", "4, 2", "8, 3", "512, 4", "2048, 5"})
  void powerSpectrumOfARealFrameMatchesTheDefinitionOfTheDft(int size, int seed) {
    java.util.Random random = new java.util.Random(seed);
    float[] frame = new float[size + 3];
    for (int i = 0; i < frame.length; i++) {
      frame[i] = (float) random.nextGaussian();
    }
    Fft fft = new Fft(size);
    float[] hann = fft.hannWindow();
    double[] power = new double[size / 2 + 1];
    fft.powerSpectrum(frame, 3, new double[size], new double[size], power);
    for (int k = 0; k <= size / 2; k++) {
      double re = 0;
      double im = 0;
      for (int n = 0; n < size; n++) {
        double angle = -2 * Math.PI * k * n / size;
        re += frame[3 + n] * hann[n] * Math.cos(angle);
        im += frame[3 + n] * hann[n] * Math.sin(angle);
      }
      assertThat(power[k]).isCloseTo(re * re + im * im, within(1e-9 * size * size));
    }
  }

  @Test
  void fftSizesMustBePowersOfTwo() {
    assertThatThrownBy(() -> new Fft(100)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SpectrogramSettings(100, 10, -120, 4))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aFullScaleSineReadsZeroDecibelsInItsBin() throws IOException {
    // 1000 Hz at 16 kHz with a 512-point FFT: exactly bin 32
    int frames = 16000;
    ByteBuffer data = ByteBuffer.allocate(frames * 2).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < frames; i++) {
      data.putShort((short) Math.round(32767 * Math.sin(2 * Math.PI * 1000 * i / 16000.0)));
    }
    Path wav = dir.resolve("sine.wav");
    Files.write(wav, PeakPyramidTestAccess.pcm16Wav(16000, 1, data.array()));
    Spectrogram spectrogram = new Spectrogram(wav, new SpectrogramSettings(512, 128, -120, 40));
    assertThat(spectrogram.columns()).isEqualTo(125);
    assertThat(spectrogram.tileCount()).isEqualTo(4);
    SpectrogramTile tile = spectrogram.tile(1);
    assertThat(tile.firstFrame()).isEqualTo(40 * 128);
    assertThat(tile.binHz()).isEqualTo(31.25);
    assertThat(tile.bins()).isEqualTo(257);
    assertThat(tile.db(3, 32)).isCloseTo(0f, within(0.1f));
    assertThat(tile.db(3, 100)).isLessThan(-60f);
    assertThat(spectrogram.tile(3).columns()).isEqualTo(5); // the last tile is short
    assertThat(spectrogram.tile(1)).isSameAs(tile); // cached
  }

  @Test
  void tilesAreDeterministicAndAgreeWithAWholeFileAnalysis() {
    Path wav = AudioDecoderTestAccess.resource("voiced-noisy.wav");
    SpectrogramSettings settings = new SpectrogramSettings(256, 100, -100, 16);
    Spectrogram one = new Spectrogram(wav, settings);
    Spectrogram two = new Spectrogram(wav, settings);
    SpectrogramTile a = one.tile(5);
    SpectrogramTile b = two.tile(5);
    assertThat(a.db()).containsExactly(b.db());
    SpectrogramTile coarse =
        new Spectrogram(wav, new SpectrogramSettings(256, 100, -100, 160)).tile(0);
    assertThat(a.db(3, 10)).isEqualTo(coarse.db(5 * 16 + 3, 10));
  }

  @Test
  void compressedFilesAreTiledToo() {
    Spectrogram spectrogram =
        new Spectrogram(
            AudioDecoderTestAccess.resource("tone.ogg"), SpectrogramSettings.defaults());
    SpectrogramTile tile = spectrogram.tile(0);
    int loudest = 0;
    for (int bin = 0; bin < tile.bins(); bin++) {
      if (tile.db(4, bin) > tile.db(4, loudest)) {
        loudest = bin;
      }
    }
    assertThat(loudest * tile.binHz()).isCloseTo(440, within(tile.binHz()));
    assertThatThrownBy(() -> spectrogram.tile(99)).isInstanceOf(IllegalArgumentException.class);
  }
}
