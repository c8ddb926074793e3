package dev.earmark.audio.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Damaged compressed streams (bytes overwritten after the signature) must end in a verdict,
 * quickly, never in an exception, a hang or an out-of-memory.
 */
class CorruptedStreamTest {
  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource({"tone.flac", "tone.mp3", "tone.ogg", "pcm24-stereo.wav", "extensible-4ch.wav"})
  void damagedFilesGetAVerdictAndNeverEscape(String name) throws IOException {
    byte[] original = Files.readAllBytes(AudioDecoderTest.resource(name));
    Random random = new Random(name.hashCode());
    for (int trial = 0; trial < 20; trial++) {
      byte[] damaged = original.clone();
      int from = 4 + random.nextInt(Math.min(200, damaged.length - 8));
      int length = 1 + random.nextInt(64);
      for (int i = from; i < Math.min(damaged.length, from + length); i++) {
        damaged[i] = (byte) random.nextInt(256);
      }
      Path file = dir.resolve(trial + "-" + name);
      Files.write(file, damaged);
      AudioValidation validation =
          assertTimeoutPreemptively(Duration.ofSeconds(10), () -> AudioDecoder.validate(file));
      assertThat(validation).isNotNull();
      if (validation instanceof AudioValidation.Valid valid) {
        try (AudioSource source = AudioDecoder.open(file)) {
          float[][] block = source.newBlock(4096);
          long frames = 0;
          int n;
          while ((n = source.read(block)) > 0) {
            frames += n;
          }
          assertThat(frames).isLessThanOrEqualTo(valid.info().frames());
        } catch (dev.earmark.audio.AudioException e) {
          // a decoder may still fail mid-stream; it must do so as our exception with a message
          assertThat(e.getMessage()).contains(file.getFileName().toString());
        }
      }
    }
  }
}
