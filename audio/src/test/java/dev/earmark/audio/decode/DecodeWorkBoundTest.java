package dev.earmark.audio.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.earmark.fixtures.DemoDataset;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every decode runs under a bound on its work. The two FLAC files of issue 19 (the demo's
 * clip-023.flac with a run of random bytes near its end) sent jflac into an endless frame-sync
 * search at the end of the file; they must now end in a verdict.
 */
class DecodeWorkBoundTest {
  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource({
    "27896, 643264660b0bd046983071b62a294780f909d3593a0914",
    "27883, 559db9bcde1e82d5500f03e9c06780160daa"
  })
  void flacDamagedAtItsEndIsNamedInsteadOfLoopingForever(int offset, String bytes)
      throws IOException {
    byte[] flac = demoBytes("audio/clip-023.flac");
    byte[] patch = HexFormat.of().parseHex(bytes);
    System.arraycopy(patch, 0, flac, offset, patch.length);
    Path file = dir.resolve("fuzzed.flac");
    Files.write(file, flac);

    AudioValidation validation =
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> AudioDecoder.validate(file));

    assertThat(validation).isInstanceOf(AudioValidation.Invalid.class);
    AudioValidation.Invalid invalid = (AudioValidation.Invalid) validation;
    assertThat(invalid.reason()).isEqualTo(InvalidReason.INCONSISTENT_HEADER);
    assertThat(invalid.message()).contains("end of the file").contains("damaged");
  }

  @Test
  void aDecoderReadingOnAtTheEndOfTheFileIsStopped() throws IOException {
    Path file = dir.resolve("three.bin");
    try (InputStream in = new BoundedInputStream(new ByteArrayInputStream(new byte[3]), file, 3)) {
      assertThat(in.read(new byte[8], 0, 8)).isEqualTo(3);
      for (int i = 0; i <= BoundedInputStream.MAX_READS_AT_END; i++) {
        assertThat(in.read()).isEqualTo(-1);
      }
      assertThatThrownBy(in::read)
          .isInstanceOf(DecodeLimitException.class)
          .hasMessageContaining("three.bin")
          .hasMessageContaining("kept reading at the end");
    }
  }

  @Test
  void aDecoderRereadingTheFileOverAndOverIsStopped() throws IOException {
    Path file = dir.resolve("loop.bin");
    byte[] buffer = new byte[1 << 16];
    InputStream endless =
        new InputStream() {
          @Override
          public int read() {
            return 0;
          }

          @Override
          public int read(byte[] b, int off, int len) {
            return len;
          }
        };
    try (InputStream in = new BoundedInputStream(endless, file, 10)) {
      assertThatThrownBy(
              () -> {
                while (true) {
                  in.read(buffer, 0, buffer.length);
                }
              })
          .isInstanceOf(DecodeLimitException.class)
          .hasMessageContaining("loop.bin")
          .hasMessageContaining("from a file of 10");
    }
  }

  static byte[] demoBytes(String relative) throws IOException {
    try (InputStream in =
        DecodeWorkBoundTest.class
            .getClassLoader()
            .getResourceAsStream(DemoDataset.RESOURCE_ROOT + relative)) {
      assertThat(in).as("demo file %s on the test class path", relative).isNotNull();
      return in.readAllBytes();
    }
  }
}
