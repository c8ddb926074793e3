package dev.earmark.app.gui.labeling;

import dev.earmark.app.gui.BackgroundExecutor;
import dev.earmark.engine.rubric.FieldValue;
import dev.earmark.engine.rubric.LabelContext;
import dev.earmark.engine.rubric.LabelValue;
import dev.earmark.engine.rubric.Segment;
import dev.earmark.engine.rubric.Violation;
import dev.earmark.storage.StorageException;
import dev.earmark.storage.assign.AssignmentState;
import dev.earmark.storage.assign.QueueItem;
import dev.earmark.storage.label.Label;
import dev.earmark.storage.label.LabelState;
import dev.earmark.storage.label.SavedLabel;
import dev.earmark.storage.user.Actor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The state and commands of the annotator's labeling screen for {@code asr-transcript}: the queue,
 * the open clip, the form (transcript text and flags), inline validation, autosave and
 * submit-and-next, and the status line that always says whether the work is saved. Every storage
 * call runs on the {@link BackgroundExecutor}; results arrive on the UI thread. Never touches a
 * control. Not thread-safe: use on the JavaFX thread (or, in tests, one thread with a synchronous
 * executor).
 *
 * <p>Saving: each edit marks the work unsaved and (re)starts a quiet period of {@link
 * #AUTOSAVE_DELAY}; when it ends the draft is saved with the label version last read, so a save
 * based on an old version is refused by storage ({@code StaleLabelException}) and its sentence is
 * shown. Only one write is in flight at a time; edits made meanwhile are saved right after it.
 * Leaving a clip (next, previous, skip, another queue entry) first saves what is unsaved.
 */
public final class LabelingViewModel {
  /** The quiet period after the last keystroke before a draft is saved. */
  public static final Duration AUTOSAVE_DELAY = Duration.ofMillis(800);

  /** The transcript field of {@code asr-transcript}. */
  public static final String TRANSCRIPT = "transcript";

  /** The flag fields of {@code asr-transcript}, in form order. */
  public static final List<String> FLAGS =
      List.of("bad_audio", "wrong_language", "contains_personal_data", "unsure");

  /** The segments field of {@code asr-transcript}. */
  public static final String SEGMENTS = "segments";

  /** Speaker ids a segment cycles through. */
  private static final List<String> SPEAKERS = List.of("A", "B", "C", "D");

  /** The empty-queue sentence. */
  public static final String ALL_DONE = "No clips to label — all done.";

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  private final LabelingService service;
  private final BackgroundExecutor executor;
  private final Debouncer debouncer;
  private final Clock clock;
  private final ClipAudio audio;

  private final ObservableList<QueueEntry> entries = FXCollections.observableArrayList();
  private final FilteredList<QueueEntry> visibleEntries = new FilteredList<>(entries);
  private final ObjectProperty<QueueFilter> filter = new SimpleObjectProperty<>(QueueFilter.TO_DO);
  private final ReadOnlyObjectWrapper<ClipToLabel> current = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyObjectWrapper<QueueEntry> currentEntry = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyStringWrapper header = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper transcriptCaption = new ReadOnlyStringWrapper("Transcript");
  private final ReadOnlyStringWrapper emptyMessage =
      new ReadOnlyStringWrapper("Loading the queue…");
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper progress = new ReadOnlyStringWrapper("");
  private final ReadOnlyObjectWrapper<SaveState> saveState =
      new ReadOnlyObjectWrapper<>(SaveState.IDLE);
  private final StringProperty transcript = new SimpleStringProperty("");
  private final Map<String, BooleanProperty> flags = new LinkedHashMap<>();
  private final ObservableList<Segment> segments = FXCollections.observableArrayList();
  private final ObservableList<Segment> readOnlySegments =
      FXCollections.unmodifiableObservableList(segments);
  private final ObservableList<String> problems = FXCollections.observableArrayList();
  private final ObservableList<String> readOnlyProblems =
      FXCollections.unmodifiableObservableList(problems);

  private Actor actor;
  private int version;
  private boolean showingClip;
  private long edits;
  private long savedEdits;
  private boolean writing;
  private boolean saveAgain;
  private boolean submitAttempted;
  private Runnable afterWrite;
  private Runnable cancelAutosave = () -> {};
  private Instant openedAt;
  private Duration spentBefore = Duration.ZERO;
  private ClipToLabel prefetched;

  public LabelingViewModel(
      LabelingService service,
      BackgroundExecutor executor,
      Debouncer debouncer,
      Clock clock,
      ClipAudio audio) {
    this.service = service;
    this.executor = executor;
    this.debouncer = debouncer;
    this.clock = clock;
    this.audio = audio;
    for (String flag : FLAGS) {
      BooleanProperty property = new SimpleBooleanProperty(false);
      property.addListener((observable, was, is) -> edited());
      flags.put(flag, property);
    }
    transcript.addListener((observable, was, is) -> edited());
    segments.addListener((javafx.collections.ListChangeListener<Segment>) change -> edited());
    visibleEntries.setPredicate(entry -> filter.get().shows(entry.state()));
    filter.addListener(
        (observable, was, is) -> visibleEntries.setPredicate(entry -> is.shows(entry.state())));
  }

  // ---- commands ----

  /** Reads the acting user's queue and opens its first entry to do. */
  public void load() {
    emptyMessage.set("Loading the queue…");
    executor.submit(
        "read the labeling queue",
        () -> service.annotator().map(annotator -> new Loaded(annotator, service.queue(annotator))),
        loaded -> {
          if (loaded.isEmpty()) {
            emptyMessage.set(notAnnotator(service.userId()));
            status.set(service.userId() + " is not an annotator in this project");
            return;
          }
          actor = loaded.get().actor();
          entries.setAll(
              loaded.get().queue().stream()
                  .map(item -> new QueueEntry(item, item.state()))
                  .toList());
          updateProgress();
          firstToDo().ifPresentOrElse(this::showEntry, this::showAllDone);
        },
        failure -> {
          emptyMessage.set("The queue could not be read: " + failure.getMessage());
          fail("The queue could not be read: " + failure.getMessage());
        });
  }

  /** Opens {@code entry}, saving the open clip's unsaved work first. */
  public void open(QueueEntry entry) {
    if (entry == null || sameAssignment(entry, currentEntry.get())) {
      return;
    }
    leaveThen(() -> showEntry(entry));
  }

  /** Opens the entry after the open one in the list (saving first). */
  public void next() {
    leaveThen(() -> neighbour(+1).ifPresent(this::showEntry));
  }

  /** Opens the entry before the open one in the list (saving first). */
  public void previous() {
    leaveThen(() -> neighbour(-1).ifPresent(this::showEntry));
  }

  /** Leaves the open clip for now (its draft saved) and moves on to the next one to do. */
  public void skip() {
    QueueEntry from = currentEntry.get();
    if (from != null) {
      leaveThen(() -> moveOnFrom(from));
    }
  }

  /** Saves the draft now instead of waiting for the quiet period. */
  public void saveNow() {
    cancelAutosave.run();
    saveDraft();
  }

  /**
   * Adds a segment for the stretch {@code start}–{@code end} seconds (the waveform's selection),
   * spoken by A; segments are kept in time order. The rubric judges overlaps and bounds.
   */
  public void addSegment(double start, double end) {
    if (current.get() == null || !(end > start)) {
      return;
    }
    Segment segment = new Segment(rounded(start), rounded(end), SPEAKERS.get(0));
    int at = 0;
    while (at < segments.size() && segments.get(at).start() <= segment.start()) {
      at++;
    }
    segments.add(at, segment);
  }

  /** Removes the segment at {@code index}. */
  public void removeSegment(int index) {
    if (index >= 0 && index < segments.size()) {
      segments.remove(index);
    }
  }

  /** Gives the segment at {@code index} the next speaker id (A, B, C, D, then A again). */
  public void nextSpeaker(int index) {
    if (index >= 0 && index < segments.size()) {
      Segment segment = segments.get(index);
      int speaker = SPEAKERS.indexOf(segment.speaker());
      segments.set(
          index,
          new Segment(
              segment.start(), segment.end(), SPEAKERS.get((speaker + 1) % SPEAKERS.size())));
    }
  }

  private static double rounded(double seconds) {
    return Math.round(seconds * 100) / 100.0;
  }

  /** Whether the open clip has edits not yet stored (typed, or being saved). */
  public boolean hasUnsavedWork() {
    return current.get() != null && (writing || edits != savedEdits);
  }

  /**
   * Saves what is unsaved, then runs {@code then} on the UI thread (at once if nothing is unsaved).
   * If the save fails, {@code then} does not run and the status says why, so nothing is lost
   * silently (closing the window waits on this).
   */
  public void saveThen(Runnable then) {
    leaveThen(then);
  }

  /**
   * Checks the label against the rubric; if it is complete, submits it and opens the next clip to
   * do (already read in the background, so there is no wait). Problems are listed in {@link
   * #problemsProperty()} and nothing is sent.
   */
  public void submit() {
    ClipToLabel clip = current.get();
    if (clip == null) {
      return;
    }
    submitAttempted = true;
    List<Violation> violations = validate(clip, value(clip), true);
    showProblems(violations);
    if (!violations.isEmpty()) {
      fail("Not submitted: " + violations.get(0) + ".");
      return;
    }
    if (writing) {
      afterWrite = this::submit;
      return;
    }
    cancelAutosave.run();
    QueueEntry entry = currentEntry.get();
    LabelValue value = value(clip);
    Duration spent = timeSpent();
    double heard = audio.heardFraction();
    int expected = version;
    writing = true;
    setStatus(SaveState.SAVING, "submitting…");
    executor.submit(
        "submit the label of " + clip.clip().clipKey(),
        () -> service.submit(actor, clip.session().assignmentId(), value, spent, heard, expected),
        saved -> {
          writing = false;
          version = saved.version();
          savedEdits = edits;
          QueueEntry done = replace(entry, AssignmentState.SUBMITTED);
          setStatus(
              SaveState.SAVED,
              "✓ submitted " + clip.clip().clipKey() + " at " + time(saved.savedAt()));
          moveOnFrom(done);
        },
        failure -> {
          writing = false;
          afterWrite = null;
          fail(sentence(failure));
        });
  }

  // ---- the form ----

  private void edited() {
    if (showingClip || current.get() == null) {
      return;
    }
    edits++;
    setStatus(SaveState.UNSAVED, "unsaved changes");
    showProblems(validate(current.get(), value(current.get()), submitAttempted));
    cancelAutosave.run();
    cancelAutosave = debouncer.schedule(AUTOSAVE_DELAY, this::saveDraft);
  }

  private void saveDraft() {
    ClipToLabel clip = current.get();
    if (clip == null || edits == savedEdits) {
      return;
    }
    if (writing) {
      saveAgain = true;
      return;
    }
    LabelValue value = value(clip);
    List<Violation> violations = validate(clip, value, false);
    if (!violations.isEmpty()) {
      setStatus(SaveState.UNSAVED, "unsaved changes: fix " + violations.get(0) + " to save");
      return;
    }
    QueueEntry entry = currentEntry.get();
    long savingEdits = edits;
    Duration spent = timeSpent();
    double heard = audio.heardFraction();
    int expected = version;
    writing = true;
    setStatus(SaveState.SAVING, "saving…");
    executor.submit(
        "save the draft of " + clip.clip().clipKey(),
        () ->
            service.saveDraft(actor, clip.session().assignmentId(), value, spent, heard, expected),
        saved -> saved(entry, saved, savingEdits),
        failure -> {
          writing = false;
          saveAgain = false;
          afterWrite = null;
          fail(sentence(failure));
        });
  }

  private void saved(QueueEntry entry, SavedLabel saved, long savingEdits) {
    writing = false;
    version = saved.version();
    savedEdits = savingEdits;
    if (entry.state() == AssignmentState.PENDING) {
      replace(entry, AssignmentState.DRAFTED);
    }
    if (edits == savedEdits) {
      setStatus(SaveState.SAVED, "✓ saved " + time(saved.savedAt()));
    } else {
      setStatus(SaveState.UNSAVED, "unsaved changes");
    }
    if (saveAgain) {
      saveAgain = false;
      saveDraft();
      return;
    }
    Runnable then = afterWrite;
    afterWrite = null;
    if (then != null) {
      then.run();
    }
  }

  /**
   * Runs {@code then} once the open clip's work is saved; at once when there is nothing to save.
   */
  private void leaveThen(Runnable then) {
    cancelAutosave.run();
    if (current.get() == null || (!writing && edits == savedEdits)) {
      then.run();
      return;
    }
    afterWrite = then;
    if (!writing) {
      saveDraft();
      if (!writing && edits != savedEdits) {
        afterWrite = null; // could not be saved (a rubric problem): stay so nothing is lost
      }
    }
  }

  private LabelValue value(ClipToLabel clip) {
    Map<String, FieldValue> fields = new LinkedHashMap<>();
    String text = transcript.get() == null ? "" : transcript.get();
    if (!text.isBlank()) {
      fields.put(TRANSCRIPT, new FieldValue.Text(text.strip()));
    }
    flags.forEach((name, property) -> fields.put(name, new FieldValue.Flag(property.get())));
    if (!segments.isEmpty()) {
      fields.put(SEGMENTS, new FieldValue.Segments(List.copyOf(segments)));
    }
    return new LabelValue(clip.rubric().id(), fields);
  }

  /** The rubric's problems; a draft (not {@code complete}) may leave required fields empty. */
  private static List<Violation> validate(ClipToLabel clip, LabelValue value, boolean complete) {
    double seconds = clip.clip().durationSeconds();
    LabelContext context = seconds > 0 ? LabelContext.clip(seconds) : LabelContext.none();
    List<Violation> violations = clip.rubric().validate(value, context);
    if (complete) {
      return violations;
    }
    return violations.stream()
        .filter(violation -> value.fields().containsKey(violation.field()))
        .toList();
  }

  private void showProblems(List<Violation> violations) {
    problems.setAll(violations.stream().map(Violation::toString).toList());
  }

  // ---- opening clips ----

  private void showEntry(QueueEntry entry) {
    ClipToLabel ready = prefetched;
    prefetched = null;
    if (ready != null && ready.session().assignmentId() == entry.item().assignmentId()) {
      show(entry, ready);
      return;
    }
    setStatus(SaveState.IDLE, "opening " + entry.clipKey() + "…");
    executor.submit(
        "open " + entry.clipKey(),
        () -> service.open(actor, entry.item()),
        clip -> show(entry, clip),
        failure -> fail("Could not open " + entry.clipKey() + ": " + sentence(failure)));
  }

  private void show(QueueEntry entry, ClipToLabel clip) {
    showingClip = true;
    try {
      cancelAutosave.run();
      Optional<Label> label = clip.session().label();
      emptyMessage.set("");
      header.set(clip.clip().header());
      version = clip.session().version();
      edits = 0;
      savedEdits = 0;
      saveAgain = false;
      submitAttempted = false;
      afterWrite = null;
      String text =
          label.flatMap(l -> l.value().field(TRANSCRIPT)).map(LabelingViewModel::text).orElse(null);
      boolean prefilled = false;
      if (text == null) {
        prefilled = clip.prefillHypothesis() && clip.clip().hypothesis().isPresent();
        text = prefilled ? clip.clip().hypothesis().get() : "";
      }
      transcript.set(text);
      transcriptCaption.set(
          prefilled ? "Transcript  (pre-filled from the ASR hypothesis)" : "Transcript");
      for (String flag : FLAGS) {
        flags
            .get(flag)
            .set(
                label
                    .flatMap(l -> l.value().field(flag))
                    .map(value -> value instanceof FieldValue.Flag f && f.set())
                    .orElse(false));
      }
      segments.setAll(
          label
              .flatMap(l -> l.value().field(SEGMENTS))
              .map(
                  value ->
                      value instanceof FieldValue.Segments s ? s.segments() : List.<Segment>of())
              .orElse(List.of()));
      spentBefore = label.map(Label::timeSpent).orElse(Duration.ZERO);
      openedAt = clock.instant();
      problems.clear();
      // Last, so that listeners of the open clip see its form already filled in.
      current.set(clip);
      currentEntry.set(entry);
      if (label.isPresent()) {
        String what = label.get().state() == LabelState.SUBMITTED ? "✓ submitted " : "✓ saved ";
        setStatus(SaveState.SAVED, what + time(label.get().updatedAt()));
      } else {
        setStatus(SaveState.IDLE, "not started: type to begin (saved as you go)");
      }
    } finally {
      showingClip = false;
    }
    audio.open(clip.clip().audio());
    prefetchAfter(entry);
  }

  private static String text(FieldValue value) {
    return value instanceof FieldValue.Text t ? t.text() : "";
  }

  /**
   * Reads the clip after {@code entry} in the background so that submit-and-next shows it at once.
   */
  private void prefetchAfter(QueueEntry entry) {
    Optional<QueueEntry> next = nextToDo(entry);
    if (next.isEmpty()) {
      return;
    }
    QueueItem item = next.get().item();
    executor.submit(
        "read ahead " + item.clipKey(),
        () -> service.open(actor, item),
        clip -> {
          QueueEntry open = currentEntry.get();
          if (open != null
              && nextToDo(open).map(e -> sameAssignment(e, next.get())).orElse(false)) {
            prefetched = clip;
            audio.prefetch(clip.clip().audio());
          }
        },
        failure -> {
          // Reading ahead is an optimisation; opening the clip for real reports any problem.
        });
  }

  private void moveOnFrom(QueueEntry from) {
    nextToDo(from).ifPresentOrElse(this::showEntry, this::showAllDone);
  }

  private void showAllDone() {
    current.set(null);
    currentEntry.set(null);
    header.set("");
    emptyMessage.set(ALL_DONE);
  }

  /** The next entry to do after {@code from} in queue order, wrapping round; never {@code from}. */
  private Optional<QueueEntry> nextToDo(QueueEntry from) {
    int start = indexOf(from);
    int size = entries.size();
    for (int step = 1; step <= size; step++) {
      QueueEntry candidate = entries.get(Math.floorMod(start + step, size));
      if (!sameAssignment(candidate, from) && candidate.state() != AssignmentState.SUBMITTED) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private Optional<QueueEntry> firstToDo() {
    return entries.stream().filter(e -> e.state() != AssignmentState.SUBMITTED).findFirst();
  }

  private Optional<QueueEntry> neighbour(int direction) {
    QueueEntry open = currentEntry.get();
    if (open == null) {
      return visibleEntries.stream().findFirst();
    }
    int index = -1;
    for (int i = 0; i < visibleEntries.size(); i++) {
      if (sameAssignment(visibleEntries.get(i), open)) {
        index = i;
      }
    }
    int target = index + direction;
    return target >= 0 && target < visibleEntries.size()
        ? Optional.of(visibleEntries.get(target))
        : Optional.empty();
  }

  private int indexOf(QueueEntry entry) {
    for (int i = 0; i < entries.size(); i++) {
      if (sameAssignment(entries.get(i), entry)) {
        return i;
      }
    }
    return -1;
  }

  private QueueEntry replace(QueueEntry entry, AssignmentState state) {
    int index = indexOf(entry);
    QueueEntry updated = entry.with(state);
    if (index >= 0) {
      entries.set(index, updated);
    }
    if (sameAssignment(currentEntry.get(), entry)) {
      currentEntry.set(updated);
    }
    updateProgress();
    return updated;
  }

  private static boolean sameAssignment(QueueEntry a, QueueEntry b) {
    return a != null && b != null && a.item().assignmentId() == b.item().assignmentId();
  }

  // ---- status ----

  private void updateProgress() {
    long submitted = entries.stream().filter(e -> e.state() == AssignmentState.SUBMITTED).count();
    progress.set(submitted + " of " + entries.size() + " submitted");
  }

  private void setStatus(SaveState state, String text) {
    saveState.set(state);
    status.set(text);
  }

  private void fail(String sentence) {
    setStatus(SaveState.ERROR, sentence);
  }

  private Duration timeSpent() {
    return openedAt == null
        ? spentBefore
        : spentBefore.plus(Duration.between(openedAt, clock.instant()));
  }

  private String time(Instant instant) {
    return TIME.format(LocalTime.ofInstant(instant, clock.getZone()));
  }

  private static String sentence(Throwable failure) {
    if (failure instanceof StorageException) {
      return capitalised(failure.getMessage());
    }
    return "Not saved: "
        + failure.getMessage()
        + ". Your work is still in the form; press Ctrl+S to try again.";
  }

  private static String capitalised(String text) {
    return text == null || text.isEmpty()
        ? "Not saved."
        : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }

  /** The empty state for a user who is not an annotator of the project. */
  static String notAnnotator(String userId) {
    return "You are not an annotator in this project ("
        + userId
        + "). Ask the lead to add you, or open the demo as ann-alex: ./earmark --user ann-alex";
  }

  private record Loaded(Actor actor, List<QueueItem> queue) {}

  // ---- properties ----

  /** The queue entries the filter shows, in queue order. */
  public ObservableList<QueueEntry> visibleEntries() {
    return visibleEntries;
  }

  /** Every queue entry, in queue order. */
  public List<QueueEntry> entries() {
    return new ArrayList<>(entries);
  }

  public ObjectProperty<QueueFilter> filterProperty() {
    return filter;
  }

  public ReadOnlyObjectProperty<ClipToLabel> currentProperty() {
    return current.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<QueueEntry> currentEntryProperty() {
    return currentEntry.getReadOnlyProperty();
  }

  /** "clip-0007 · 4.2 s · 16 kHz mono · noise: street". */
  public ReadOnlyStringProperty headerProperty() {
    return header.getReadOnlyProperty();
  }

  /** Says whether the transcript was pre-filled from the hypothesis. */
  public ReadOnlyStringProperty transcriptCaptionProperty() {
    return transcriptCaption.getReadOnlyProperty();
  }

  /** What to show instead of the form (not an annotator, all done); empty while a clip is open. */
  public ReadOnlyStringProperty emptyMessageProperty() {
    return emptyMessage.getReadOnlyProperty();
  }

  /** "✓ saved 14:02:31", "saving…", "unsaved changes" or a plain error sentence. */
  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<SaveState> saveStateProperty() {
    return saveState.getReadOnlyProperty();
  }

  /** "3 of 12 submitted". */
  public ReadOnlyStringProperty progressProperty() {
    return progress.getReadOnlyProperty();
  }

  /** The transcript as typed; the view binds its text area to it both ways. */
  public StringProperty transcriptProperty() {
    return transcript;
  }

  /** The flag {@code name} (one of {@link #FLAGS}); the view binds a check box to it both ways. */
  public BooleanProperty flagProperty(String name) {
    BooleanProperty property = flags.get(name);
    if (property == null) {
      throw new IllegalArgumentException("asr-transcript has no flag " + name);
    }
    return property;
  }

  /** The segments so far, in time order. */
  public ObservableList<Segment> segmentsProperty() {
    return readOnlySegments;
  }

  /** The rubric's problems with the form as it stands, one sentence each. */
  public ObservableList<String> problemsProperty() {
    return readOnlyProblems;
  }

  /** The acting user. */
  public String userId() {
    return service.userId();
  }
}
