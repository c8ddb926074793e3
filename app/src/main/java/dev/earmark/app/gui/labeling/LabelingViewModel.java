package dev.earmark.app.gui.labeling;

import dev.earmark.app.gui.background.BackgroundExecutor;
import dev.earmark.app.gui.background.FailureSentence;
import dev.earmark.app.gui.form.FieldNames;
import dev.earmark.engine.rubric.FieldValue;
import dev.earmark.engine.rubric.LabelContext;
import dev.earmark.engine.rubric.LabelValue;
import dev.earmark.engine.rubric.Segment;
import dev.earmark.engine.rubric.Violation;
import dev.earmark.storage.StorageException;
import dev.earmark.storage.assign.AssignmentState;
import dev.earmark.storage.assign.QueueItem;
import dev.earmark.storage.label.Label;
import dev.earmark.storage.label.LabelLockedException;
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
import java.util.OptionalInt;
import java.util.OptionalLong;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;

/**
 * The state and commands of the annotator's labeling screen: the queue, the open clip, the form the
 * clip's rubric calls for ({@link FormKind}: an ASR transcript with segments and flags, a TTS
 * rating with word marks, or speech RAG stage labels), inline validation against the rubric
 * version, listening rigour, undo and redo, autosave and submit-and-next, and the status line that
 * always says whether the work is saved. Every storage call runs on the {@link BackgroundExecutor};
 * results arrive on the UI thread. Never touches a control. Not thread-safe: use on the JavaFX
 * thread (or, in tests, one thread with a synchronous executor).
 *
 * <p>Saving: each edit marks the work unsaved and (re)starts a quiet period of {@link
 * #AUTOSAVE_DELAY}; when it ends the draft is saved with the label version last read, so a save
 * based on an old version is refused by storage ({@code StaleLabelException}) and its sentence is
 * shown. Only one write is in flight at a time; edits made meanwhile are saved right after it.
 * Leaving a clip (next, previous, skip, another queue entry) first saves what is unsaved.
 *
 * <p>Rating forms: the answers of a TTS or RAG form live in {@link #answersProperty()} and change
 * only through {@link #rate}, {@link #choose}, {@link #setAnswerFlag} and {@link #toggleWordMark}.
 * A TTS rating is locked until the share of the clip heard reaches {@link
 * ClipToLabel#listeningShare()}: while locked those commands refuse and say why (the lock holds
 * here, not only in the greyed-out view).
 *
 * <p>Undo: every form edit except typing in the transcript (which the text area undoes itself) is a
 * {@link FormEdit} on a per-clip {@link EditHistory}: ratings, word marks, stage labels, flags and
 * segments. Opening another clip clears it.
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

  /** The empty-queue sentence. */
  public static final String ALL_DONE = "No clips to label — all done.";

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  private final LabelingService service;
  private final BackgroundExecutor executor;
  private final Debouncer debouncer;
  private final Clock clock;
  private final ClipAudio audio;

  private final LabelingQueue queue = new LabelingQueue();
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
  private final ObservableList<String> problems = FXCollections.observableArrayList();
  private final ObservableList<String> readOnlyProblems =
      FXCollections.unmodifiableObservableList(problems);
  private final ReadOnlyObjectWrapper<FormKind> form =
      new ReadOnlyObjectWrapper<>(FormKind.ASR_TRANSCRIPT);
  private final ReadOnlyBooleanWrapper qeHintsVisible = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyBooleanWrapper readOnly = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyBooleanWrapper canReopen = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyStringWrapper submittedNote = new ReadOnlyStringWrapper("");
  private final EditHistory history = new EditHistory();
  private final TranscriptForm transcriptForm;
  private final RatingAnswers ratings;
  private final ListeningLock listening;

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

  /** True while a reopened submitted label is being corrected (saved only by submitting). */
  private boolean correcting;

  private boolean readingMore;
  private final List<Runnable> afterReadingMore = new ArrayList<>();

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
    this.transcriptForm =
        new TranscriptForm(history, () -> !showingClip && current.get() != null, this::edited);
    this.ratings =
        new RatingAnswers(
            current.getReadOnlyProperty(),
            form.getReadOnlyProperty(),
            history,
            this::unlocked,
            text -> setStatus(saveState.get(), text),
            this::edited);
    this.listening = new ListeningLock(audio, current.getReadOnlyProperty());
  }

  // ---- commands ----

  /** Reads the acting user's queue and opens its first entry to do. */
  public void load() {
    emptyMessage.set("Loading the queue…");
    executor.inBackground(
        "read the labeling queue",
        () ->
            service
                .annotator()
                .map(
                    annotator ->
                        new Loaded(
                            annotator,
                            service.queuePage(annotator, OptionalLong.empty()),
                            service.openCount(annotator),
                            service.submittedWork(annotator))),
        loaded -> {
          if (loaded.isEmpty()) {
            emptyMessage.set(notAnnotator(service.userId()));
            status.set(service.userId() + " is not an annotator in this project");
            return;
          }
          actor = loaded.get().actor();
          queue.load(loaded.get().queue(), loaded.get().openCount(), loaded.get().submitted());
          updateProgress();
          queue.firstToDo().ifPresentOrElse(this::showEntry, this::showAllDone);
        },
        failure -> {
          emptyMessage.set("The queue could not be read: " + FailureSentence.reason(failure));
          fail("The queue could not be read: " + FailureSentence.reason(failure));
        });
  }

  /** Opens {@code entry}, saving the open clip's unsaved work first. */
  public void open(QueueEntry entry) {
    if (entry == null || LabelingQueue.sameAssignment(entry, currentEntry.get())) {
      return;
    }
    leaveThen(() -> showEntry(entry));
  }

  /** Opens the entry after the open one in the list (saving first). */
  public void next() {
    leaveThen(() -> queue.neighbour(currentEntry.get(), +1).ifPresent(this::showEntry));
  }

  /** Opens the entry before the open one in the list (saving first). */
  public void previous() {
    leaveThen(() -> queue.neighbour(currentEntry.get(), -1).ifPresent(this::showEntry));
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
   * Reopens the open clip's submitted label for a correction (when {@link #canReopenProperty()}):
   * the form becomes editable, and the correction is stored as a new version of the submitted label
   * when it is submitted again (or when leaving the clip, if it is complete). A draft is never
   * saved over a submitted label.
   */
  public void reopen() {
    if (!canReopen.get()) {
      return;
    }
    correcting = true;
    readOnly.set(false);
    canReopen.set(false);
    submittedNote.set(
        "Correcting a submitted label: submit again (Ctrl+Enter) to store the correction as a new"
            + " version.");
    setStatus(SaveState.SAVED, "reopened for correction · nothing changed yet");
  }

  /**
   * Adds a segment for the stretch {@code start}–{@code end} seconds (the waveform's selection),
   * spoken by A; segments are kept in time order. The rubric judges overlaps and bounds.
   */
  public void addSegment(double start, double end) {
    if (current.get() != null && end > start) {
      transcriptForm.addSegment(start, end);
    }
  }

  /** Removes the segment at {@code index}. */
  public void removeSegment(int index) {
    transcriptForm.removeSegment(index);
  }

  /** Gives the segment at {@code index} the next speaker id (A, B, C, D, then A again). */
  public void nextSpeaker(int index) {
    transcriptForm.nextSpeaker(index);
  }

  // ---- rating forms (TTS, RAG) ----

  /**
   * Rates scale field {@code field} at {@code point}. Refused (false, with the reason in the
   * status) while the TTS rating is locked, or when the rubric has no such scale or point.
   */
  public boolean rate(String field, int point) {
    return ratings.rate(field, point);
  }

  /**
   * Chooses {@code option} for categorical field {@code field}; {@code null} clears the answer.
   * Refused like {@link #rate}.
   */
  public boolean choose(String field, String option) {
    return ratings.choose(field, option);
  }

  /**
   * Picks the {@code number}-th choice (from 1) of {@code field}: the scale point {@code min +
   * number - 1} of a scale, the {@code number}-th option of a categorical field (keys 1…5 on a
   * focused row).
   */
  public boolean pick(String field, int number) {
    return ratings.pick(field, number);
  }

  /** Clears the answer of {@code field} in a rating form (an optional dimension left empty). */
  public boolean clearAnswer(String field) {
    return ratings.clear(field);
  }

  /** Sets flag field {@code field} of a rating form (e.g. RAG's "unsure"). Refused like rate. */
  public boolean setAnswerFlag(String field, boolean set) {
    return ratings.setFlag(field, set);
  }

  /**
   * Marks word {@code index} of the prompt (from 0) as mispronounced, or unmarks it, in the
   * rubric's word-marks field. Refused like {@link #rate}.
   */
  public boolean toggleWordMark(int index) {
    return ratings.toggleWordMark(index);
  }

  /** The marked prompt words (indices from 0, ascending). */
  public List<Integer> markedWords() {
    return ratings.markedWords();
  }

  /** The open TTS item's prompt words; empty for other items. */
  public List<String> promptWords() {
    return ratings.promptWords();
  }

  /** The scale point given to {@code field}, if any. */
  public OptionalInt rating(String field) {
    return ratings.rating(field);
  }

  /** The option chosen for {@code field}, if any. */
  public Optional<String> choice(String field) {
    return ratings.choice(field);
  }

  /** Undoes the last form edit of this clip; false when there is none. */
  public boolean undo() {
    Optional<FormEdit> edit = history.undo();
    edit.ifPresent(e -> status.set("undone: " + e.description() + " · " + status.get()));
    return edit.isPresent();
  }

  /** Redoes the last undone form edit of this clip; false when there is none. */
  public boolean redo() {
    Optional<FormEdit> edit = history.redo();
    edit.ifPresent(e -> status.set("redone: " + e.description() + " · " + status.get()));
    return edit.isPresent();
  }

  /** True when rating is allowed; otherwise says why in the status line. */
  private boolean unlocked() {
    if (readOnly.get()) {
      setStatus(saveState.get(), submittedNote.get());
      return false;
    }
    if (listening.isLocked()) {
      setStatus(saveState.get(), listening.refusal());
      return false;
    }
    return true;
  }

  /**
   * The lock's sentence when the clip cannot be heard here: the reason, and the way out (a lead
   * lowers the project setting; 0 turns the requirement off).
   */
  static String cannotListen(String why) {
    return ListeningLock.cannotListen(why);
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
    if (readOnly.get()) {
      fail("Not submitted again: " + submittedNote.get());
      return;
    }
    if (listening.isLocked()) {
      fail(listening.submitRefusal());
      return;
    }
    submitAttempted = true;
    List<Violation> violations = validate(clip, value(clip), true);
    showProblems(violations);
    if (!violations.isEmpty()) {
      fail("Not submitted: " + FieldNames.sentence(violations.get(0)));
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
    double heard = listening.heard();
    int expected = version;
    writing = true;
    setStatus(SaveState.SAVING, "submitting…");
    executor.inBackground(
        "submit the label of " + clip.clip().clipKey(),
        () -> service.submit(actor, clip.session().assignmentId(), value, spent, heard, expected),
        saved -> {
          writing = false;
          version = saved.version();
          savedEdits = edits;
          correcting = false;
          QueueEntry done = replace(entry, AssignmentState.SUBMITTED);
          setStatus(
              SaveState.SAVED,
              "✓ submitted " + clip.clip().clipKey() + " at " + time(saved.savedAt()));
          moveOnFrom(done);
        },
        failure -> {
          writing = false;
          afterWrite = null;
          lockedMeanwhile(failure);
          fail(sentence(failure));
        });
  }

  // ---- the form ----

  private void edited() {
    if (showingClip || current.get() == null) {
      return;
    }
    if (readOnly.get()) {
      return; // the view disables the form; nothing of a read-only label is saved
    }
    edits++;
    if (correcting) {
      setStatus(
          SaveState.UNSAVED,
          "unsaved correction: submit again (Ctrl+Enter) to store it as a new version");
      showProblems(validate(current.get(), value(current.get()), true));
      return;
    }
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
    if (readOnly.get()) {
      return;
    }
    LabelValue value = value(clip);
    List<Violation> violations = validate(clip, value, correcting);
    if (!violations.isEmpty()) {
      setStatus(
          SaveState.UNSAVED,
          "unsaved changes, not saved until this is fixed: "
              + FieldNames.sentence(violations.get(0)));
      return;
    }
    QueueEntry entry = currentEntry.get();
    long savingEdits = edits;
    Duration spent = timeSpent();
    double heard = listening.heard();
    int expected = version;
    writing = true;
    setStatus(SaveState.SAVING, "saving…");
    boolean correction = correcting;
    executor.inBackground(
        (correction ? "store the correction of " : "save the draft of ") + clip.clip().clipKey(),
        () ->
            correction
                ? service.submit(
                    actor, clip.session().assignmentId(), value, spent, heard, expected)
                : service.saveDraft(
                    actor, clip.session().assignmentId(), value, spent, heard, expected),
        saved -> saved(entry, saved, savingEdits),
        failure -> {
          writing = false;
          saveAgain = false;
          afterWrite = null;
          lockedMeanwhile(failure);
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
    return new LabelValue(
        clip.rubric().id(),
        clip.form() == FormKind.ASR_TRANSCRIPT ? transcriptForm.fields() : ratings.fields());
  }

  /** The rubric's problems; a draft (not {@code complete}) may leave required fields empty. */
  private static List<Violation> validate(ClipToLabel clip, LabelValue value, boolean complete) {
    double seconds = clip.clip().durationSeconds();
    LabelContext context = seconds > 0 ? LabelContext.clip(seconds) : LabelContext.none();
    if (clip.content() instanceof ItemContent.TtsPrompt prompt) {
      context = new LabelContext(context.clipSeconds(), OptionalInt.of(prompt.words().size()));
    }
    List<Violation> violations = clip.rubric().validate(value, context);
    if (complete) {
      return violations;
    }
    return violations.stream()
        .filter(violation -> value.fields().containsKey(violation.field()))
        .toList();
  }

  private void showProblems(List<Violation> violations) {
    problems.setAll(violations.stream().map(FieldNames::sentence).toList());
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
    executor.inBackground(
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
      transcriptForm.fill(label, text);
      transcriptCaption.set(
          prefilled ? "Transcript  (pre-filled from the ASR hypothesis)" : "Transcript");
      Map<String, FieldValue> stored = new LinkedHashMap<>();
      if (clip.form() != FormKind.ASR_TRANSCRIPT) {
        label.ifPresent(l -> stored.putAll(l.value().fields()));
      }
      ratings.fill(stored);
      history.clear();
      form.set(clip.form());
      qeHintsVisible.set(clip.qeHintsVisible());
      spentBefore = label.map(Label::timeSpent).orElse(Duration.ZERO);
      openedAt = clock.instant();
      problems.clear();
      // Last, so that listeners of the open clip see its form already filled in.
      current.set(clip);
      currentEntry.set(entry);
      listening.reset(label.map(Label::listenedCoverage).orElse(0.0));
      boolean submitted = label.isPresent() && label.get().state() == LabelState.SUBMITTED;
      correcting = false;
      readOnly.set(submitted);
      canReopen.set(submitted && clip.session().readOnlyBecause().isEmpty());
      submittedNote.set(
          !submitted
              ? ""
              : clip.session()
                  .readOnlyBecause()
                  .map(reason -> "Read-only: " + reason + ", so this label stays as submitted.")
                  .orElse(
                      "Submitted "
                          + time(label.get().updatedAt())
                          + ". Reopen it to correct it; the correction becomes a new version."));
      if (label.isPresent()) {
        String what = submitted ? "✓ submitted " : "✓ saved ";
        setStatus(SaveState.SAVED, what + time(label.get().updatedAt()));
      } else {
        setStatus(
            SaveState.IDLE,
            clip.form() == FormKind.ASR_TRANSCRIPT
                ? "not started: type to begin (saved as you go)"
                : "not started: saved as you go");
      }
    } finally {
      showingClip = false;
    }
    audio.open(clip.clip().audio());
    prefetchAfter(entry);
    readMoreNear(entry);
  }

  private static String text(FieldValue value) {
    return value instanceof FieldValue.Text t ? t.text() : "";
  }

  /**
   * Reads the clip after {@code entry} in the background so that submit-and-next shows it at once.
   */
  private void prefetchAfter(QueueEntry entry) {
    Optional<QueueEntry> next = queue.nextToDo(entry);
    if (next.isEmpty()) {
      return;
    }
    QueueItem item = next.get().item();
    executor.inBackground(
        "read ahead " + item.clipKey(),
        () -> service.open(actor, item),
        clip -> {
          QueueEntry open = currentEntry.get();
          if (open != null
              && queue
                  .nextToDo(open)
                  .map(e -> LabelingQueue.sameAssignment(e, next.get()))
                  .orElse(false)) {
            prefetched = clip;
            audio.prefetch(clip.clip().audio());
          }
        },
        failure -> {
          // Reading ahead is an optimisation; opening the clip for real reports any problem.
        });
  }

  private void moveOnFrom(QueueEntry from) {
    if (queue.next().isPresent() && !queue.toDoAheadInPage(from)) {
      // Nothing left to do in what is read: read on rather than wrap round to skipped entries.
      readMore(() -> queue.nextToDo(from).ifPresentOrElse(this::showEntry, this::showAllDone));
      return;
    }
    queue.nextToDo(from).ifPresentOrElse(this::showEntry, this::showAllDone);
  }

  /**
   * Reads the next page of the queue when the annotator gets near the end of what is read, by
   * working through it or by scrolling the list there (the view calls this as the last rows show).
   */
  public void readMore() {
    readMore(() -> {});
  }

  private void readMoreNear(QueueEntry entry) {
    if (queue.nearEndOfRead(entry)) {
      readMore();
    }
  }

  private void readMore(Runnable then) {
    if (queue.next().isEmpty() || actor == null) {
      then.run();
      return;
    }
    afterReadingMore.add(then);
    if (readingMore) {
      return;
    }
    readingMore = true;
    OptionalLong after = queue.next();
    executor.inBackground(
        "read more of the labeling queue",
        () -> service.queuePage(actor, after),
        page -> {
          readingMore = false;
          queue.add(page);
          updateProgress();
          runAfterReadingMore();
        },
        failure -> {
          readingMore = false;
          fail("More of the queue could not be read: " + FailureSentence.reason(failure));
          runAfterReadingMore();
        });
  }

  private void runAfterReadingMore() {
    List<Runnable> waiting = List.copyOf(afterReadingMore);
    afterReadingMore.clear();
    waiting.forEach(Runnable::run);
  }

  private void showAllDone() {
    correcting = false;
    readOnly.set(false);
    canReopen.set(false);
    submittedNote.set("");
    history.clear();
    ratings.fill(Map.of());
    current.set(null);
    listening.reset(0);
    currentEntry.set(null);
    header.set("");
    emptyMessage.set(ALL_DONE);
  }

  private QueueEntry replace(QueueEntry entry, AssignmentState state) {
    QueueEntry updated = queue.replace(entry, state);
    if (LabelingQueue.sameAssignment(currentEntry.get(), entry)) {
      currentEntry.set(updated);
    }
    updateProgress();
    return updated;
  }

  // ---- status ----

  private void updateProgress() {
    progress.set(queue.progress());
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

  /** A correction refused because the item became disputed, adjudicated or exported meanwhile. */
  private void lockedMeanwhile(Throwable failure) {
    if (failure instanceof LabelLockedException lockedException && current.get() != null) {
      correcting = false;
      readOnly.set(true);
      canReopen.set(false);
      submittedNote.set(
          "Read-only: " + lockedException.reason() + ", so this label stays as submitted.");
    }
  }

  private static String sentence(Throwable failure) {
    if (failure instanceof StorageException) {
      return capitalised(failure.getMessage());
    }
    return "Not saved: "
        + FailureSentence.reason(failure)
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

  private record Loaded(
      Actor actor, LabelingService.QueuePage queue, int openCount, List<QueueItem> submitted) {}

  // ---- properties ----

  /** The queue entries the filter shows, in queue order. */
  public ObservableList<QueueEntry> visibleEntries() {
    return queue.visibleEntries();
  }

  /** Every queue entry, in queue order. */
  public List<QueueEntry> entries() {
    return queue.entries();
  }

  public ObjectProperty<QueueFilter> filterProperty() {
    return queue.filterProperty();
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
    return transcriptForm.transcriptProperty();
  }

  /** The flag {@code name} (one of {@link #FLAGS}); the view binds a check box to it both ways. */
  public BooleanProperty flagProperty(String name) {
    return transcriptForm.flagProperty(name);
  }

  /** The segments so far, in time order. */
  public ObservableList<Segment> segmentsProperty() {
    return transcriptForm.segmentsProperty();
  }

  /** The rubric's problems with the form as it stands, one sentence each. */
  public ObservableList<String> problemsProperty() {
    return readOnlyProblems;
  }

  /** Which form the open clip is labeled in. */
  public ReadOnlyObjectProperty<FormKind> formProperty() {
    return form.getReadOnlyProperty();
  }

  /** The answers of a TTS or RAG form by field name (read-only; change them with the commands). */
  public ObservableMap<String, FieldValue> answersProperty() {
    return ratings.answersProperty();
  }

  /** The share of the open clip heard, 0–1 (what was stored for it, or more). */
  public ReadOnlyDoubleProperty heardProperty() {
    return listening.heardProperty();
  }

  /** True while a TTS rating may not be given yet (not enough of the clip heard). */
  public ReadOnlyBooleanProperty lockedProperty() {
    return listening.lockedProperty();
  }

  /** "listen first (62% heard)" while locked, empty otherwise. */
  public ReadOnlyStringProperty lockMessageProperty() {
    return listening.messageProperty();
  }

  /**
   * Whether the lead lets annotators see QE hints for the open clip's project. Off (the default):
   * the screen shows nothing QE-related.
   */
  public ReadOnlyBooleanProperty qeHintsVisibleProperty() {
    return qeHintsVisible.getReadOnlyProperty();
  }

  /**
   * True while the open clip's label is submitted and not reopened (or can no longer be corrected):
   * the view disables the form, and the commands refuse.
   */
  public ReadOnlyBooleanProperty readOnlyProperty() {
    return readOnly.getReadOnlyProperty();
  }

  /** True while the open clip's submitted label may be reopened for a correction. */
  public ReadOnlyBooleanProperty canReopenProperty() {
    return canReopen.getReadOnlyProperty();
  }

  /**
   * What the form says about a submitted label: when it was submitted and how to correct it, that a
   * correction is under way, or why it is read-only; empty for unsubmitted work.
   */
  public ReadOnlyStringProperty submittedNoteProperty() {
    return submittedNote.getReadOnlyProperty();
  }

  /** Whether there is a form edit of this clip to undo. */
  public boolean canUndo() {
    return history.canUndo();
  }

  /** Whether there is an undone form edit of this clip to redo. */
  public boolean canRedo() {
    return history.canRedo();
  }

  /** The acting user. */
  public String userId() {
    return service.userId();
  }
}
