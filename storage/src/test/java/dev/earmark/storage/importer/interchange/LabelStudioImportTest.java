package dev.earmark.storage.importer.interchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earmark.storage.StorageException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelStudioImportTest {
  @TempDir Path dir;

  static Path sample(String name) throws URISyntaxException {
    return Path.of(LabelStudioImportTest.class.getResource("/interchange/" + name).toURI());
  }

  private static Path sample() throws URISyntaxException {
    return sample("audio-transcription-export.json");
  }

  @Test
  void wholeClipTranscriptsBecomeOnePerAnnotatorWithChoicesLeadTimeAndPredictions()
      throws Exception {
    LabelStudioImportResult result = new LabelStudioImport().read(sample());

    assertThat(result.format()).isEqualTo("json");
    assertThat(result.tasks())
        .extracting(LabelStudioTask::taskId)
        .containsExactly("101", "102", "104", "105", "107");
    LabelStudioTask cafe = result.tasks().get(0);
    assertThat(cafe.record()).isEqualTo(1);
    assertThat(cafe.audio()).isEqualTo("/data/upload/7/5b1a7c2e-cafe_01.wav");
    assertThat(cafe.transcripts())
        .extracting(t -> t.annotationId() + " " + t.annotator() + " " + t.text())
        .containsExactly(
            "2001 1 Café au lait, s'il vous plaît", "2002 2 café au lait s'il vous plait");
    LabelStudioTask.Transcript first = cafe.transcripts().get(0);
    assertThat(first.segments()).isEmpty();
    assertThat(first.choices()).isEqualTo(Map.of("audio_quality", List.of("clean")));
    assertThat(first.leadTimeSeconds()).isEqualTo(38.214);
    assertThat(first.groundTruth()).isFalse();
    assertThat(cafe.predictions())
        .containsExactly(
            new LabelStudioTask.Prediction(
                "whisper-small", null, "coffee oh lay see vous play", List.of()));
  }

  @Test
  void speakerLabelsNameTheSpeakerOfTranscribedRegions() throws Exception {
    LabelStudioTask dialogue = new LabelStudioImport().read(sample()).tasks().get(1);

    assertThat(dialogue.audio()).isEqualTo("s3://speech-bucket/dialogue/kenobi_02.flac");
    LabelStudioTask.Transcript transcript = dialogue.transcripts().get(0);
    assertThat(transcript.annotator()).isEqualTo("mia@example.org");
    assertThat(transcript.text()).isEqualTo("hello there general Kenobi");
    // this project's Labels control is named "labels" with speaker names as values: they are
    // region labels; only a control named like "speaker" gives speakers
    assertThat(transcript.segments())
        .containsExactly(
            new Segment(0.2, 1.9, null, List.of("Speaker one"), "hello there"),
            new Segment(2.1, 3.4, null, List.of("Speaker two"), "general Kenobi"));
  }

  @Test
  void theAsrSegmentsTemplatesSpeechAndNoiseAreRegionLabelsNotSpeakers() throws Exception {
    LabelStudioImportResult result =
        new LabelStudioImport().read(sample("asr-segments-export.json"));

    LabelStudioTask booking = result.tasks().get(0);
    assertThat(booking.transcripts()).hasSize(1);
    LabelStudioTask.Transcript truth = booking.transcripts().get(0);
    assertThat(truth.annotator()).isEqualTo("ana@example.org");
    assertThat(truth.groundTruth()).isTrue();
    assertThat(truth.leadTimeSeconds()).isEqualTo(70.25);
    assertThat(truth.text()).isEqualTo("book a table for two at eight");
    assertThat(truth.segments())
        .containsExactly(
            new Segment(0.32, 2.48, null, List.of("Speech"), "book a table for two"),
            new Segment(2.9, 3.6, null, List.of("Noise"), ""),
            new Segment(3.8, 5.1, null, List.of("Speech"), "at eight"));
    assertThat(booking.predictions())
        .singleElement()
        .satisfies(
            prediction -> {
              assertThat(prediction.modelVersion()).isEqualTo("whisper-base-2025-01");
              assertThat(prediction.score()).isEqualTo(0.82);
              assertThat(prediction.text()).isEqualTo("book a table for two at 8");
            });
    assertThat(result.skipped())
        .extracting(s -> s.record() + " " + s.taskId() + " " + s.annotationId() + ": " + s.reason())
        .containsExactly(
            "1 301 4102: annotation 4102 was rejected in review",
            "1 301 4103: annotation 4103 was cancelled (skipped) in Label Studio");

    LabelStudioTask agent = result.tasks().get(1);
    assertThat(agent.audio()).as("the $url key").isEqualTo("calls/agent.wav");
    LabelStudioTask.Transcript accepted = agent.transcripts().get(0);
    assertThat(accepted.review()).as("the last review counts").isEqualTo("accepted");
    assertThat(accepted.segments())
        .containsExactly(new Segment(0.1, 1.2, "Agent", List.of(), "how can I help"));
    assertThat(accepted.choices()).containsEntry("audio_quality", List.of("clean"));
  }

  @Test
  void completionsOfExportsBefore1point0CountAsAnnotations() throws Exception {
    LabelStudioImportResult result =
        new LabelStudioImport().read(sample("pre-1.0-completions.json"));

    assertThat(result.skipped()).isEmpty();
    LabelStudioTask.Transcript transcript = result.tasks().get(0).transcripts().get(0);
    assertThat(transcript.text()).isEqualTo("open the garage door");
    assertThat(transcript.annotator()).isEqualTo(LabelStudioImport.UNKNOWN_ANNOTATOR);
    assertThat(transcript.leadTimeSeconds()).isEqualTo(14.7);
  }

  @Test
  void jsonMinRecordsImportWithTheirTranscriptRegionsAndChoices() throws Exception {
    LabelStudioImportResult result = new LabelStudioImport().read(sample("json-min-export.json"));

    assertThat(result.format()).isEqualTo("json-min");
    assertThat(result.tasks()).extracting(LabelStudioTask::taskId).containsExactly("11", "12");
    LabelStudioTask lights = result.tasks().get(0);
    assertThat(lights.audio()).isEqualTo("/data/upload/12/a1b2c3d4-lights.wav");
    LabelStudioTask.Transcript transcript = lights.transcripts().get(0);
    assertThat(transcript.annotationId()).isEqualTo("31");
    assertThat(transcript.annotator()).isEqualTo("ana@example.org");
    assertThat(transcript.text()).isEqualTo("turn the lights off");
    assertThat(transcript.choices()).isEqualTo(Map.of("audio_quality", List.of("clean")));
    assertThat(transcript.leadTimeSeconds()).isEqualTo(12.4);
    assertThat(result.tasks().get(1).transcripts().get(0).segments())
        .containsExactly(
            new Segment(0.4, 2.2, null, List.of("Speech"), "hello there"),
            new Segment(2.5, 3.0, null, List.of("Noise"), ""));
    // no misleading "no audio reference": the unlabelled record says what it lacks
    assertThat(result.skipped())
        .extracting(s -> s.record() + " " + s.taskId() + ": " + s.reason())
        .containsExactly("3 13: the record has no annotator, so it is unknown who transcribed it");
  }

  @Test
  void multiLineAndEmptyTextAreasAreKept() throws Exception {
    List<LabelStudioTask> tasks = new LabelStudioImport().read(sample()).tasks();

    LabelStudioTask silence = tasks.get(2);
    assertThat(silence.transcripts()).hasSize(1);
    assertThat(silence.transcripts().get(0).annotator()).isEqualTo("2");
    assertThat(silence.transcripts().get(0).text()).isEmpty();
    LabelStudioTask street = tasks.get(4);
    assertThat(street.transcripts())
        .extracting(LabelStudioTask.Transcript::text)
        .containsExactly("Strasse nach Zürich");
  }

  @Test
  void unusableTasksAndAnnotationsAreReportedWithARecordAndAReason() throws Exception {
    LabelStudioImportResult result = new LabelStudioImport().read(sample());

    assertThat(result.skipped())
        .extracting(s -> s.record() + " " + s.taskId() + " " + s.annotationId() + ": " + s.reason())
        .containsExactly(
            "3 103 null: the task has no annotations (annotations, or completions before Label"
                + " Studio 1.0) and no predictions",
            "4 104 2004: annotation 2004 was cancelled (skipped) in Label Studio",
            "6 106 2007: annotation 2007 has no textarea result (no transcript)",
            "6 106 null: none of the task's annotations holds a usable transcript",
            "7 107 2008: annotation 2008: a transcribed region's value.start/value.end is missing"
                + " or not increasing (0.5, 0.5)");
  }

  @Test
  void anotherAudioKeyAndOneTextAreaCanBeChosen() throws Exception {
    LabelStudioImportResult result =
        new LabelStudioImport("audio_url", "transcription").read(sample());

    assertThat(result.tasks()).extracting(LabelStudioTask::taskId).containsExactly("105");
    assertThat(result.tasks().get(0).transcripts().get(0).text()).isEqualTo("wrong data key");
    assertThat(result.skipped())
        .filteredOn(s -> s.taskId().equals("101"))
        .extracting(LabelStudioImportResult.Skipped::reason)
        .containsExactly("the task has no audio reference in data.audio_url");

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
            "#1 the task is not a JSON object",
            "#2 annotation 1 has no completed_by, so its annotator is unknown",
            "#2 none of the task's annotations holds a usable transcript");
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
        .hasMessageContaining("cannot read the Label Studio export")
        .hasMessageContaining("broken.json");
  }
}
