package dev.earmark.audio.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Decodes every sox-made file of make-test-audio.sh and checks format and samples. */
class AudioDecoderTest {
  static Path resource(String name) {
    try {
      return Paths.get(AudioDecoderTest.class.getResource("/audio/" + name).toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @ParameterizedTest
  @CsvSource(
      textBlock =
          """
          file,                     codec,      rate, channels, bits, minFrames, maxFrames
          pcm8-mono.wav,            WAV_PCM,    8000, 1,        8,    2000,      2000
          pcm16-mono.wav,           WAV_PCM,    8000, 1,        16,   2000,      2000
          pcm24-stereo.wav,         WAV_PCM,    8000, 2,        24,   2000,      2000
          pcm32-stereo.wav,         WAV_PCM,    8000, 2,        32,   2000,      2000
          float32-mono.wav,         WAV_FLOAT,  8000, 1,        32,   2000,      2000
          float64-mono.wav,         WAV_FLOAT,  8000, 1,        64,   2000,      2000
          extensible-4ch.wav,       WAV_PCM,    8000, 4,        16,   2000,      2000
          extensible-24-stereo.wav, WAV_PCM,    8000, 2,        24,   2000,      2000
          tone.flac,                FLAC,       8000, 1,        16,   2000,      2000
          tone.mp3,                 MP3,        8000, 1,        0,    2000,      4000
          tone.ogg,                 VORBIS,     8000, 1,        0,    1900,      2100
          """,
      useHeadersInDisplayName = true)
  void decodesEveryFormatToTheSameTone(
      String file, Codec codec, int rate, int channels, int bits, long minFrames, long maxFrames) {
    AudioValidation validation = AudioDecoder.validate(resource(file));
    assertThat(validation).isInstanceOf(AudioValidation.Valid.class);
    AudioInfo info = ((AudioValidation.Valid) validation).info();
    assertThat(info.codec()).isEqualTo(codec);
    assertThat(info.sampleRate()).isEqualTo(rate);
    assertThat(info.channels()).isEqualTo(channels);
    assertThat(info.bitsPerSample()).isEqualTo(bits);
    assertThat(info.frames()).isBetween(minFrames, maxFrames);

    try (AudioSource source = AudioDecoder.open(resource(file))) {
      float[][] block = source.newBlock(300);
      long total = 0;
      float peak = 0;
      double sumSquares = 0;
      int n;
      while ((n = source.read(block)) > 0) {
        for (int c = 0; c < channels; c++) {
          for (int i = 0; i < n; i++) {
            peak = Math.max(peak, Math.abs(block[c][i]));
            sumSquares += block[c][i] * (double) block[c][i];
          }
        }
        total += n;
      }
      assertThat(total).isEqualTo(info.frames());
      // sox wrote a 440 Hz sine at half scale on every channel
      assertThat(peak).isCloseTo(0.5f, within(0.06f));
      if (!codec.lossy()) { // MP3 adds encoder delay and padding frames
        double rms = Math.sqrt(sumSquares / (total * channels));
        assertThat(rms).isCloseTo(0.5 / Math.sqrt(2), within(0.01));
      }
    }
  }
}
