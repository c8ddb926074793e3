package dev.earmark.app.gui.player;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.earmark.app.gui.waveform.TestClips;
import dev.earmark.audio.decode.AudioDecoder;
import dev.earmark.audio.decode.AudioSource;
import dev.earmark.audio.decode.Codec;
import dev.earmark.audio.decode.InvalidAudioException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which file JavaFX gets for each format, with real files converted by sox. */
class PlayableAudioTest {
  @TempDir Path dir;
  private Path wav16;
  private PlayableAudio playable;

  @BeforeEach
  void writeClip() throws IOException {
    wav16 =
        TestClips.writeWav(
            dir.resolve("clip.wav"), 16_000, 2, 16_000, TestClips.speechLike(16_000));
    playable = new PlayableAudio(dir.resolve("cache"));
  }

  static Path sox(Path in, Path out, String... options) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of("sox", in.toString()));
    command.addAll(List.of(options));
    command.add(out.toString());
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      assumeTrue(false, "sox is not installed: " + e.getMessage());
      throw e;
    }
    assumeTrue(process.waitFor(60, TimeUnit.SECONDS), "sox did not finish");
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.exitValue()).as("sox said: %s", output).isZero();
    return out;
  }

  @Test
  void sixteenBitWavIsPlayedAsItIs() {
    assertThat(playable.playableFile(wav16)).isEqualTo(wav16);
    assertThat(dir.resolve("cache")).doesNotExist();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      textBlock =
          """
          clip.flac,      ''
          clip-24.wav,    -b 24
          clip-float.wav, -e floating-point
          clip.ogg,       ''
          """)
  void otherFormatsBecomeACachedSixteenBitCopyWithTheSameSamples(String name, String options)
      throws Exception {
    String[] soxOptions = options.isBlank() ? new String[0] : options.split(" ");
    Path clip = sox(wav16, dir.resolve(name), soxOptions);

    Path copy = playable.playableFile(clip);

    assertThat(copy).isNotEqualTo(clip).startsWith(dir.resolve("cache"));
    try (AudioSource original = AudioDecoder.open(clip);
        AudioSource played = AudioDecoder.open(copy)) {
      assertThat(played.info().codec()).isEqualTo(Codec.WAV_PCM);
      assertThat(played.info().bitsPerSample()).isEqualTo(16);
      assertThat(played.info().channels()).isEqualTo(2);
      assertThat(played.info().frames()).isEqualTo(original.info().frames());
      float[][] a = original.newBlock(4000);
      float[][] b = played.newBlock(4000);
      assertThat(original.read(a)).isEqualTo(played.read(b)).isEqualTo(4000);
      for (int i = 0; i < 4000; i++) {
        assertThat(b[0][i])
            .isCloseTo(a[0][i], org.assertj.core.api.Assertions.within(1.5f / 32768));
      }
    }
    assertThat(playable.playableFile(clip)).isEqualTo(copy); // decoded once, then reused
    try (var files = Files.list(dir.resolve("cache"))) {
      assertThat(files).containsExactly(copy); // no partial files left behind
    }
  }

  @Test
  void mp3IsDecodedTooSinceJavaFxPlaysItOnlyThroughTheSystemsLibavcodec() throws Exception {
    Path clip = dir.resolve("clip-015.mp3");
    try (var in = getClass().getResourceAsStream("/earmark-demo/audio/clip-015.mp3")) {
      assertThat(in).as("the demo's MP3 clip on the test class path").isNotNull();
      Files.copy(in, clip);
    }

    Path copy = playable.playableFile(clip);

    assertThat(copy).isNotEqualTo(clip).startsWith(dir.resolve("cache"));
    try (AudioSource original = AudioDecoder.open(clip);
        AudioSource played = AudioDecoder.open(copy)) {
      assertThat(played.info().codec()).isEqualTo(Codec.WAV_PCM);
      assertThat(played.info().bitsPerSample()).isEqualTo(16);
      assertThat(played.info().frames()).isEqualTo(original.info().frames());
    }
  }

  @Test
  void aFileThatIsNotAudioIsRefusedWithTheAudioModulesReason() throws IOException {
    Path text = Files.writeString(dir.resolve("readme.flac"), "hello");
    assertThatThrownBy(() -> playable.playableFile(text))
        .isInstanceOf(InvalidAudioException.class)
        .hasMessageContaining("readme.flac");
  }

  @ParameterizedTest
  @CsvSource(
      textBlock =
          """
          0,        0
          1.0,      32767
          -1.0,     -32768
          0.5,      16384
          2.0,      32767
          """)
  void samplesAreRoundedAndClippedToSixteenBits(float sample, short expected) {
    assertThat(PlayableAudio.toPcm16(sample)).isEqualTo(expected);
  }
}
