package dev.earmark.storage.importer.interchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.earmark.storage.StorageException;
import dev.earmark.storage.export.format.ElanEaf;
import dev.earmark.storage.export.format.ExportClip;
import dev.earmark.storage.export.format.PraatTextGrid;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TierReadersTest {
  @TempDir Path dir;

  @Test
  void aLongFormatTextGridGivesItsNonEmptyIntervalsAndReportsPointTiers() throws Exception {
    TierDocument document =
        PraatTextGridReader.read(LabelStudioImportTest.sample("long-format.TextGrid"));

    assertThat(document.endSeconds()).isEqualTo(2.3);
    assertThat(document.tiers())
        .singleElement()
        .satisfies(
            tier -> {
              assertThat(tier.name()).isEqualTo("words");
              assertThat(tier.segments())
                  .containsExactly(new Segment(0.41, 1.92, "words", "she said \"hi\"\ntwice"));
            });
    assertThat(document.skipped())
        .containsExactly(
            "tier 2 (\"events\") is a point tier; only interval tiers become segments");
  }

  @Test
  void textGridsSavedByPraatInBothTextFormatsReadAlike() throws Exception {
    assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/praat")),
        "Praat is not installed: apt-get install praat to run this check");
    Path script =
        Files.writeString(
            dir.resolve("make.praat"),
            """
            Create TextGrid: 0, 3.5, "anna bob", ""
            Insert boundary: 1, 0.5
            Insert boundary: 1, 1.75
            Set interval text: 1, 2, "good \"\"morning\"\"\"
            Insert boundary: 2, 2.0
            Set interval text: 2, 2, "Grüße aus Zürich"
            Save as text file: "%s"
            Save as short text file: "%s"
            """
                .formatted(dir.resolve("long.TextGrid"), dir.resolve("short.TextGrid")),
            StandardCharsets.UTF_8);
    Process praat =
        new ProcessBuilder("praat", "--run", script.toString()).redirectErrorStream(true).start();
    String output = new String(praat.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(praat.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(praat.exitValue()).as(output).isZero();

    List<Segment> expected =
        List.of(
            new Segment(0.5, 1.75, "anna", "good \"morning\""),
            new Segment(2.0, 3.5, "bob", "Grüße aus Zürich"));
    for (String name : List.of("long.TextGrid", "short.TextGrid")) {
      TierDocument document = PraatTextGridReader.read(dir.resolve(name));
      assertThat(document.tiers())
          .as(name)
          .flatExtracting(TierDocument.Tier::segments)
          .containsExactlyElementsOf(expected);
    }
  }

  @Test
  void aBrokenTextGridNamesTheFileLineAndValue() throws Exception {
    Path broken =
        Files.writeString(
            dir.resolve("broken.TextGrid"),
            """
            File type = "ooTextFile"
            Object class = "TextGrid"
            xmin = 0
            xmax = 1
            tiers? <exists>
            size = 1
            item []:
                item [1]:
                    class = "IntervalTier"
                    name = "a"
                    xmin = 0
                    xmax = 1
                    intervals: size = 1
                    intervals [1]:
                        xmin = 0
                        xmax = one
                        text = "x"
            """);
    assertThatThrownBy(() -> PraatTextGridReader.read(broken))
        .isInstanceOf(StorageException.class)
        .hasMessage(
            broken
                + " line 16: tier 1 (\"a\") interval 1 xmax should be a number, not 'one'; is it a"
                + " TextGrid saved as a text file?");
  }

  @Test
  void anEafGivesItsTopLevelTiersAndMediaAndReportsWhatItLeavesOut() throws Exception {
    Path eaf = LabelStudioImportTest.sample("elan/interview-07.eaf");
    assumeXmllintValidates(eaf);

    TierDocument document = ElanEafReader.read(eaf);

    assertThat(document.mediaUrls())
        .containsExactly("./interview-07.wav", "file:///recordings/interview-07.wav");
    assertThat(document.tiers())
        .extracting(TierDocument.Tier::name)
        .containsExactly("IV", "Speaker B");
    assertThat(document.tiers().get(0).segments())
        .containsExactly(new Segment(0.12, 1.48, "Interviewer", "where did you grow up"));
    assertThat(document.tiers().get(1).segments())
        .containsExactly(new Segment(1.6, 2.95, "Speaker B", "in Brno & later in Graz"));
    assertThat(document.skipped())
        .containsExactly(
            "tier \"IV\" annotation a4 has a time slot without TIME_VALUE (unaligned); align it"
                + " in ELAN",
            "tier \"Speaker B translation\" depends on tier \"Speaker B\"; only top-level tiers"
                + " become segments");
  }

  @Test
  void anEafWithADoctypeIsRefusedSoNoEntityIsRead() throws Exception {
    Path evil =
        Files.writeString(
            dir.resolve("evil.eaf"),
            """
            <?xml version="1.0"?>
            <!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
            <ANNOTATION_DOCUMENT><HEADER/>&secret;</ANNOTATION_DOCUMENT>
            """);
    assertThatThrownBy(() -> ElanEafReader.read(evil))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("evil.eaf is not well-formed XML")
        .hasMessageNotContaining("root:");
  }

  private static ExportClip clip(
      Path audio, String id, String speaker, List<ExportClip.Segment> segments) {
    return new ExportClip(
        id,
        audio,
        "audio/" + audio.getFileName(),
        4.0,
        16000,
        1,
        speaker,
        "whole transcript",
        segments,
        null,
        Map.of(),
        "en");
  }

  private List<ExportClip> exportedClips() throws Exception {
    Path audio = Files.createDirectories(dir.resolve("audio")).resolve("a.wav");
    Files.writeString(audio, "not read by the writers");
    return List.of(
        clip(
            audio,
            "Zürich interview/02",
            null,
            List.of(
                new ExportClip.Segment(0.25, 1.5, "spk-a", "grüezi"),
                new ExportClip.Segment(1.75, 3.0, "spk-b", "hello \"there\""),
                new ExportClip.Segment(3.0, 3.9, "spk-a", "bye"))),
        clip(audio, "plain", null, List.of()),
        clip(audio, "with-speaker", "anna", List.of()));
  }

  @Test
  void textGridsEarmarkExportsImportBackToTheSameSegments() throws Exception {
    List<ExportClip> clips = exportedClips();
    List<Path> files = new PraatTextGrid().write(clips, dir.resolve("textgrid"));

    assertRoundTrip(files, PraatTextGridReader::read, ".TextGrid", clips);
  }

  @Test
  void eafsEarmarkExportsImportBackToTheSameSegments() throws Exception {
    List<ExportClip> clips = exportedClips();
    List<Path> files =
        new ElanEaf(Instant.parse("2026-11-21T10:00:00Z")).write(clips, dir.resolve("eaf"));

    assertRoundTrip(files, ElanEafReader::read, ".eaf", clips);
  }

  private static void assertRoundTrip(
      List<Path> files,
      java.util.function.Function<Path, TierDocument> reader,
      String extension,
      List<ExportClip> clips) {
    assertThat(files).hasSize(clips.size());
    for (Path file : files) {
      String name = file.getFileName().toString();
      String id =
          AudioReferences.decodeClipId(name.substring(0, name.length() - extension.length()));
      ExportClip clip = clips.stream().filter(c -> c.clipId().equals(id)).findFirst().orElseThrow();
      List<Segment> read =
          TierFilesSource.segments(reader.apply(file), id).stream()
              .map(
                  s ->
                      new Segment(
                          round(s.startSeconds()), round(s.endSeconds()), s.speakerId(), s.text()))
              .toList();
      List<Segment> expected =
          clip.segments().isEmpty()
              ? List.of(new Segment(0, clip.durationSeconds(), clip.speakerId(), clip.transcript()))
              : clip.segments().stream()
                  .map(s -> new Segment(s.startSeconds(), s.endSeconds(), s.speakerId(), s.text()))
                  .toList();
      assertThat(read).as(name).containsExactlyElementsOf(expected);
    }
  }

  private static double round(double seconds) {
    return Math.round(seconds * 1000) / 1000.0;
  }

  static void assumeXmllintValidates(Path eaf) throws Exception {
    Path xsd = Path.of("../../shared/reference-data/formats/EAFv2.7.xsd").toAbsolutePath();
    boolean tools = Files.isExecutable(Path.of("/usr/bin/xmllint")) && Files.isRegularFile(xsd);
    if (!tools) {
      System.out.println(
          "skipping the EAF schema check: install libxml2-utils and keep"
              + " ../shared/reference-data/formats/EAFv2.7.xsd");
      return;
    }
    Process xmllint =
        new ProcessBuilder("xmllint", "--noout", "--schema", xsd.toString(), eaf.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(xmllint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(xmllint.waitFor()).as(output).isZero();
  }
}
