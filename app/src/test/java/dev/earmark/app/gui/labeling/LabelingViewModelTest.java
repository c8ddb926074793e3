package dev.earmark.app.gui.labeling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earmark.app.gui.CurrentThreadExecutor;
import dev.earmark.engine.rubric.FieldValue;
import dev.earmark.engine.rubric.LabelValue;
import dev.earmark.engine.rubric.Segment;
import dev.earmark.storage.assign.AssignmentState;
import dev.earmark.storage.assign.QueueItem;
import dev.earmark.storage.label.LabelState;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.user.Actor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The labeling view-model on a real demo project, with a synchronous executor and debouncer. */
class LabelingViewModelTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-21T14:02:31Z"), ZoneOffset.UTC);

  @TempDir static Path shared;
  private static Path template;

  @TempDir Path dir;
  private Project project;
  private LabelingService service;
  private final ManualDebouncer debouncer = new ManualDebouncer();
  private LabelingViewModel model;

  @BeforeAll
  static void buildDemoOnce() {
    template = shared.resolve("demo");
    DemoProjects.withQueue(template, false).close();
  }

  private LabelingViewModel open(String user) throws IOException {
    copy(template, dir.resolve("demo"));
    project = Project.openEmbedded(dir.resolve("demo"), false, CLOCK);
    service = new LabelingService(project, user);
    model =
        new LabelingViewModel(
            service, new CurrentThreadExecutor(), debouncer, CLOCK, ClipAudio.none());
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
  void loadsTheAnnotatorsQueueAndOpensTheFirstClip() throws IOException {
    open(DemoProjects.ANNOTATOR);

    assertThat(model.visibleEntries()).isNotEmpty();
    assertThat(model.visibleEntries()).allMatch(entry -> entry.state() == AssignmentState.PENDING);
    QueueEntry first = model.entries().get(0);
    assertThat(model.currentEntryProperty().get()).isEqualTo(first);
    assertThat(model.headerProperty().get()).startsWith(first.clipKey() + " · ").contains("kHz");
    assertThat(model.emptyMessageProperty().get()).isEmpty();
    assertThat(model.transcriptProperty().get()).isEmpty();
    long submitted =
        model.entries().stream().filter(e -> e.state() == AssignmentState.SUBMITTED).count();
    assertThat(model.progressProperty().get())
        .isEqualTo(submitted + " of " + model.entries().size() + " submitted");
  }

  @Test
  void aUserWhoIsNotAnAnnotatorIsToldWhatToDo() throws IOException {
    open("someone-else");

    assertThat(model.currentProperty().get()).isNull();
    assertThat(model.emptyMessageProperty().get())
        .startsWith("You are not an annotator in this project (someone-else).")
        .contains("./earmark --user ann-alex");
  }

  @Test
  void anAnnotatorWithNothingOpenIsToldAllIsDone() throws IOException {
    copy(template, dir.resolve("demo"));
    try (Project demo = Project.openEmbedded(dir.resolve("demo"), false, CLOCK)) {
      // A new annotator: the role, but nothing assigned yet.
      demo.users()
          .add(
              demo.users().actor("lead-demo"),
              "ann-new",
              "New annotator",
              java.util.EnumSet.of(dev.earmark.storage.user.Role.ANNOTATOR));
    }
    project = Project.openEmbedded(dir.resolve("demo"), false, CLOCK);
    service = new LabelingService(project, "ann-new");
    model =
        new LabelingViewModel(
            service, new CurrentThreadExecutor(), debouncer, CLOCK, ClipAudio.none());
    model.load();

    assertThat(model.entries()).isEmpty();
    assertThat(model.currentProperty().get()).isNull();
    assertThat(model.emptyMessageProperty().get()).isEqualTo("No clips to label — all done.");
  }

  @Test
  void leavingWithUnsavedWorkSavesFirst() throws IOException {
    open(DemoProjects.ANNOTATOR);
    QueueEntry first = model.currentEntryProperty().get();
    model.transcriptProperty().set("before closing");
    assertThat(model.hasUnsavedWork()).isTrue();
    boolean[] closed = {false};

    model.saveThen(() -> closed[0] = true);

    assertThat(closed[0]).isTrue();
    assertThat(model.hasUnsavedWork()).isFalse();
    assertThat(reopen(first).session().label().orElseThrow().value().field("transcript"))
        .contains(new FieldValue.Text("before closing"));
  }

  @Test
  void segmentsFromSelectionsAreSavedInTimeOrderAndOverlapsAreShown() throws IOException {
    open(DemoProjects.ANNOTATOR);
    QueueEntry first = model.currentEntryProperty().get();
    model.transcriptProperty().set("please transfer");
    model.addSegment(1.2, 2.0);
    model.addSegment(0.0, 1.2049);
    model.nextSpeaker(1);

    assertThat(model.segmentsProperty())
        .containsExactly(new Segment(0.0, 1.2, "A"), new Segment(1.2, 2.0, "B"));
    debouncer.elapse();
    assertThat(model.saveStateProperty().get()).isEqualTo(SaveState.SAVED);
    assertThat(reopen(first).session().label().orElseThrow().value().field("segments"))
        .contains(
            new FieldValue.Segments(
                java.util.List.of(new Segment(0.0, 1.2, "A"), new Segment(1.2, 2.0, "B"))));

    model.addSegment(1.5, 2.5);
    assertThat(model.problemsProperty())
        .anyMatch(problem -> problem.startsWith("Segments: segment "));
    model.removeSegment(2);
    assertThat(model.problemsProperty()).isEmpty();
  }

  @Test
  void typingIsUnsavedUntilTheQuietPeriodEndsThenSavedOnce() throws IOException {
    open(DemoProjects.ANNOTATOR);
    QueueEntry first = model.currentEntryProperty().get();

    model.transcriptProperty().set("please");
    model.transcriptProperty().set("please transfer");

    assertThat(model.saveStateProperty().get()).isEqualTo(SaveState.UNSAVED);
    assertThat(model.statusProperty().get()).isEqualTo("unsaved changes");
    assertThat(debouncer.lastDelay()).isEqualTo(Duration.ofMillis(800));
    assertThat(reopen(first).session().label()).as("nothing saved while typing").isEmpty();

    debouncer.elapse();

    assertThat(model.saveStateProperty().get()).isEqualTo(SaveState.SAVED);
    assertThat(model.statusProperty().get()).isEqualTo("✓ saved 14:02:31");
    var label = reopen(first).session().label().orElseThrow();
    assertThat(label.state()).isEqualTo(LabelState.DRAFT);
    assertThat(label.version()).isEqualTo(1);
    assertThat(label.value().field("transcript")).contains(new FieldValue.Text("please transfer"));
    assertThat(model.entries().get(0).state()).isEqualTo(AssignmentState.DRAFTED);
  }

  @Test
  void aSecondSaveCarriesTheVersionTheFirstReturned() throws IOException {
    open(DemoProjects.ANNOTATOR);
    QueueEntry first = model.currentEntryProperty().get();
    model.transcriptProperty().set("one");
    debouncer.elapse();
    model.flagProperty("unsure").set(true);
    debouncer.elapse();

    assertThat(model.saveStateProperty().get()).isEqualTo(SaveState.SAVED);
    var label = reopen(first).session().label().orElseThrow();
    assertThat(label.version()).isEqualTo(2);
    assertThat(label.value().field("unsure")).contains(new FieldValue.Flag(true));
  }

  @Test
  void submitStoresTheLabelAndOpensTheNextClip() throws IOException {
    open(DemoProjects.ANNOTATOR);
    QueueEntry first = model.currentEntryProperty().get();
    QueueEntry second = model.entries().get(1);
    String before = model.progressProperty().get();
    model.transcriptProperty().set("please transfer [noise] twenty one dollars");

    model.submit();

    assertThat(reopen(first).session().label().orElseThrow().state())
        .isEqualTo(LabelState.SUBMITTED);
    assertThat(model.currentEntryProperty().get().item()).isEqualTo(second.item());
    assertThat(model.transcriptProperty().get()).isEmpty();
    assertThat(model.entries().get(0).state()).isEqualTo(AssignmentState.SUBMITTED);
    assertThat(model.visibleEntries()).noneMatch(entry -> entry.item().equals(first.item()));
    assertThat(model.progressProperty().get())
        .isEqualTo(
            (Integer.parseInt(before.split(" ")[0]) + 1) + before.substring(before.indexOf(' ')));
    assertThat(model.statusProperty().get())
        .isEqualTo("not started: type to begin (saved as you go)");
  }

  @Test
  void aLongQueueIsReadAPageAtATimeAsTheAnnotatorWorksThroughOrScrollsIt() throws IOException {
    copy(template, dir.resolve("demo"));
    project = Project.openEmbedded(dir.resolve("demo"), false, CLOCK);
    LabelingService whole = new LabelingService(project, DemoProjects.ANNOTATOR);
    List<Long> queue =
        whole.queue(whole.annotator().orElseThrow()).stream().map(QueueItem::assignmentId).toList();
    assertThat(queue).hasSizeGreaterThan(7);
    service = new LabelingService(project, DemoProjects.ANNOTATOR, 2);
    model =
        new LabelingViewModel(
            service, new CurrentThreadExecutor(), debouncer, CLOCK, ClipAudio.none());

    model.load();

    // The first page, and the one after it read as its first clip opened near its end.
    assertThat(openIds()).isEqualTo(queue.subList(0, 4));
    long submitted = model.entries().size() - openIds().size();
    String progress = submitted + " of " + (submitted + queue.size()) + " submitted";
    assertThat(model.progressProperty().get()).isEqualTo(progress);
    model.readMore();
    assertThat(openIds()).isEqualTo(queue.subList(0, 6));

    List<Long> visited = new ArrayList<>();
    for (int i = 0; i < queue.size(); i++) {
      visited.add(model.currentEntryProperty().get().item().assignmentId());
      model.skip();
    }
    assertThat(visited).isEqualTo(queue);
    assertThat(openIds()).isEqualTo(queue);
    assertThat(model.currentEntryProperty().get().item().assignmentId()).isEqualTo(queue.get(0));
    assertThat(model.progressProperty().get()).isEqualTo(progress);
  }

  private List<Long> openIds() {
    return model.entries().stream()
        .filter(entry -> entry.state() != AssignmentState.SUBMITTED)
        .map(entry -> entry.item().assignmentId())
        .toList();
  }

  @Test
  void submittedWorkStaysListedAfterARestartAndTheCounterStaysHonest() throws IOException {
    open(DemoProjects.ANNOTATOR);
    QueueEntry first = model.currentEntryProperty().get();
    model.transcriptProperty().set("please transfer twenty one dollars");
    model.submit();
    String counter = model.progressProperty().get();
    int total = model.entries().size();
    project.close();

    project = Project.openEmbedded(dir.resolve("demo"), false, CLOCK);
    service = new LabelingService(project, DemoProjects.ANNOTATOR);
    model =
        new LabelingViewModel(
            service, new CurrentThreadExecutor(), debouncer, CLOCK, ClipAudio.none());
    model.load();

    assertThat(model.progressProperty().get()).isEqualTo(counter);
    assertThat(model.entries()).hasSize(total);
    model.filterProperty().set(QueueFilter.SUBMITTED);
    assertThat(model.visibleEntries())
        .isNotEmpty()
        .allMatch(entry -> entry.state() == AssignmentState.SUBMITTED)
        .anyMatch(entry -> entry.item().assignmentId() == first.item().assignmentId());
  }

  @Test
  void aSubmittedLabelIsReadOnlyUntilReopenedThenCorrectedAsANewVersion() throws IOException {
    open(DemoProjects.ANNOTATOR);
    QueueEntry first = model.currentEntryProperty().get();
    model.transcriptProperty().set("please transfer twenty one dollars");
    model.submit();
    QueueEntry submitted =
        model.entries().stream()
            .filter(entry -> entry.item().assignmentId() == first.item().assignmentId())
            .findFirst()
            .orElseThrow();

    model.open(submitted);

    assertThat(model.readOnlyProperty().get()).isTrue();
    assertThat(model.canReopenProperty().get()).isTrue();
    assertThat(model.submittedNoteProperty().get())
        .isEqualTo(
            "Submitted 14:02:31. Reopen it to correct it; the correction becomes a new version.");
    assertThat(model.transcriptProperty().get()).isEqualTo("please transfer twenty one dollars");
    model.submit();
    assertThat(model.statusProperty().get()).startsWith("Not submitted again: Submitted 14:02:31");

    model.reopen();
    model.transcriptProperty().set("please transfer twenty-one dollars");
    assertThat(model.statusProperty().get())
        .isEqualTo("unsaved correction: submit again (Ctrl+Enter) to store it as a new version");
    debouncer.elapse();
    assertThat(reopen(submitted).session().version()).as("no draft over a submission").isEqualTo(1);
    model.submit();

    var label = reopen(submitted).session().label().orElseThrow();
    assertThat(label.version()).isEqualTo(2);
    assertThat(label.state()).isEqualTo(LabelState.SUBMITTED);
    assertThat(label.value().field("transcript"))
        .contains(new FieldValue.Text("please transfer twenty-one dollars"));
  }

  @Test
  void aSubmittedLabelWhoseItemIsDisputedOrAdjudicatedSaysWhyItIsReadOnly() throws IOException {
    open(DemoProjects.ANNOTATOR);
    model.filterProperty().set(QueueFilter.SUBMITTED);
    String reason = null;
    for (QueueEntry entry : List.copyOf(model.visibleEntries())) {
      model.open(entry);
      if (model.submittedNoteProperty().get().startsWith("Read-only:")) {
        reason = model.submittedNoteProperty().get();
        break;
      }
    }

    assertThat(reason)
        .as("the demo has disputed items ann-alex labeled")
        .matches("Read-only: the item (is disputed|has been adjudicated).*");
    assertThat(model.readOnlyProperty().get()).isTrue();
    assertThat(model.canReopenProperty().get()).isFalse();
    model.reopen();
    assertThat(model.readOnlyProperty().get()).isTrue();
  }

  @Test
  void submitOfAnEmptyTranscriptIsRefusedWithTheRubricsSentence() throws IOException {
    open(DemoProjects.ANNOTATOR);
    QueueEntry first = model.currentEntryProperty().get();

    model.submit();

    assertThat(model.currentEntryProperty().get()).isEqualTo(first);
    assertThat(model.problemsProperty())
        .contains("Transcript is still empty; it is required.")
        .noneMatch(problem -> problem.contains("asr-transcript@1"));
    assertThat(model.statusProperty().get())
        .isEqualTo("Not submitted: Transcript is still empty; it is required.");
    assertThat(model.saveStateProperty().get()).isEqualTo(SaveState.ERROR);
    assertThat(reopen(first).session().label()).isEmpty();
  }

  @Test
  void anUnknownEventTagIsShownInlineAndNotSaved() throws IOException {
    open(DemoProjects.ANNOTATOR);
    QueueEntry first = model.currentEntryProperty().get();

    model.transcriptProperty().set("hello [doorbell] there");
    debouncer.elapse();

    assertThat(model.problemsProperty()).singleElement().asString().startsWith("Transcript: ");
    assertThat(model.statusProperty().get())
        .startsWith("unsaved changes, not saved until this is fixed: Transcript: ");
    assertThat(reopen(first).session().label()).isEmpty();

    model.transcriptProperty().set("hello [noise] there");
    assertThat(model.problemsProperty()).isEmpty();
    debouncer.elapse();
    assertThat(model.saveStateProperty().get()).isEqualTo(SaveState.SAVED);
  }

  @Test
  void aSaveBasedOnAnOldVersionShowsStoragesSentence() throws IOException {
    open(DemoProjects.ANNOTATOR);
    QueueEntry first = model.currentEntryProperty().get();
    Actor alex = service.annotator().orElseThrow();
    LabelValue elsewhere =
        new LabelValue(
            reopen(first).rubric().id(), Map.of("transcript", new FieldValue.Text("other window")));
    service.saveDraft(alex, first.item().assignmentId(), elsewhere, Duration.ZERO, 0, 0);

    model.transcriptProperty().set("this window");
    debouncer.elapse();

    assertThat(model.saveStateProperty().get()).isEqualTo(SaveState.ERROR);
    assertThat(model.statusProperty().get()).contains("ann-alex").doesNotStartWith("Not saved:");
    assertThat(reopen(first).session().label().orElseThrow().value().field("transcript"))
        .contains(new FieldValue.Text("other window"));
  }

  @Test
  void skipSavesTheDraftAndMovesOnWithoutSubmitting() throws IOException {
    open(DemoProjects.ANNOTATOR);
    QueueEntry first = model.currentEntryProperty().get();
    model.transcriptProperty().set("half done");

    model.skip();

    assertThat(debouncer.hasPending()).isFalse();
    assertThat(model.currentEntryProperty().get().item()).isEqualTo(model.entries().get(1).item());
    var label = reopen(first).session().label().orElseThrow();
    assertThat(label.state()).isEqualTo(LabelState.DRAFT);
    assertThat(model.entries().get(0).state()).isEqualTo(AssignmentState.DRAFTED);
  }

  @Test
  void theHypothesisPrefillsOnlyWhenTheProjectSaysSo() throws IOException {
    open(DemoProjects.ANNOTATOR);
    assertThat(model.transcriptProperty().get()).isEmpty();
    assertThat(model.transcriptCaptionProperty().get()).isEqualTo("Transcript");
    project.close();
    project = null;

    Path other = dir.resolve("prefilled");
    try (Project prefilled = DemoProjects.withQueue(other, true)) {
      LabelingViewModel prefilledModel =
          new LabelingViewModel(
              new LabelingService(prefilled, DemoProjects.ANNOTATOR),
              new CurrentThreadExecutor(),
              debouncer,
              CLOCK,
              ClipAudio.none());
      prefilledModel.load();
      ClipToLabel clip = prefilledModel.currentProperty().get();
      assertThat(prefilledModel.transcriptProperty().get())
          .isNotEmpty()
          .isEqualTo(clip.clip().hypothesis().orElseThrow());
      assertThat(prefilledModel.transcriptCaptionProperty().get()).contains("pre-filled");
      assertThat(prefilledModel.saveStateProperty().get())
          .as("a pre-filled form is not an edit")
          .isEqualTo(SaveState.IDLE);
    }
  }

  private ClipToLabel reopen(QueueEntry entry) {
    return service.open(service.annotator().orElseThrow(), entry.item());
  }

  private static void copy(Path from, Path to) throws IOException {
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
