package dev.earmark.storage.export.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earmark.storage.StorageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportFormatsTest {
  private final ExportFormats formats =
      ExportFormats.standard(Instant.parse("2026-01-02T03:04:05Z"));
  @TempDir Path dir;

  @Test
  void noFormatNamedMeansTheConsumedSetAllMeansEveryFormatAndOrderFollowsTheStandardList() {
    assertThat(formats.chosen(List.of()))
        .extracting(ExportFormat::id)
        .containsExactlyElementsOf(ExportFormats.DEFAULT_IDS);
    assertThat(formats.chosen(List.of("all")))
        .extracting(ExportFormat::id)
        .isEqualTo(formats.ids());
    assertThat(formats.chosen(List.of("trn", "eaf", "trn")))
        .extracting(ExportFormat::id)
        .containsExactly("eaf", "trn");
    assertThatThrownBy(() -> formats.chosen(List.of("docx")))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("docx")
        .hasMessageContaining("or all");
  }

  @Test
  void everyFormatHasAUniqueId() {
    assertThat(formats.ids())
        .containsExactly(
            "earmark-jsonl",
            "nemo",
            "hf-audiofolder",
            "kaldi",
            "stm",
            "ctm",
            "textgrid",
            "eaf",
            "rttm",
            "webvtt",
            "srt",
            "audacity",
            "lhotse",
            "label-studio",
            "csv",
            "tsv",
            "trn");
    assertThat(formats.byId("kaldi")).isInstanceOf(KaldiDataDirectory.class);
  }

  @Test
  void anUnknownIdNamesTheKnownOnes() {
    assertThatThrownBy(() -> formats.byId("xlsx"))
        .isInstanceOf(StorageException.class)
        .hasMessage(
            "Unknown export format xlsx; use one of earmark-jsonl, nemo, hf-audiofolder, kaldi,"
                + " stm, ctm, textgrid, eaf, rttm, webvtt, srt, audacity, lhotse, label-studio,"
                + " csv, tsv, trn, or all.");
  }

  @Test
  void everyFormatWritesByteIdenticalFilesWhateverTheClipOrder() throws Exception {
    for (ExportFormat format : formats.all()) {
      Path first = dir.resolve("a").resolve(format.id());
      Path second = dir.resolve("b").resolve(format.id());
      List<Path> firstFiles = format.write(TestClips.all(), first);
      List<Path> secondFiles = format.write(TestClips.shuffled(TestClips.all(), 42), second);

      assertThat(firstFiles).as(format.id()).isNotEmpty();
      List<Path> relative = new ArrayList<>();
      for (int i = 0; i < firstFiles.size(); i++) {
        relative.add(first.relativize(firstFiles.get(i)));
        assertThat(second.relativize(secondFiles.get(i))).isEqualTo(relative.get(i));
        byte[] bytes = Files.readAllBytes(firstFiles.get(i));
        assertThat(Files.readAllBytes(secondFiles.get(i))).as(format.id()).isEqualTo(bytes);
        String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        if (format.id().equals("csv")) {
          // RFC 4180 ends every record with CRLF.
          assertThat(text).as("csv uses CRLF record ends").endsWith("\r\n");
        } else if (!text.isEmpty()) { // an SRT of a clip without words has no cue at all
          assertThat(text)
              .as(format.id() + " uses \\n line ends")
              .doesNotContain("\r")
              .endsWith("\n");
        }
      }
      try (var listed = Files.list(first)) {
        assertThat(listed.map(first::relativize).sorted().toList())
            .as(format.id() + " writes only the files it reports")
            .containsExactlyInAnyOrderElementsOf(relative);
      }
    }
  }

  @Test
  void clipAndSegmentValuesAreChecked() {
    ExportClip plain = TestClips.plain();
    assertThatThrownBy(
            () ->
                new ExportClip(
                    "x",
                    Path.of("rel.wav"),
                    "rel.wav",
                    1,
                    16000,
                    1,
                    null,
                    "",
                    null,
                    null,
                    null,
                    null))
        .hasMessageContaining("audioPath must be absolute");
    assertThatThrownBy(
            () ->
                new ExportClip(
                    "x", plain.audioPath(), "a.wav", 0, 16000, 1, null, "", null, null, null, null))
        .hasMessageContaining("duration must be a positive number");
    assertThatThrownBy(
            () ->
                new ExportClip(
                    "x", plain.audioPath(), "a.wav", 1, 0, 1, null, "", null, null, null, null))
        .hasMessageContaining("sample rate and channels");
    assertThatThrownBy(
            () ->
                new ExportClip(
                    " ", plain.audioPath(), "a.wav", 1, 16000, 1, null, "", null, null, null, null))
        .hasMessageContaining("must not be blank");
    assertThatThrownBy(() -> new ExportClip.Segment(2, 1, null, "x"))
        .hasMessageContaining("0 <= start < end");
    ExportClip blankSpeaker =
        new ExportClip(
            "x", plain.audioPath(), "a.wav", 1, 16000, 1, " ", "", null, null, null, null);
    assertThat(blankSpeaker.speakerId()).isNull();
    assertThat(blankSpeaker.effectiveSpeaker()).isEqualTo("x");
    assertThat(blankSpeaker.segments()).isEmpty();
    assertThat(new ExportClip.Segment(0, 1, "", "t").speakerId()).isNull();
  }
}
