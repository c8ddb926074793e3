package dev.earmark.app.gui.adjudication;

import dev.earmark.app.gui.background.BackgroundExecutor;
import dev.earmark.app.gui.background.FailureSentence;
import dev.earmark.app.gui.form.FieldNames;
import dev.earmark.engine.rubric.FieldSpec;
import dev.earmark.engine.rubric.FieldValue;
import dev.earmark.engine.rubric.LabelValue;
import dev.earmark.engine.rubric.TaskType;
import dev.earmark.storage.adjudicate.AlignmentGrid;
import dev.earmark.storage.adjudicate.AlignmentGrid.Source;
import dev.earmark.storage.adjudicate.AlignmentGrid.Transcript;
import dev.earmark.storage.adjudicate.DisputeStatus;
import dev.earmark.storage.adjudicate.ReasonCode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;
import javafx.collections.transformation.FilteredList;

/**
 * What the adjudication screen shows and does, without a single JavaFX node: the filtered dispute
 * queue and its progress, the opened dispute, the word-aligned grid (re-aligned to the picked row),
 * the annotators' other fields beside the rubric's anchors, and the decision form. Decisions go
 * through {@link DecisionHistory} as {@link DecideJob}s, so Ctrl+Z takes a decision back in storage
 * and Ctrl+Shift+Z decides again. All storage work runs through the background executor; callbacks
 * and property changes happen on the JavaFX thread (or the test's thread). Not thread-safe.
 */
public final class AdjudicationViewModel {
  /** The rubric field the word-aligned view shows for ASR disputes. */
  public static final String TRANSCRIPT = "transcript";

  /** The annotator's "not confident" flag, which a final rating or stage label starts without. */
  public static final String UNSURE = "unsure";

  private final AdjudicationService service;
  private final BackgroundExecutor executor;
  private final DecisionHistory history;

  private final ObservableList<DisputeRow> allRows = FXCollections.observableArrayList();
  private final FilteredList<DisputeRow> rows = new FilteredList<>(allRows, row -> true);
  private final StringProperty sliceFilter = new SimpleStringProperty("");
  private final StringProperty ruleFilter = new SimpleStringProperty("");
  private final StringProperty annotatorFilter = new SimpleStringProperty("");
  private final ObservableList<String> sliceChoices = FXCollections.observableArrayList();
  private final ObservableList<String> ruleChoices = FXCollections.observableArrayList();
  private final ObservableList<String> annotatorChoices = FXCollections.observableArrayList();
  private final ReadOnlyStringWrapper progress = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper header = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper loaded = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyBooleanWrapper noDisputes = new ReadOnlyBooleanWrapper(false);

  private final ReadOnlyObjectWrapper<DisputeRow> selected = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyObjectWrapper<DisputeCase> current = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyObjectWrapper<AlignmentGrid> grid = new ReadOnlyObjectWrapper<>();
  private final ObservableList<FieldComparison> comparisons = FXCollections.observableArrayList();
  private final ReadOnlyStringWrapper picked = new ReadOnlyStringWrapper("");
  private final ObservableMap<String, Optional<FieldValue>> edits =
      FXCollections.observableMap(new LinkedHashMap<>());
  private final StringProperty finalText = new SimpleStringProperty("");
  private final ObjectProperty<ReasonCode> reason = new SimpleObjectProperty<>();
  private final StringProperty note = new SimpleStringProperty("");
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper opening = new ReadOnlyBooleanWrapper(false);
  private final BooleanBinding canDecide;

  public AdjudicationViewModel(AdjudicationService service, BackgroundExecutor executor) {
    this.service = service;
    this.executor = executor;
    this.history = new DecisionHistory(executor);
    sliceFilter.addListener((obs, old, now) -> applyFilter());
    ruleFilter.addListener((obs, old, now) -> applyFilter());
    annotatorFilter.addListener((obs, old, now) -> applyFilter());
    canDecide =
        Bindings.createBooleanBinding(
            () ->
                current.get() != null
                    && !opening.get()
                    && !history.busyProperty().get()
                    && current.get().row().status() != DisputeStatus.RESOLVED,
            current,
            opening,
            history.busyProperty());
  }

