package dev.earmark.app.gui.labeling;

import dev.earmark.app.gui.form.FieldNames;
import dev.earmark.engine.rubric.FieldValue;
import dev.earmark.engine.rubric.Segment;
import dev.earmark.storage.label.Label;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ChangeListener;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * The ASR transcript form of the labeling screen: the transcript text, the flags and the speaker
 * segments, filled from a stored label and turned back into the label's fields. Segment edits and
 * flag changes made by the user go on the clip's {@link EditHistory} (typing is undone by the text
 * area itself). Not thread-safe: use on the JavaFX thread.
 */
final class TranscriptForm {
  /** Speaker ids a segment cycles through. */
  private static final List<String> SPEAKERS = List.of("A", "B", "C", "D");

  private final EditHistory history;
  private final StringProperty transcript = new SimpleStringProperty("");
  private final Map<String, BooleanProperty> flags = new LinkedHashMap<>();
  private final ObservableList<Segment> segments = FXCollections.observableArrayList();
  private final ObservableList<Segment> readOnlySegments =
      FXCollections.unmodifiableObservableList(segments);

  /**
   * @param history the open clip's edit history
   * @param userEditing true while a change to a flag comes from the user (not from filling the form
   *     or from undo), so that it is recorded for Ctrl+Z
   * @param edited called after every change of the text, a flag or the segments
   */
  TranscriptForm(EditHistory history, BooleanSupplier userEditing, Runnable edited) {
    this.history = history;
    for (String flag : LabelingViewModel.FLAGS) {
      BooleanProperty property = new SimpleBooleanProperty(false);
      property.addListener(
          (observable, was, is) -> {
            if (userEditing.getAsBoolean() && !history.running()) {
              history.record(new FlagEdit(property, flag, was, is));
            }
            edited.run();
          });
      flags.put(flag, property);
    }
    ChangeListener<String> typed = (observable, was, is) -> edited.run();
    transcript.addListener(typed);
    segments.addListener((ListChangeListener<Segment>) change -> edited.run());
  }

  /** Fills the form from {@code label} (or empties it), with {@code text} as the transcript. */
  void fill(Optional<Label> label, String text) {
    transcript.set(text);
    for (String flag : LabelingViewModel.FLAGS) {
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
            .flatMap(l -> l.value().field(LabelingViewModel.SEGMENTS))
            .map(
                value -> value instanceof FieldValue.Segments s ? s.segments() : List.<Segment>of())
            .orElse(List.of()));
  }

  /** The label's fields as the form stands: the stripped transcript if any, flags, segments. */
  Map<String, FieldValue> fields() {
    Map<String, FieldValue> fields = new LinkedHashMap<>();
    String text = transcript.get() == null ? "" : transcript.get();
    if (!text.isBlank()) {
      fields.put(LabelingViewModel.TRANSCRIPT, new FieldValue.Text(text.strip()));
    }
    flags.forEach((name, property) -> fields.put(name, new FieldValue.Flag(property.get())));
    if (!segments.isEmpty()) {
      fields.put(LabelingViewModel.SEGMENTS, new FieldValue.Segments(List.copyOf(segments)));
    }
    return fields;
  }

  /** Adds a segment {@code start}–{@code end} seconds spoken by A, kept in time order. */
  void addSegment(double start, double end) {
    Segment segment = new Segment(rounded(start), rounded(end), SPEAKERS.get(0));
    List<Segment> after = new ArrayList<>(segments);
    int at = 0;
    while (at < after.size() && after.get(at).start() <= segment.start()) {
      at++;
    }
    after.add(at, segment);
    editSegments(after, String.format(Locale.ROOT, "add segment %.2f–%.2f", start, end));
  }

  /** Removes the segment at {@code index}. */
  void removeSegment(int index) {
    if (index >= 0 && index < segments.size()) {
      List<Segment> after = new ArrayList<>(segments);
      after.remove(index);
      editSegments(after, "remove segment " + (index + 1));
    }
  }

  /** Gives the segment at {@code index} the next speaker id (A, B, C, D, then A again). */
  void nextSpeaker(int index) {
    if (index >= 0 && index < segments.size()) {
      Segment segment = segments.get(index);
      int speaker = SPEAKERS.indexOf(segment.speaker());
      List<Segment> after = new ArrayList<>(segments);
      String next = SPEAKERS.get((speaker + 1) % SPEAKERS.size());
      after.set(index, new Segment(segment.start(), segment.end(), next));
      editSegments(after, "segment " + (index + 1) + " speaker " + next);
    }
  }

  private void editSegments(List<Segment> after, String description) {
    List<Segment> before = List.copyOf(segments);
    List<Segment> target = List.copyOf(after);
    history.push(
        new FormEdit() {
          @Override
          public void execute() {
            segments.setAll(target);
          }

          @Override
          public void undo() {
            segments.setAll(before);
          }

          @Override
          public String description() {
            return description;
          }
        });
  }

  private static double rounded(double seconds) {
    return Math.round(seconds * 100) / 100.0;
  }

  StringProperty transcriptProperty() {
    return transcript;
  }

  BooleanProperty flagProperty(String name) {
    BooleanProperty property = flags.get(name);
    if (property == null) {
      throw new IllegalArgumentException("asr-transcript has no flag " + name);
    }
    return property;
  }

  ObservableList<Segment> segmentsProperty() {
    return readOnlySegments;
  }

  /** A flag of the ASR form changed on its check box. */
  private record FlagEdit(BooleanProperty property, String flag, boolean before, boolean after)
      implements FormEdit {
    @Override
    public void execute() {
      property.set(after);
    }

    @Override
    public void undo() {
      property.set(before);
    }

    @Override
    public String description() {
      return (after ? "check " : "uncheck ") + FieldNames.inSentence(flag);
    }
  }
}
