package dev.earmark.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earmark.app.cli.EarmarkCommandTest.Result;
import dev.earmark.fixtures.DemoDataset;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code earmark audio info|peaks} end to end through {@link EarmarkCommand#run}. */
class AudioCommandTest {
  @TempDir Path dir;
  Path wav;

  /** 1.5 s of 16 kHz mono 16-bit: a ramp from -1000 upwards, so peaks are predictable. */
  @BeforeEach
  void writeWav() throws IOException {
    int frames = 24_000;
    ByteBuffer data = ByteBuffer.allocate(frames * 2).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < frames; i++) {
      data.putShort((short) (i - 1000));
    }
    wav = dir.resolve("ramp.wav");
    Files.write(wav, wavBytes(16000, data.array()));
  }

  static byte[] wavBytes(int rate, byte[] data) {
    ByteBuffer out = ByteBuffer.allocate(44 + data.length).order(ByteOrder.LITTLE_ENDIAN);
    out.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + data.length);
    out.put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16);
    out.putShort((short) 1).putShort((short) 1).putInt(rate).putInt(rate * 2);
    out.putShort((short) 2).putShort((short) 16);
    out.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(data.length).put(data);
    return out.array();
  }

  static JsonNode json(String text) throws IOException {
    return JsonOutput.mapper().readTree(text);
  }

  @Test
  void aFlacDecodersDebugLinesNeverReachStdoutAndTheJsonStaysParseable() throws IOException {
    byte[] flac;
    try (InputStream in =
        getClass()
            .getClassLoader()
            .getResourceAsStream(DemoDataset.RESOURCE_ROOT + "audio/clip-010.flac")) {
      flac = in.readAllBytes();
    }
    flac[14080] ^= 1 << 5; // makes jflac print "readResidual elsecase" lines on System.out
    Path damaged = dir.resolve("damaged.flac");
    Files.write(damaged, flac);
    PrintStream processOut = System.out;
    ByteArrayOutputStream leaked = new ByteArrayOutputStream();
    Result result;
    System.setOut(new PrintStream(leaked, true, StandardCharsets.UTF_8));
    try {
      result = EarmarkCommandTest.run("audio", "info", damaged.toString(), "--json");
    } finally {
      System.setOut(processOut);
    }
    assertThat(leaked.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(result.code()).isEqualTo(ExitCode.CHECK_FAILED);
    assertThat(json(result.out()).get("valid").asBoolean()).isFalse();
  }

  @Test
  void aFifoIsRefusedWithExitTwoInsteadOfHanging() throws Exception {
    Path fifo = dir.resolve("pipe.wav");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
    Result result =
        assertTimeoutPreemptively(
            Duration.ofSeconds(20), () -> EarmarkCommandTest.run("audio", "info", fifo.toString()));
    assertThat(result.code()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(result.err()).contains("not a regular file").doesNotContain("\tat ");
  }

  @ParameterizedTest
  @ValueSource(strings = {"2147483647", "16777217", "0", "-5"})
  void absurdSamplesPerPixelIsRefusedInOneLineWithExitTwo(String samplesPerPixel) {
    Result result =
        EarmarkCommandTest.run(
            "audio",
            "peaks",
            wav.toString(),
            "--samples-per-pixel",
            samplesPerPixel,
            "--out",
            dir.resolve("p.dat").toString());
    assertThat(result.code()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(result.err().strip()).doesNotContain("\n").contains("1 to 16777216");
    assertThat(dir.resolve("p.dat")).doesNotExist();
  }

  @Test
  void infoDescribesAValidFile() {
    Result result = EarmarkCommandTest.run("audio", "info", wav.toString());
    assertThat(result.code()).isZero();
    assertThat(result.out())
        .contains("valid")
        .contains("16000 Hz")
        .contains("1.500 s")
        .contains("16 bit");
  }

  @Test
  void infoJsonHasEveryField() throws IOException {
    Result result = EarmarkCommandTest.run("audio", "info", wav.toString(), "--json");
    assertThat(result.code()).isZero();
    JsonNode node = json(result.out());
    assertThat(node.get("valid").asBoolean()).isTrue();
    assertThat(node.get("codec").asText()).isEqualTo("wav-pcm");
    assertThat(node.get("sample_rate").asInt()).isEqualTo(16000);
    assertThat(node.get("channels").asInt()).isEqualTo(1);
    assertThat(node.get("bits_per_sample").asInt()).isEqualTo(16);
    assertThat(node.get("frames").asLong()).isEqualTo(24000);
    assertThat(node.get("duration_seconds").asDouble()).isEqualTo(1.5);
  }

  @Test
  void anInvalidFileExitsOneWithTheReason() throws IOException {
    byte[] whole = Files.readAllBytes(wav);
    Path cut = dir.resolve("cut.wav");
    Files.write(cut, Arrays.copyOf(whole, 2000));
    Result result = EarmarkCommandTest.run("audio", "info", cut.toString(), "--json");
    assertThat(result.code()).isEqualTo(ExitCode.CHECK_FAILED);
    JsonNode node = json(result.out());
    assertThat(node.get("valid").asBoolean()).isFalse();
    assertThat(node.get("reason").asText()).isEqualTo("truncated");
    assertThat(node.get("message").asText()).contains("48000");

    Path text = dir.resolve("notes.wav");
    Files.writeString(text, "just some text");
    Result human = EarmarkCommandTest.run("audio", "info", text.toString());
    assertThat(human.code()).isEqualTo(ExitCode.CHECK_FAILED);
    assertThat(human.out()).contains("invalid (not-audio)");
  }

  @Test
  void aMissingFileIsBadInputOnOneLine() {
    Result result = EarmarkCommandTest.run("audio", "info", dir.resolve("nope.wav").toString());
    assertThat(result.code()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(result.err().strip().lines()).hasSize(1);
    assertThat(result.err()).contains("nope.wav").contains("does not exist");
  }

  @Test
  void missingArgumentsAreBadUsage() {
    assertThat(EarmarkCommandTest.run("audio", "info").code()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(EarmarkCommandTest.run("audio").code()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(EarmarkCommandTest.run("audio", "peaks", wav.toString()).code())
        .isEqualTo(ExitCode.BAD_INPUT);
  }

  @Test
  void peaksWritesTheAudiowaveformDatLayout() throws IOException {
    Path out = dir.resolve("ramp.dat");
    Result result =
        EarmarkCommandTest.run(
            "audio",
            "peaks",
            wav.toString(),
            "--samples-per-pixel",
            "256",
            "--out",
            out.toString(),
            "--json");
    assertThat(result.code()).isZero();
    assertThat(json(result.out()).get("length").asInt()).isEqualTo(94);
    ByteBuffer dat = ByteBuffer.wrap(Files.readAllBytes(out)).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(
            new int[] {
              dat.getInt(), dat.getInt(), dat.getInt(), dat.getInt(), dat.getInt(), dat.getInt()
            })
        .containsExactly(2, 0, 16000, 256, 94, 1);
    assertThat(dat.getShort()).isEqualTo((short) -1000); // block 0 spans -1000..-745
    assertThat(dat.getShort()).isEqualTo((short) -745);
    assertThat(dat.getShort()).isEqualTo((short) -744);
  }

  @Test
  void peaksWritesJsonWhenTheOutputEndsInJson() throws IOException {
    Path out = dir.resolve("ramp.json");
    Result result =
        EarmarkCommandTest.run(
            "audio",
            "peaks",
            wav.toString(),
            "--samples-per-pixel",
            "12000",
            "--out",
            out.toString());
    assertThat(result.code()).isZero();
    assertThat(result.out()).contains("2 peaks");
    JsonNode node = json(Files.readString(out));
    assertThat(node.get("samples_per_pixel").asInt()).isEqualTo(12000);
    assertThat(node.get("data").toString()).isEqualTo("[-1000,10999,11000,22999]");
  }

  @Test
  void peaksOfAnInvalidFileExitOne() throws IOException {
    Path empty = dir.resolve("empty.wav");
    Files.write(empty, new byte[0]);
    Result result =
        EarmarkCommandTest.run(
            "audio",
            "peaks",
            empty.toString(),
            "--samples-per-pixel",
            "256",
            "--out",
            dir.resolve("x.dat").toString());
    assertThat(result.code()).isEqualTo(ExitCode.CHECK_FAILED);
    assertThat(result.err()).contains("empty-file");
    assertThat(
            EarmarkCommandTest.run(
                    "audio", "peaks", wav.toString(), "--samples-per-pixel", "0", "--out", "x.dat")
                .code())
        .isEqualTo(ExitCode.BAD_INPUT);
  }
}