  // ---------------------------------------------------------------- queue

  /** Reads the queue and opens the first open dispute (or keeps the one shown). */
  public void load() {
    reload(selected.get() == null ? -1 : selected.get().disputeId(), false);
  }

  private void reload(long keepDisputeId, boolean advance) {
    executor.inBackground(
        "read the adjudication queue",
        () -> new QueueRead(service.queue(), service.ruleSetsInForce()),
        read -> {
          List<DisputeRow> queue = read.rows();
          allRows.setAll(inShownOrder(queue));
          sliceChoices.setAll(
              queue.stream()
                  .flatMap(row -> row.sliceTags().stream())
                  .collect(Collectors.toCollection(TreeSet::new)));
          ruleChoices.setAll(
              queue.stream()
                  .flatMap(row -> row.ruleCodes().stream())
                  .collect(Collectors.toCollection(TreeSet::new)));
          annotatorChoices.setAll(
              queue.stream()
                  .flatMap(row -> row.annotators().stream())
                  .collect(Collectors.toCollection(TreeSet::new)));
          noDisputes.set(queue.isEmpty());
          loaded.set(true);
          updateProgress();
          Optional<DisputeRow> kept =
              rows.stream().filter(row -> row.disputeId() == keepDisputeId).findFirst();
          if (advance || kept.isEmpty()) {
            Optional<DisputeRow> next = nextOpen(keepDisputeId);
            if (next.isPresent()) {
              open(next.get());
            } else if (kept.isPresent()) {
              open(kept.get());
            } else if (!rows.isEmpty()) {
              open(rows.get(0));
            } else {
              clear();
            }
          } else if (pendingRestore == null
              && current.get() != null
              && current.get().row().disputeId() == keepDisputeId
              && current.get().row().status() == kept.get().status()
              && current
                  .get()
                  .ruleSet()
                  .equals(
                      read.ruleSets().getOrDefault(current.get().rubric().taskType(), "none"))) {
            // (A policy adopted meanwhile re-opens the dispute: it is normalized anew.)
            // Shown again with nothing changed: keep the form as the adjudicator left it.
            selected.set(kept.get());
            updateProgress();
          } else {
            open(kept.get());
          }
        },
        this::fail);
  }

  /** The queue with the rule set in force per task type, read together. */
  private record QueueRead(List<DisputeRow> rows, Map<TaskType, String> ruleSets) {}

  /**
   * {@code queue} (open disputes first, as storage lists them) in the order the screen already
   * shows, new disputes last: a decided dispute keeps its place, so "Dispute 4 of 18" stays true
   * and the next open dispute after it is the one below it, not the first of the list.
   */
  private List<DisputeRow> inShownOrder(List<DisputeRow> queue) {
    if (allRows.isEmpty()) {
      return queue;
    }
    Map<Long, Integer> shownAt = new HashMap<>();
    for (int i = 0; i < allRows.size(); i++) {
      shownAt.put(allRows.get(i).disputeId(), i);
    }
    List<DisputeRow> ordered = new ArrayList<>(queue);
    ordered.sort(
        Comparator.comparingInt(row -> shownAt.getOrDefault(row.disputeId(), Integer.MAX_VALUE)));
    return ordered;
  }

