package dev.earmark.audio.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Pcm16ReadTest {
  @TempDir Path dir;

  @Test
  void sixteenBitWavGivesItsStoredIntegersInterleavedAndTheFloatsAreThemOver32768()
      throws IOException {
    short[] stored = {0, 1, -1, 32767, -32768, 12345, -12345, 7};
    WavBytes wav = WavBytes.pcm16(stored);
    wav.channels = 2;
    Path file = dir.resolve("stereo.wav");
    Files.write(file, wav.build());

    short[] integers = new short[6]; // three frames per read: the fourth comes in a second read
    try (AudioSource source = AudioDecoder.open(file)) {
      assertThat(source.hasPcm16()).isTrue();
      assertThat(source.readPcm16(integers)).isEqualTo(3);
      assertThat(integers).containsExactly(0, 1, -1, 32767, -32768, 12345);
      assertThat(source.readPcm16(integers)).isEqualTo(1);
      assertThat(integers[0]).isEqualTo((short) -12345);
      assertThat(integers[1]).isEqualTo((short) 7);
      assertThat(source.readPcm16(integers)).isEqualTo(-1);
    }
    try (AudioSource source = AudioDecoder.open(file)) {
      float[][] floats = source.newBlock(4);
      assertThat(source.read(floats)).isEqualTo(4);
      for (int i = 0; i < 4; i++) {
        assertThat(floats[0][i]).isEqualTo(stored[2 * i] / 32768f);
        assertThat(floats[1][i]).isEqualTo(stored[2 * i + 1] / 32768f);
      }
    }
  }

  @ParameterizedTest
  @CsvSource({"pcm8-mono.wav", "pcm24-stereo.wav", "float32-mono.wav", "tone.flac"})
  void otherEncodingsOfferOnlyFloats(String name) {
    try (AudioSource source = AudioDecoder.open(AudioDecoderTest.resource(name))) {
      assertThat(source.hasPcm16()).isFalse();
      assertThatThrownBy(() -> source.readPcm16(new short[16]))
          .isInstanceOf(UnsupportedOperationException.class);
    }
  }
}
