package dev.earmark.storage.export.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earmark.storage.StorageException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelStudioImportTest {
  @TempDir Path dir;

  private static Path sample() throws URISyntaxException {
    return Path.of(
        LabelStudioImportTest.class
            .getResource("/labelstudio/audio-transcription-export.json")
            .toURI());
  }

  @Test
  void wholeClipTranscriptsBecomeOnePerAnnotator() throws Exception {
    LabelStudioImportResult result = new LabelStudioImport().read(sample());

    assertThat(result.tasks())
        .extracting(LabelStudioTask::taskId)
        .containsExactly("101", "102", "104", "107");
    LabelStudioTask cafe = result.tasks().get(0);
    assertThat(cafe.audio()).isEqualTo("/data/upload/7/5b1a7c2e-cafe_01.wav");
    assertThat(cafe.transcripts())
        .extracting(t -> t.annotationId() + " " + t.annotator() + " " + t.text())
        .containsExactly(
            "2001 1 Café au lait, s'il vous plaît", "2002 2 café au lait s'il vous plait");
    assertThat(cafe.transcripts().get(0).segments()).isEmpty();
  }

  @Test
  void transcribedRegionsBecomeSegmentsWithTheirSpeakerLabel() throws Exception {
    LabelStudioTask dialogue = new LabelStudioImport().read(sample()).tasks().get(1);

    assertThat(dialogue.audio()).isEqualTo("s3://speech-bucket/dialogue/kenobi_02.flac");
    LabelStudioTask.Transcript transcript = dialogue.transcripts().get(0);
    assertThat(transcript.annotator()).isEqualTo("mia@example.org");
    assertThat(transcript.text()).isEqualTo("hello there general Kenobi");
    assertThat(transcript.segments())
        .containsExactly(
            new ExportClip.Segment(0.2, 1.9, "Speaker one", "hello there"),
            new ExportClip.Segment(2.1, 3.4, "Speaker two", "general Kenobi"));
  }

  @Test
  void multiLineAndEmptyTextAreasAreKept() throws Exception {
    List<LabelStudioTask> tasks = new LabelStudioImport().read(sample()).tasks();

    LabelStudioTask silence = tasks.get(2);
    assertThat(silence.transcripts()).hasSize(1);
    assertThat(silence.transcripts().get(0).annotator()).isEqualTo("2");
    assertThat(silence.transcripts().get(0).text()).isEmpty();
    LabelStudioTask street = tasks.get(3);
    assertThat(street.transcripts())
        .extracting(LabelStudioTask.Transcript::text)
        .containsExactly("Strasse nach Zürich");
  }

  @Test
  void unusableTasksAndAnnotationsAreReportedWithAReason() throws Exception {
    LabelStudioImportResult result = new LabelStudioImport().read(sample());

    assertThat(result.skipped())
        .extracting(s -> s.taskId() + " " + s.annotationId() + ": " + s.reason())
        .containsExactly(
            "103 null: the task has no annotations.",
            "104 2004: the annotation was cancelled (skipped) in Label Studio.",
            "105 null: the task has no audio reference in data.audio.",
            "106 2007: the annotation has no textarea result (no transcript).",
            "106 null: none of the task's annotations holds a usable transcript.",
            "107 2008: a transcribed region has no valid start and end"
                + " ({\"start\":0.5,\"end\":0.5,\"text\":[\"zero length\"]}).");
  }

  @Test
  void anotherAudioKeyAndOneTextAreaCanBeChosen() throws Exception {
    LabelStudioImportResult result =
        new LabelStudioImport("audio_url", "transcription").read(sample());

    assertThat(result.tasks()).extracting(LabelStudioTask::taskId).containsExactly("105");
    assertThat(result.tasks().get(0).transcripts().get(0).text()).isEqualTo("wrong data key");

    LabelStudioImportResult onlyNotes = new LabelStudioImport("audio", "notes").read(sample());
    assertThat(onlyNotes.tasks()).isEmpty();
  }

  @Test
  void tasksWithoutIdOrNotObjectsAndAnnotationsWithoutAnnotatorAreSkipped() throws Exception {
    Path file = dir.resolve("odd.json");
    Files.writeString(
        file,
        """
        [
          "not a task",
          {"data": {"audio": "a.wav"},
           "annotations": [{"id": 1, "result": [{"type": "textarea", "value": {"text": ["x"]}}]}]}
        ]
        """,
        StandardCharsets.UTF_8);

    LabelStudioImportResult result = new LabelStudioImport().read(file);

    assertThat(result.tasks()).isEmpty();
    assertThat(result.skipped())
        .extracting(s -> s.taskId() + " " + s.reason())
        .containsExactly(
            "#1 the task is not a JSON object.",
            "#2 the annotation has no completed_by, so its annotator is unknown.",
            "#2 none of the task's annotations holds a usable transcript.");
  }

  @Test
  void aFileThatIsNotATaskArrayFailsWithAPlainSentence() throws Exception {
    Path object = dir.resolve("min.json");
    Files.writeString(object, "{\"audio\": \"a.wav\"}", StandardCharsets.UTF_8);
    Path broken = dir.resolve("broken.json");
    Files.writeString(broken, "[{\"id\": 1,", StandardCharsets.UTF_8);

    assertThatThrownBy(() -> new LabelStudioImport().read(object))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("min.json is not a JSON array of tasks");
    assertThatThrownBy(() -> new LabelStudioImport().read(broken))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("Could not read the Label Studio export")
        .hasMessageContaining("broken.json");
  }
}
