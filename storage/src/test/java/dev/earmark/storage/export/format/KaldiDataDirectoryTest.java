package dev.earmark.storage.export.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
            dir.resolve("spk2utt"));
    assertThat(dir.resolve("segments")).doesNotExist();
    assertThat(read("wav.scp"))
        .containsExactly(
            "empty-empty /data/project/audio/empty.wav",
            "spk_a-clip-001 /data/project/audio/clip-001.wav");
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
            swiss + " sox '/data/project/audio/Zürich interview 02.flac' -t wav - |",
            "clip-001 /data/project/audio/clip-001.wav",
            "empty /data/project/audio/empty.wav");
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

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          spk_01        | spk_01
          spk-01        | spk=2D01
          Anne Marie    | Anne=20Marie
          a=b           | a=3Db
          Ø             | =C3=98
          v1.2          | v1.2
          """)
  void speakerIdsKeepOnlyCharactersThatSortAfterTheSeparator(String speaker, String kaldi) {
    assertThat(KaldiDataDirectory.speakerId(speaker)).isEqualTo(kaldi);
  }

  @Test
  void utteranceOrderAndSpeakerOrderAgreeForAwkwardIds() throws Exception {
    Random random = new Random(7);
    String alphabet = "ab-_.Zé =/";
    List<ExportClip> clips = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    while (clips.size() < 300) {
      String clipId = randomText(random, alphabet);
      if (!ids.add(clipId)) {
        continue;
      }
      String speaker = random.nextInt(5) == 0 ? null : randomText(random, alphabet);
      clips.add(
          new ExportClip(
              clipId,
              Path.of("/a/" + clips.size() + ".wav"),
              clips.size() + ".wav",
              1.0,
              16000,
              1,
              speaker,
              "x",
              List.of(),
              null,
              Map.of(),
              null));
    }

    new KaldiDataDirectory().write(clips, dir);

    List<String> utt2spk = read("utt2spk");
    assertThat(utt2spk).hasSize(300);
    String previousUtterance = "";
    String previousSpeaker = "";
    for (String line : utt2spk) {
      String[] fields = line.split(" ");
      assertThat(fields).hasSize(2);
      assertThat(fields[0]).startsWith(fields[1] + "-").isGreaterThan(previousUtterance);
      assertThat(fields[1]).isGreaterThanOrEqualTo(previousSpeaker);
      assertThat(fields[0]).matches("[A-Za-z0-9._=-]+");
      previousUtterance = fields[0];
      previousSpeaker = fields[1];
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiterString = "=>",
      textBlock =
          """
          /data/a.wav           => /data/a.wav
          /data/A.WAV           => /data/A.WAV
          /data/a.flac          => sox '/data/a.flac' -t wav - |
          /data/my clip.wav     => sox '/data/my clip.wav' -t wav - |
          /data/it's.mp3        => sox '/data/it'\\''s.mp3' -t wav - |
          """)
  void wavScpPipesEverythingButPlainWavThroughSox(String path, String entry) {
    assertThat(KaldiDataDirectory.wavEntry(Path.of(path))).isEqualTo(entry);
  }

  @Test
  void theSoxPipeInWavScpDecodesAFlacFileWithASpaceInItsName() throws Exception {
    Path sox = Path.of("/usr/bin/sox");
    Assumptions.assumeTrue(Files.isExecutable(sox), "sox is not installed");
    Path flac = dir.resolve("my clip's.flac");
    Process make =
        new ProcessBuilder(
                sox.toString(),
                "-n",
                "-r",
                "16000",
                "-c",
                "1",
                flac.toString(),
                "synth",
                "0.2",
                "sine",
                "440")
            .redirectErrorStream(true)
            .start();
    assertThat(make.waitFor()).isZero();

    String entry = KaldiDataDirectory.wavEntry(flac);
    assertThat(entry).endsWith(" |");
    Process pipe =
        new ProcessBuilder("/bin/sh", "-c", entry.substring(0, entry.length() - 1)).start();
    byte[] wav = pipe.getInputStream().readAllBytes();
    assertThat(pipe.waitFor()).isZero();
    assertThat(new String(wav, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
    assertThat(wav.length).isGreaterThan(44 + 2 * 3000);
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