  /** The first open dispute after {@code disputeId} in queue order, wrapping round. */
  private Optional<DisputeRow> nextOpen(long disputeId) {
    int start = 0;
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i).disputeId() == disputeId) {
        start = i + 1;
      }
    }
    for (int k = 0; k < rows.size(); k++) {
      DisputeRow row = rows.get((start + k) % rows.size());
      if (row.status() == DisputeStatus.OPEN && row.disputeId() != disputeId) {
        return Optional.of(row);
      }
    }
    return Optional.empty();
  }

  private void applyFilter() {
    rows.setPredicate(new QueueFilter(sliceFilter.get(), ruleFilter.get(), annotatorFilter.get()));
    updateProgress();
    if (selected.get() != null && !rows.contains(selected.get())) {
      if (rows.isEmpty()) {
        clear();
      } else {
        open(rows.get(0));
      }
    }
  }

  private void updateProgress() {
    long decided = rows.stream().filter(row -> row.status() == DisputeStatus.RESOLVED).count();
    progress.set(decided + " of " + rows.size() + " decided");
    DisputeRow row = selected.get();
    if (row == null) {
      header.set("");
      return;
    }
    int position = rows.indexOf(row) + 1;
    header.set(
        "Dispute "
            + (position == 0 ? "–" : Integer.toString(position))
            + " of "
            + rows.size()
            + " · "
            + row.clipKey()
            + " · rule: "
            + row.evidenceLine()
            + (row.status() == DisputeStatus.OPEN ? "" : " · " + row.status().code())
            + normalizedWith(current.get(), row));
  }

  /** " · normalized with en-asr@2" for a transcript case opened for {@code row}; else "". */
  private static String normalizedWith(DisputeCase shown, DisputeRow row) {
    if (shown == null
        || shown.row().disputeId() != row.disputeId()
        || !shown.isTranscript()
        || shown.ruleSet().equals("none")) {
      return "";
    }
    return " · normalized with " + shown.ruleSet();
  }

  private void clear() {
    selected.set(null);
    current.set(null);
    grid.set(null);
    comparisons.clear();
    picked.set("");
    edits.clear();
    finalText.set("");
    updateProgress();
  }

  // ---------------------------------------------------------------- one dispute

  /** Opens {@code row}: reads its labels, pre-picks the first annotator. */
  public void open(DisputeRow row) {
    selected.set(row);
    updateProgress();
    opening.set(true);
    executor.inBackground(
        "open dispute " + row.disputeId() + " about " + row.clipKey(),
        () -> service.open(row),
        opened -> {
          opening.set(false);
          if (selected.get() != row) {
            return; // another dispute was chosen meanwhile
          }
          current.set(opened);
          updateProgress(); // the header names the rule set the case is normalized with
          comparisons.setAll(comparisonsOf(opened));
          reason.set(null);
          note.set("");
          if (opened.labels().isEmpty()) {
            writeNew();
          } else {
            pick(opened.labels().get(0).annotatorId());
          }
          applyPendingRestore(opened);
        },
        error -> {
          opening.set(false);
          fail(error);
        });
  }

  /**
   * Picks {@code annotatorId}'s label as the final label: the final text is pre-filled with their
   * transcript (editable) and the grid is re-aligned to their row.
   */
  public void pick(String annotatorId) {
    DisputeCase dispute = current.get();
    if (dispute == null || dispute.label(annotatorId).isEmpty()) {
      return;
    }
    edits.clear();
    picked.set(annotatorId);
    finalText.set(transcript(dispute.label(annotatorId).get().value()));
    rebuildGrid();
  }

  /** Writes a new final label: no annotator picked, the final text starts empty. */
  public void writeNew() {
    edits.clear();
    picked.set("");
    finalText.set("");
    rebuildGrid();
  }

  /**
   * Picks the label of the {@code row}-th annotator (1-based, in the order the screen lists them);
   * false when there is no such row.
   */
  public boolean pickRow(int row) {
    DisputeCase dispute = current.get();
    if (dispute == null || row < 1 || row > dispute.labels().size()) {
      return false;
    }
    pick(dispute.labels().get(row - 1).annotatorId());
    return true;
  }

  /** Chooses the {@code index}-th reason code (1-based, in {@link ReasonCode} order). */
  public boolean chooseReason(int index) {
    if (index < 1 || index > ReasonCode.values().length) {
      return false;
    }
    reason.set(ReasonCode.values()[index - 1]);
    return true;
  }

  // ---------------------------------------------------------------- field by field

  /**
   * Sets one field of the final rating or stage label to {@code value}, on top of the picked
   * annotator's label (or of an empty label when writing new). Setting it back to the picked value
   * drops the edit.
   */
  public void setField(String field, FieldValue value) {
    DisputeCase dispute = current.get();
    if (dispute == null) {
      return;
    }
    if (startingValue(dispute, field).equals(Optional.of(value))) {
      edits.remove(field);
    } else {
      edits.put(field, Optional.of(value));
    }
  }

  /** Leaves an optional field of the final label empty (e.g. a preference without a reference). */
  public void clearField(String field) {
    DisputeCase dispute = current.get();
    if (dispute == null) {
      return;
    }
    if (startingValue(dispute, field).isEmpty()) {
      edits.remove(field);
    } else {
      edits.put(field, Optional.empty());
    }
  }

  /** What {@code field} holds before any edit: the picked label's value, never "unsure". */
  private Optional<FieldValue> startingValue(DisputeCase dispute, String field) {
    if (field.equals(UNSURE)) {
      return Optional.empty();
    }
    return dispute.label(picked.get()).flatMap(label -> label.value().field(field));
  }

  /** The value field {@code field} has in the final label as it stands, if any. */
  public Optional<FieldValue> fieldValue(String field) {
    return finalValue().flatMap(value -> value.field(field));
  }

  /** The fields the adjudicator changed from the picked label, by name (empty = cleared). */
  public ObservableMap<String, Optional<FieldValue>> edits() {
    return edits;
  }

  /** The values {@code field} may take under the dispute's rubric, with its anchors. */
  public List<FieldChoice> choices(String field) {
    DisputeCase dispute = current.get();
    if (dispute == null) {
      return List.of();
    }
    return dispute.rubric().fields().stream()
        .filter(spec -> spec.name().equals(field))
        .findFirst()
        .map(FieldChoice::of)
        .orElse(List.of());
  }

  /**
   * What is wrong with the final label under the dispute's rubric version, one sentence each naming
   * the field by its display name; empty when it may be decided.
   */
  public List<String> problems() {
    DisputeCase dispute = current.get();
    Optional<LabelValue> value = finalValue();
    if (dispute == null || value.isEmpty()) {
      return List.of();
    }
    return dispute.rubric().validate(value.get()).stream().map(FieldNames::sentence).toList();
  }

  private void rebuildGrid() {
    DisputeCase dispute = current.get();
    if (dispute == null || !dispute.isTranscript()) {
      grid.set(null);
      return;
    }
    List<Transcript> transcripts = transcripts(dispute);
    int pivot = 0;
    String pivotId =
        picked.get().isEmpty() && !dispute.labels().isEmpty()
            ? dispute.labels().get(0).annotatorId()
            : picked.get();
    for (int i = 0; i < transcripts.size(); i++) {
      if (transcripts.get(i).source() == Source.ANNOTATOR
          && transcripts.get(i).id().equals(pivotId)) {
        pivot = i;
      }
    }
    grid.set(AlignmentGrid.build(transcripts, pivot, dispute.normalizer(), dispute.ruleSet()));
  }

  /** The hypothesis (when the clip has one) and then each annotator's transcript. */
  static List<Transcript> transcripts(DisputeCase dispute) {
    List<Transcript> transcripts = new ArrayList<>();
    dispute
        .clip()
        .hypothesis()
        .ifPresent(text -> transcripts.add(new Transcript("hypothesis", Source.HYPOTHESIS, text)));
    for (DisputeCase.AnnotatorLabel label : dispute.labels()) {
      transcripts.add(
          new Transcript(label.annotatorId(), Source.ANNOTATOR, transcript(label.value())));
    }
    return transcripts;
  }

  private static String transcript(LabelValue value) {
    return value
        .field(TRANSCRIPT)
        .filter(FieldValue.Text.class::isInstance)
        .map(field -> ((FieldValue.Text) field).text())
        .orElse("");
  }

  /**
   * Every rubric field but the aligned transcript, each annotator's value beside the anchors; for
   * transcripts, only the fields somebody answered (flags such as "unsure").
   */
  static List<FieldComparison> comparisonsOf(DisputeCase dispute) {
    List<FieldComparison> list = new ArrayList<>();
    for (FieldSpec field : dispute.rubric().fields()) {
      if (dispute.isTranscript() && field.name().equals(TRANSCRIPT)) {
        continue;
      }
      Map<String, String> values = new LinkedHashMap<>();
      for (DisputeCase.AnnotatorLabel label : dispute.labels()) {
        values.put(
            label.annotatorId(), label.value().field(field.name()).map(v -> shown(v)).orElse("—"));
      }
      List<String> anchors = new ArrayList<>();
      if (field instanceof FieldSpec.ScaleField scale) {
        scale.anchors().forEach((point, text) -> anchors.add(point + " — " + text));
      } else if (field instanceof FieldSpec.CategoricalField categorical) {
        categorical.options().forEach(o -> anchors.add(o.value() + " — " + o.definition()));
      }
      if (dispute.isTranscript() && values.values().stream().allMatch("—"::equals)) {
        continue; // nobody answered it: nothing to compare beside the transcripts
      }
      list.add(new FieldComparison(field.name(), field.definition(), values, anchors));
    }
    return list;
  }

  static String shown(FieldValue value) {
    if (value instanceof FieldValue.Text text) {
      return text.text();
    } else if (value instanceof FieldValue.ScalePoint point) {
      return Integer.toString(point.point());
    } else if (value instanceof FieldValue.Choice choice) {
      return choice.option();
    } else if (value instanceof FieldValue.Flag flag) {
      return flag.set() ? "yes" : "no";
    } else if (value instanceof FieldValue.Tags tags) {
      return String.join(", ", tags.tags());
    } else if (value instanceof FieldValue.WordMarks marks) {
      return "words " + marks.indices();
    } else if (value instanceof FieldValue.Segments segments) {
      return segments.segments().size() + " segments";
    }
    return value.toString();
  }

  /**
   * The final label as it would be stored: for transcripts, the picked label's fields (flags left
   * out: an adjudicated label is not "unsure") with the transcript replaced by the final text, or
   * only the final text when writing new; for other task types, the picked label (without its
   * "unsure" flag) with the adjudicator's field edits.
   */
  public Optional<LabelValue> finalValue() {
    DisputeCase dispute = current.get();
    if (dispute == null) {
      return Optional.empty();
    }
    Optional<DisputeCase.AnnotatorLabel> base = dispute.label(picked.get());
    if (!dispute.isTranscript()) {
      Map<String, FieldValue> fields = new LinkedHashMap<>();
      base.ifPresent(label -> fields.putAll(label.value().fields()));
      fields.remove(UNSURE); // an adjudicated label is not unsure unless the adjudicator says so
      edits.forEach(
          (field, value) -> {
            if (value.isPresent()) {
              fields.put(field, value.get());
            } else {
              fields.remove(field);
            }
          });
      return Optional.of(new LabelValue(dispute.rubric().id(), fields));
    }
    Map<String, FieldValue> fields = new LinkedHashMap<>();
    base.ifPresent(
        label ->
            label
                .value()
                .fields()
                .forEach(
                    (name, value) -> {
                      if (!(value instanceof FieldValue.Flag)) {
                        fields.put(name, value);
                      }
                    }));
    fields.put(TRANSCRIPT, new FieldValue.Text(finalText.get().strip()));
    return Optional.of(new LabelValue(dispute.rubric().id(), fields));
  }

  // ---------------------------------------------------------------- decisions

  /**
   * Decides the shown dispute with the final label, reason code and note; false (with a message
   * saying what is missing) when no reason code is chosen, a gap code has no note, or there is
   * nothing to decide.
   */
  public boolean decide() {
    DisputeCase dispute = current.get();
    if (!canDecide.get() || dispute == null) {
      message.set(
          dispute != null && dispute.row().status() == DisputeStatus.RESOLVED
              ? dispute.row().clipKey() + " is already decided; Ctrl+Z takes a decision back"
              : "Nothing to decide yet.");
      return false;
    }
    if (reason.get() == null) {
      message.set("Choose a reason code before deciding.");
      return false;
    }
    if (reason.get().raisesPolicyProposal() && note.get().isBlank()) {
      message.set(
          "A " + reason.get().code() + " decision needs a note saying what the policy misses.");
      return false;
    }
    Optional<LabelValue> value = finalValue();
    if (value.isEmpty()) {
      message.set("Pick one annotator's label first.");
      return false;
    }
    if (dispute.isTranscript() && finalText.get().isBlank()) {
      message.set("The final transcript is empty; pick a row or write the transcript.");
      return false;
    }
    List<String> problems = problems();
    if (!problems.isEmpty()) {
      message.set(
          "The final label does not fit rubric "
              + dispute.rubric().id()
              + ": "
              + String.join(" ", problems)
              + " Change those fields before deciding.");
      return false;
    }
    DecideJob job =
        new DecideJob(
            service,
            dispute.row().disputeId(),
            dispute.row().clipKey(),
            value.get(),
            reason.get(),
            note.get().strip());
    forms.put(
        job,
        new FormState(picked.get(), finalText.get(), reason.get(), note.get(), Map.copyOf(edits)));
    return history.push(
        job,
        done -> {
          message.set(
              "Decided "
                  + dispute.row().clipKey()
                  + " ("
                  + job.reason().code()
                  + ")"
                  + (job.reason().raisesPolicyProposal() ? " · proposal filed for the lead" : "")
                  + " · Ctrl+Z undoes");
          reload(dispute.row().disputeId(), true);
        },
        this::fail);
  }

  /** Leaves the shown dispute open and moves to the next open one. */
  public void skip() {
    DisputeRow row = selected.get();
    if (row == null) {
      return;
    }
    nextOpen(row.disputeId()).ifPresent(this::open);
  }

  /** Moves by {@code step} rows in the (filtered) queue. */
  public void move(int step) {
    if (rows.isEmpty()) {
      return;
    }
    int index = selected.get() == null ? -1 : rows.indexOf(selected.get());
    int next = Math.max(0, Math.min(rows.size() - 1, index + step));
    open(rows.get(next));
  }

  /**
   * Passes the shown open dispute to the lead with the note, as an undoable step: Ctrl+Z takes the
   * escalation back in storage and the dispute is open again.
   */
  public boolean escalate() {
    DisputeCase dispute = current.get();
    if (dispute == null || dispute.row().status() != DisputeStatus.OPEN) {
      message.set("Only an open dispute can be escalated.");
      return false;
    }
    EscalateJob job =
        new EscalateJob(
            service, dispute.row().disputeId(), dispute.row().clipKey(), note.get().strip());
    forms.put(
        job,
        new FormState(picked.get(), finalText.get(), reason.get(), note.get(), Map.copyOf(edits)));
    return history.push(
        job,
        done -> {
          message.set("Escalated " + dispute.row().clipKey() + " to the lead · Ctrl+Z undoes");
          reload(dispute.row().disputeId(), true);
        },
        this::fail);
  }

  /**
   * Takes the newest decision or escalation of this session back; the dispute opens again with its
   * form.
   */
  public boolean undo() {
    return history.undo(
        job -> {
          message.set("Undone: " + job.description());
          restoreForm(job);
          reload(job.disputeId(), false);
        },
        this::fail);
  }

  /** Decides the newest undone decision again. */
  public boolean redo() {
    return history.redo(
        job -> {
          message.set("Redone: " + job.description());
          reload(job.disputeId(), true);
        },
        this::fail);
  }

  /** What the form held when a job was pushed, to put back after its undo. */
  private record FormState(
      String picked,
      String finalText,
      ReasonCode reason,
      String note,
      Map<String, Optional<FieldValue>> edits) {}

  private final Map<AdjudicationJob, FormState> forms = new java.util.IdentityHashMap<>();
  private FormState pendingRestore;
  private long pendingRestoreDispute = -1;

  private void restoreForm(AdjudicationJob job) {
    FormState form = forms.get(job);
    if (form != null) {
      pendingRestore = form;
      pendingRestoreDispute = job.disputeId();
    }
  }

  private void applyPendingRestore(DisputeCase opened) {
    if (pendingRestore == null || pendingRestoreDispute != opened.row().disputeId()) {
      return;
    }
    FormState form = pendingRestore;
    pendingRestore = null;
    if (form.picked().isEmpty()) {
      writeNew();
    } else {
      pick(form.picked());
    }
    finalText.set(form.finalText());
    edits.putAll(form.edits());
    reason.set(form.reason());
    note.set(form.note());
  }

  /** Shows {@code text} in the message line (e.g. a bad line of the keys file). */
  public void tell(String text) {
    message.set(text);
  }

  private void fail(Throwable error) {
    message.set(FailureSentence.reason(error));
  }

  // ---------------------------------------------------------------- properties

  /** The queue after the filters. */
  public ObservableList<DisputeRow> rows() {
    return rows;
  }

  public StringProperty sliceFilterProperty() {
    return sliceFilter;
  }

  public StringProperty ruleFilterProperty() {
    return ruleFilter;
  }

  public StringProperty annotatorFilterProperty() {
    return annotatorFilter;
  }

  public ObservableList<String> sliceChoices() {
    return sliceChoices;
  }

  public ObservableList<String> ruleChoices() {
    return ruleChoices;
  }

  public ObservableList<String> annotatorChoices() {
    return annotatorChoices;
  }

  /** "3 of 17 decided" over the filtered queue. */
  public ReadOnlyStringProperty progressProperty() {
    return progress.getReadOnlyProperty();
  }

  /** "Dispute 3 of 17 · clip-0012 · rule: transcript WER 0.31 > 0.20 (…)". */
  public ReadOnlyStringProperty headerProperty() {
    return header.getReadOnlyProperty();
  }

  /** True once the queue was read. */
  public ReadOnlyBooleanProperty loadedProperty() {
    return loaded.getReadOnlyProperty();
  }

  /** True when the project has no dispute at all (the empty state). */
  public ReadOnlyBooleanProperty noDisputesProperty() {
    return noDisputes.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<DisputeRow> selectedProperty() {
    return selected.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<DisputeCase> currentProperty() {
    return current.getReadOnlyProperty();
  }

  /** The word-aligned grid of an ASR dispute; null for other task types. */
  public ReadOnlyObjectProperty<AlignmentGrid> gridProperty() {
    return grid.getReadOnlyProperty();
  }

  public ObservableList<FieldComparison> comparisons() {
    return comparisons;
  }

  /** The picked annotator's id, or "" when writing a new label. */
  public ReadOnlyStringProperty pickedProperty() {
    return picked.getReadOnlyProperty();
  }

  public StringProperty finalTextProperty() {
    return finalText;
  }

  public ObjectProperty<ReasonCode> reasonProperty() {
    return reason;
  }

  public StringProperty noteProperty() {
    return note;
  }

  /** The last outcome or problem, as a sentence. */
  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  public BooleanBinding canDecideProperty() {
    return canDecide;
  }

  public ReadOnlyBooleanProperty canUndoProperty() {
    return history.canUndoProperty();
  }

  public ReadOnlyBooleanProperty canRedoProperty() {
    return history.canRedoProperty();
  }

  public ReadOnlyBooleanProperty busyProperty() {
    return history.busyProperty();
  }
}
