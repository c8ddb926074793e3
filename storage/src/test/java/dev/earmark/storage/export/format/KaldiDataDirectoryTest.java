package dev.earmark.storage.export.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KaldiDataDirectoryTest {
  @TempDir Path dir;

  private List<String> read(String name) throws Exception {
    return Files.readAllLines(dir.resolve(name), StandardCharsets.UTF_8);
  }

  @Test
  void unsegmentedClipsMakeOneUtterancePerClipPrefixedBySpeaker() throws Exception {
    List<Path> written =
        new KaldiDataDirectory().write(List.of(TestClips.plain(), TestClips.empty()), dir);

    assertThat(written)
        .containsExactly(
            dir.resolve("wav.scp"),
            dir.resolve("text"),
            dir.resolve("utt2spk"),
            dir.resolve("spk2utt"),
            dir.resolve("utt2dur"),
            dir.resolve("reco2dur"));
    assertThat(dir.resolve("segments")).doesNotExist();
    // The test paths do not exist, so nothing confirms 16-bit PCM: sox converts.
    assertThat(read("wav.scp"))
        .containsExactly(
            "empty-empty sox '/data/project/audio/empty.wav' -t wav -b 16 -e signed-integer - |",
            "spk_a-clip-001 sox '/data/project/audio/clip-001.wav' -t wav -b 16 -e signed-integer"
                + " - |");
    assertThat(read("utt2dur")).containsExactly("empty-empty 1.000", "spk_a-clip-001 2.500");
    assertThat(read("reco2dur")).containsExactly("empty-empty 1.000", "spk_a-clip-001 2.500");
    assertThat(read("text")).containsExactly("empty-empty", "spk_a-clip-001 the quick brown fox");
    assertThat(read("utt2spk")).containsExactly("empty-empty empty", "spk_a-clip-001 spk_a");
    assertThat(read("spk2utt")).containsExactly("empty empty-empty", "spk_a spk_a-clip-001");
  }

  @Test
  void anySegmentedClipMakesASegmentsFileForEveryClip() throws Exception {
    List<Path> written = new KaldiDataDirectory().write(TestClips.all(), dir);

    assertThat(written).endsWith(dir.resolve("segments"));
    String swiss = "Z=C3=BCrich=20interview=2F02";
    String anne = "Anne=2DMarie=20=C3=98";
    assertThat(read("wav.scp"))
        .containsExactly(
            swiss
                + " sox '/data/project/audio/Zürich interview 02.flac' -t wav -r 16000 -b 16"
                + " -e signed-integer - |",
            "clip-001 sox '/data/project/audio/clip-001.wav' -t wav -b 16 -e signed-integer - |",
            "empty sox '/data/project/audio/empty.wav' -t wav -b 16 -e signed-integer - |");
    assertThat(read("utt2dur"))
        .containsExactly(
            anne + "-" + swiss + "-0001 1.200",
            "Bob-" + swiss + "-0002 1.750",
            "empty-empty-0001 1.000",
            "spk_a-clip-001-0001 2.500");
    assertThat(read("reco2dur")).containsExactly(swiss + " 4.000", "clip-001 2.500", "empty 1.000");
    assertThat(read("segments"))
        .containsExactly(
            anne + "-" + swiss + "-0001 " + swiss + " 0.000 1.200",
            "Bob-" + swiss + "-0002 " + swiss + " 1.500 3.250",
            "empty-empty-0001 empty 0.000 1.000",
            "spk_a-clip-001-0001 clip-001 0.000 2.500");
    assertThat(read("text"))
        .containsExactly(
            anne + "-" + swiss + "-0001 Grüezi mitenand",
            "Bob-" + swiss + "-0002 \"so\" (lacht) {ja}",
            "empty-empty-0001",
            "spk_a-clip-001-0001 the quick brown fox");
    assertThat(read("utt2spk"))
        .containsExactly(
            anne + "-" + swiss + "-0001 " + anne,
            "Bob-" + swiss + "-0002 Bob",
            "empty-empty-0001 empty",
            "spk_a-clip-001-0001 spk_a");
    assertThat(read("spk2utt")).hasSize(4).contains("Bob Bob-" + swiss + "-0002");
  }

  private static Path sox(Path file, String... format) throws Exception {
    List<String> command = new ArrayList<>(List.of("/usr/bin/sox", "-n"));
    command.addAll(List.of(format));
    command.addAll(List.of(file.toString(), "synth", "0.2", "sine", "440"));
    Process make = new ProcessBuilder(command).redirectErrorStream(true).start();
    make.getInputStream().readAllBytes();
    assertThat(make.waitFor()).isZero();
    return file;
  }

  private static ExportClip clipAt(Path audio, int rate) {
    return new ExportClip(
        "c", audio, null, 0.2, rate, 1, null, "x", List.of(), null, Map.of(), null);
  }

  @Test
  void wavScpKeepsSixteenBitWavAtTheSetRateAndPipesEverythingElseThroughSox() throws Exception {
    Assumptions.assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/sox")), "sox (Debian package sox) is not installed");
    Path plain = sox(dir.resolve("a.wav"), "-r", "16000", "-c", "1", "-b", "16");
    Path deep = sox(dir.resolve("deep.wav"), "-r", "16000", "-c", "1", "-b", "24");
    Path fast = sox(dir.resolve("fast.wav"), "-r", "44100", "-c", "1", "-b", "16");
    Path flac = sox(dir.resolve("my clip's.flac"), "-r", "16000", "-c", "1");

    assertThat(KaldiDataDirectory.wavEntry(clipAt(plain, 16000), 16000))
        .isEqualTo(plain.toString());
    assertThat(KaldiDataDirectory.wavEntry(clipAt(deep, 16000), 16000))
        .isEqualTo("sox '" + deep + "' -t wav -b 16 -e signed-integer - |");
    assertThat(KaldiDataDirectory.wavEntry(clipAt(fast, 44100), 16000))
        .isEqualTo("sox '" + fast + "' -t wav -r 16000 -b 16 -e signed-integer - |");
    assertThat(KaldiDataDirectory.wavEntry(clipAt(flac, 16000), 16000))
        .isEqualTo(
            "sox '"
                + flac.toString().replace("'", "'\\''")
                + "' -t wav -b 16 -e signed-integer - |");
    // A file Earmark cannot confirm as 16-bit PCM is converted rather than trusted.
    assertThat(KaldiDataDirectory.wavEntry(clipAt(dir.resolve("gone.wav"), 16000), 16000))
        .startsWith("sox ");

    for (Path audio : List.of(deep, fast, flac)) {
      String entry =
          KaldiDataDirectory.wavEntry(clipAt(audio, audio.equals(fast) ? 44100 : 16000), 16000);
      Process pipe =
          new ProcessBuilder("/bin/sh", "-c", entry.substring(0, entry.length() - 1)).start();
      byte[] wav = pipe.getInputStream().readAllBytes();
      assertThat(pipe.waitFor()).isZero();
      Path converted = Files.write(dir.resolve("converted.wav"), wav);
      assertThat(WavHeader.isPcm16(converted)).as(entry).isTrue();
      assertThat(
              java.nio.ByteBuffer.wrap(wav, 24, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt())
          .as("sample rate of " + entry)
          .isEqualTo(16000);
    }
  }

  @Test
  void aSetOfSixteenKilohertzClipsPipesItsOffRateAndTwentyFourBitFilesInWavScp() throws Exception {
    Assumptions.assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/sox")), "sox (Debian package sox) is not installed");
    Path a = sox(dir.resolve("a.wav"), "-r", "16000", "-c", "1", "-b", "16");
    Path b = sox(dir.resolve("b.wav"), "-r", "16000", "-c", "1", "-b", "16");
    Path deep = sox(dir.resolve("deep.wav"), "-r", "16000", "-c", "1", "-b", "24");
    Path fast = sox(dir.resolve("fast.wav"), "-r", "8000", "-c", "1", "-b", "16");
    List<ExportClip> clips = new ArrayList<>();
    int n = 0;
    for (Path audio : List.of(a, b, deep, fast)) {
      clips.add(
          new ExportClip(
              "clip" + n++,
              audio,
              null,
              0.2,
              audio.equals(fast) ? 8000 : 16000,
              1,
              "spk",
              "x",
              List.of(),
              null,
              Map.of(),
              null));
    }
    Path out = dir.resolve("kaldi");
    new KaldiDataDirectory().write(clips, out);
    List<String> wavScp = Files.readAllLines(out.resolve("wav.scp"));
    assertThat(wavScp)
        .containsExactly(
            "spk-clip0 " + a,
            "spk-clip1 " + b,
            "spk-clip2 sox '" + deep + "' -t wav -b 16 -e signed-integer - |",
            "spk-clip3 sox '" + fast + "' -t wav -r 16000 -b 16 -e signed-integer - |");
  }

  private static String randomText(Random random, String alphabet) {
    StringBuilder text = new StringBuilder();
    int length = 1 + random.nextInt(4);
    for (int i = 0; i < length; i++) {
      text.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return text.toString().isBlank() ? "b" + text : text.toString();
  }
}
