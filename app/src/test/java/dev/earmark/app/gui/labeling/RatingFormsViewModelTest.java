package dev.earmark.app.gui.labeling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earmark.app.gui.CurrentThreadExecutor;
import dev.earmark.engine.rubric.FieldSpec;
import dev.earmark.engine.rubric.FieldValue;
import dev.earmark.engine.rubric.Segment;
import dev.earmark.storage.label.LabelState;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.settings.ProjectSettings;
import dev.earmark.storage.settings.Setting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The TTS rating and speech RAG forms of the labeling view-model, listening rigour and undo/redo,
 * on a real demo project where {@link DemoProjects#RATER} has every TTS item, then every RAG item,
 * open. "Listening" is the heard share the test sets, as the player's coverage would.
 */
class RatingFormsViewModelTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-21T14:02:31Z"), ZoneOffset.UTC);
  private static final List<String> TTS_DIMENSIONS =
      List.of(
          "intelligibility",
          "naturalness",
          "pronunciation",
          "speaker_consistency",
          "prosody",
          "audio_artifacts",
          "safety");

  @TempDir static Path shared;
  private static Path template;

  @TempDir Path dir;
  private Project project;
  private LabelingService service;
  private final ManualDebouncer debouncer = new ManualDebouncer();
  private final SimpleDoubleProperty heard = new SimpleDoubleProperty(0);
  private LabelingViewModel model;

  @BeforeAll
  static void buildDemoOnce() {
    template = shared.resolve("demo");
    DemoProjects.withRatingQueue(template).close();
  }

  private LabelingViewModel open(String user) throws IOException {
    copy(template, dir.resolve("demo"));
    project = Project.openEmbedded(dir.resolve("demo"), false, CLOCK);
    service = new LabelingService(project, user);
    model =
        new LabelingViewModel(
            service, new CurrentThreadExecutor(), debouncer, CLOCK, ClipAudio.listenedBy(heard));
    model.load();
    return model;
  }

  @AfterEach
  void close() {
    if (project != null) {
      project.close();
    }
  }

  @Test
  void aTtsItemOpensTheRatingFormWithItsPromptFromTheManifest() throws IOException {
    open(DemoProjects.RATER);

    ClipToLabel clip = model.currentProperty().get();
    assertThat(model.formProperty().get()).isEqualTo(FormKind.TTS_RATING);
    assertThat(clip.content()).isInstanceOf(ItemContent.TtsPrompt.class);
    assertThat(model.promptWords())
        .containsExactly(
            "your", "appointment", "with", "doctor", "nguyen", "is", "confirmed", "for", "tuesday");
    assertThat(((ItemContent.TtsPrompt) clip.content()).referenceVoice().orElseThrow())
        .exists()
        .hasFileName("clip-001.wav");
    assertThat(clip.listeningShare()).isEqualTo(0.8);
  }

  @Test
  void ratingIsRefusedWhileLockedAndAllowedOnceEnoughIsHeard() throws IOException {
    open(DemoProjects.RATER);

    heard.set(0.62);
    assertThat(model.lockedProperty().get()).isTrue();
    assertThat(model.lockMessageProperty().get()).isEqualTo("listen first (62% heard)");
    assertThat(model.rate("naturalness", 4)).isFalse();
    assertThat(model.toggleWordMark(4)).isFalse();
    assertThat(model.answersProperty()).isEmpty();
    assertThat(model.statusProperty().get())
        .isEqualTo("Listen first: 62% of the clip heard, 80% needed before rating.");
    model.submit();
    assertThat(model.statusProperty().get()).startsWith("Not submitted: listen first");

    heard.set(0.8);
    assertThat(model.lockedProperty().get()).isFalse();
    assertThat(model.lockMessageProperty().get()).isEmpty();
    assertThat(model.rate("naturalness", 4)).isTrue();
    assertThat(model.rating("naturalness")).hasValue(4);
  }

  @Test
  void withNoSoundDeviceTheLockNamesTheReasonAndTheLeadSettingThatLiftsIt() throws IOException {
    copy(template, dir.resolve("demo"));
    project = Project.openEmbedded(dir.resolve("demo"), false, CLOCK);
    service = new LabelingService(project, DemoProjects.RATER);
    SimpleStringProperty cannotPlay = new SimpleStringProperty("");
    ClipAudio audio =
        new ClipAudio() {
          @Override
          public void open(Path file) {}

          @Override
          public void prefetch(Path file) {}

          @Override
          public javafx.beans.property.ReadOnlyDoubleProperty heardProperty() {
            return heard;
          }

          @Override
          public javafx.beans.property.ReadOnlyStringProperty cannotPlayProperty() {
            return cannotPlay;
          }
        };
    model = new LabelingViewModel(service, new CurrentThreadExecutor(), debouncer, CLOCK, audio);
    model.load();
    assertThat(model.lockMessageProperty().get()).isEqualTo("listen first (0% heard)");

    cannotPlay.set("no sound device can play here (no line)");
    assertThat(model.lockedProperty().get()).isTrue();
    assertThat(model.lockMessageProperty().get())
        .startsWith("Cannot listen here: no sound device can play here (no line).")
        .contains("labeling.listening_share")
        .contains("to 0");
    assertThat(model.rate("naturalness", 4)).isFalse();
    assertThat(model.statusProperty().get()).contains("labeling.listening_share");
  }

  @Test
  void theProjectSettingOverridesTheRubricsListeningRequirement() throws IOException {
    copy(template, dir.resolve("demo"));
    try (Project demo = Project.openEmbedded(dir.resolve("demo"), false, CLOCK)) {
      new ProjectSettings(demo)
          .set(demo.users().actor(DemoProjects.LEAD), Setting.LISTENING_SHARE.key(), "0.5");
    }
    project = Project.openEmbedded(dir.resolve("demo"), false, CLOCK);
    service = new LabelingService(project, DemoProjects.RATER);
    model =
        new LabelingViewModel(
            service, new CurrentThreadExecutor(), debouncer, CLOCK, ClipAudio.listenedBy(heard));
    model.load();

    heard.set(0.55);
    assertThat(model.currentProperty().get().listeningShare()).isEqualTo(0.5);
    assertThat(model.lockedProperty().get()).isFalse();
  }

  @Test
  void aCompleteTtsRatingWithWordMarksIsSubmittedAndTheNextItemOpens() throws IOException {
    open(DemoProjects.RATER);
    QueueEntry first = model.currentEntryProperty().get();
    heard.set(1);
    for (String dimension : TTS_DIMENSIONS) {
      model.pick(dimension, 4);
    }
    model.toggleWordMark(4);
    model.toggleWordMark(1);
    model.choose("preference_vs_reference", "no-preference");
    assertThat(model.markedWords()).containsExactly(1, 4);
    assertThat(model.problemsProperty()).isEmpty();

    model.submit();

    var label = reopen(first).session().label().orElseThrow();
    assertThat(label.state()).isEqualTo(LabelState.SUBMITTED);
    assertThat(label.listenedCoverage()).isEqualTo(1.0);
    assertThat(label.value().field("mispronounced_words"))
        .contains(new FieldValue.WordMarks(List.of(1, 4)));
    assertThat(label.value().field("prosody")).contains(new FieldValue.ScalePoint(4));
    assertThat(label.value().field("preference_vs_reference"))
        .contains(new FieldValue.Choice("no-preference"));
    assertThat(model.currentEntryProperty().get().item().assignmentId())
        .isNotEqualTo(first.item().assignmentId());
    assertThat(model.answersProperty()).as("the next item's form starts empty").isEmpty();
  }

  @Test
  void anIncompleteRatingIsNotSubmittedAndNamesTheMissingDimension() throws IOException {
    open(DemoProjects.RATER);
    heard.set(1);
    model.rate("intelligibility", 5);

    model.submit();

    assertThat(model.saveStateProperty().get()).isEqualTo(SaveState.ERROR);
    assertThat(model.statusProperty().get())
        .isEqualTo("Not submitted: Naturalness is still empty; it is required.");
  }

  @Test
  void aRatingIsSavedAsADraftAndComesBackUnlockedWhenTheClipIsReopened() throws IOException {
    open(DemoProjects.RATER);
    QueueEntry first = model.currentEntryProperty().get();
    heard.set(0.9);
    model.rate("safety", 5);
    debouncer.elapse();
    assertThat(model.saveStateProperty().get()).isEqualTo(SaveState.SAVED);

    model.next();
    heard.set(0);
    model.open(first);

    assertThat(model.rating("safety")).hasValue(5);
    assertThat(model.lockedProperty().get())
        .as("what was heard before is stored with the draft")
        .isFalse();
  }

  @ParameterizedTest
  @CsvSource(
      textBlock =
          """
          naturalness,  0, false
          naturalness,  6, false
          naturalness,  3, true
          no_such,      3, false
          """)
  void ratingsOutsideTheRubricAreRefused(String field, int point, boolean accepted)
      throws IOException {
    open(DemoProjects.RATER);
    heard.set(1);

    assertThat(model.rate(field, point)).isEqualTo(accepted);
    assertThat(model.answersProperty().containsKey(field)).isEqualTo(accepted);
  }

  @Test
  void undoAndRedoWalkBackAndForthThroughRatingsAndMarks() throws IOException {
    open(DemoProjects.RATER);
    heard.set(1);
    model.rate("naturalness", 2);
    model.rate("naturalness", 4);
    model.toggleWordMark(3);

    assertThat(model.undo()).isTrue();
    assertThat(model.markedWords()).isEmpty();
    assertThat(model.undo()).isTrue();
    assertThat(model.rating("naturalness")).hasValue(2);
    assertThat(model.undo()).isTrue();
    assertThat(model.rating("naturalness")).isEmpty();
    assertThat(model.undo()).as("nothing left").isFalse();

    assertThat(model.redo()).isTrue();
    assertThat(model.redo()).isTrue();
    assertThat(model.rating("naturalness")).hasValue(4);
    model.rate("prosody", 3);
    assertThat(model.redo()).as("a new edit drops what could be redone").isFalse();
    assertThat(model.statusProperty().get()).isEqualTo("unsaved changes");
    debouncer.elapse();
    assertThat(model.saveStateProperty().get()).isEqualTo(SaveState.SAVED);
  }

  @Test
  void undoNeverReachesIntoThePreviousClip() throws IOException {
    open(DemoProjects.RATER);
    heard.set(1);
    model.rate("naturalness", 2);
    debouncer.elapse();
    model.next();

    assertThat(model.canUndo()).isFalse();
    assertThat(model.undo()).isFalse();
  }

  @Test
  void aRagItemShowsItsTurnAndTakesStageLabels() throws IOException {
    open(DemoProjects.RATER);
    QueueEntry rag =
        model.entries().stream()
            .filter(entry -> entry.clipKey().startsWith("rag-"))
            .findFirst()
            .orElseThrow();
    model.open(rag);

    assertThat(model.formProperty().get()).isEqualTo(FormKind.RAG_STAGES);
    ItemContent.RagTurn turn = (ItemContent.RagTurn) model.currentProperty().get().content();
    assertThat(turn.queryText()).isNotBlank();
    assertThat(turn.passages()).isNotEmpty().allMatch(p -> !p.sourceDate().isBlank());
    assertThat(turn.answerText()).isNotBlank();
    assertThat(turn.answerAudio().orElseThrow()).exists();
    assertThat(model.lockedProperty().get()).as("only a TTS rating is locked").isFalse();

    var rubric = model.currentProperty().get().rubric();
    for (FieldSpec field : rubric.fields()) {
      if (field.required()) {
        assertThat(model.pick(field.name(), 1)).as(field.name()).isTrue();
      }
    }
    assertThat(model.choose("retrieval_recall", "partial")).isTrue();
    assertThat(model.choose("retrieval_recall", "not-an-option")).isFalse();
    assertThat(model.setAnswerFlag("unsure", true)).isTrue();
    assertThat(model.undo()).isTrue();
    assertThat(model.answersProperty()).doesNotContainKey("unsure");
    assertThat(model.problemsProperty()).isEmpty();

    model.submit();

    var label = reopen(rag).session().label().orElseThrow();
    assertThat(label.state()).isEqualTo(LabelState.SUBMITTED);
    assertThat(label.value().field("retrieval_recall")).contains(new FieldValue.Choice("partial"));
    assertThat(label.value().field("asr_entity_accuracy"))
        .contains(new FieldValue.Choice("correct"));
    assertThat(label.value().field("end_to_end")).contains(new FieldValue.ScalePoint(1));
  }

  @Test
  void asrFlagsAndSegmentsAreUndoneAndRedone() throws IOException {
    copy(template, dir.resolve("demo"));
    open(DemoProjects.ANNOTATOR);
    model.flagProperty("bad_audio").set(true);
    model.addSegment(0.1, 0.9);
    model.nextSpeaker(0);

    model.undo();
    assertThat(model.segmentsProperty()).containsExactly(new Segment(0.1, 0.9, "A"));
    model.undo();
    assertThat(model.segmentsProperty()).isEmpty();
    model.undo();
    assertThat(model.flagProperty("bad_audio").get()).isFalse();
    model.redo();
    assertThat(model.flagProperty("bad_audio").get()).isTrue();
    assertThat(model.canRedo()).isTrue();
  }

  @Test
  void qeHintsAreOffUnlessTheLeadTurnsThemOn() throws IOException {
    open(DemoProjects.RATER);
    assertThat(model.qeHintsVisibleProperty().get()).isFalse();
    project.close();

    try (Project demo = Project.openEmbedded(dir.resolve("demo"), false, CLOCK)) {
      new ProjectSettings(demo)
          .set(demo.users().actor(DemoProjects.LEAD), Setting.QE_HINTS_VISIBLE_TO_ANNOTATORS, true);
    }
    project = Project.openEmbedded(dir.resolve("demo"), false, CLOCK);
    service = new LabelingService(project, DemoProjects.RATER);
    model =
        new LabelingViewModel(
            service, new CurrentThreadExecutor(), debouncer, CLOCK, ClipAudio.listenedBy(heard));
    model.load();
    assertThat(model.qeHintsVisibleProperty().get()).isTrue();
  }

  private ClipToLabel reopen(QueueEntry entry) {
    return service.open(service.annotator().orElseThrow(), entry.item());
  }

  private static void copy(Path from, Path to) throws IOException {
    if (Files.exists(to)) {
      return;
    }
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
  }
}
