package dev.earmark.app.gui.labeling;

import dev.earmark.engine.rubric.FieldSpec;
import dev.earmark.engine.rubric.FieldValue;
import dev.earmark.engine.rubric.Rubric;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.MapChangeListener;
import javafx.collections.ObservableMap;

/**
 * The answers of a rating form (TTS or RAG) on the labeling screen, by field name, and the commands
 * that change them: rate, choose, pick, clear, set a flag, mark a prompt word. Every change is a
 * {@link FormEdit} on the clip's {@link EditHistory}. A command is refused (false) when the open
 * clip's rubric has no such field or value, or when {@code unlocked} says no (the listening lock,
 * or a submitted label; it says why itself). Not thread-safe: use on the JavaFX thread.
 */
final class RatingAnswers {
  private final ReadOnlyObjectProperty<ClipToLabel> current;
  private final ReadOnlyObjectProperty<FormKind> form;
  private final EditHistory history;
  private final BooleanSupplier unlocked;
  private final Consumer<String> note;
  private final ObservableMap<String, FieldValue> answers = FXCollections.observableHashMap();
  private final ObservableMap<String, FieldValue> readOnlyAnswers =
      FXCollections.unmodifiableObservableMap(answers);

  /**
   * @param current the open clip
   * @param form the open clip's form kind
   * @param history the open clip's edit history
   * @param unlocked whether rating is allowed now; when not, it says why in the status line
   * @param note shows a refusal's sentence in the status line
   * @param edited called after every change of an answer
   */
  RatingAnswers(
      ReadOnlyObjectProperty<ClipToLabel> current,
      ReadOnlyObjectProperty<FormKind> form,
      EditHistory history,
      BooleanSupplier unlocked,
      Consumer<String> note,
      Runnable edited) {
    this.current = current;
    this.form = form;
    this.history = history;
    this.unlocked = unlocked;
    this.note = note;
    answers.addListener((MapChangeListener<String, FieldValue>) change -> edited.run());
  }

  /** Replaces every answer with {@code stored} (opening a clip), or clears them. */
  void fill(Map<String, FieldValue> stored) {
    answers.clear();
    answers.putAll(stored);
  }

  /** The answers as they stand, in a copy. */
  Map<String, FieldValue> fields() {
    return new LinkedHashMap<>(answers);
  }

  boolean rate(String field, int point) {
    Optional<FieldSpec.ScaleField> scale = spec(field, FieldSpec.ScaleField.class);
    if (scale.isEmpty() || !unlocked.getAsBoolean()) {
      return false;
    }
    if (point < scale.get().min() || point > scale.get().max()) {
      note.accept(field + ": " + point + " is not on the scale");
      return false;
    }
    return answer(field, new FieldValue.ScalePoint(point), "rate " + field + " " + point);
  }

  boolean choose(String field, String option) {
    Optional<FieldSpec.CategoricalField> categorical =
        spec(field, FieldSpec.CategoricalField.class);
    if (categorical.isEmpty() || !unlocked.getAsBoolean()) {
      return false;
    }
    if (option == null) {
      return answer(field, null, "clear " + field);
    }
    if (categorical.get().options().stream().noneMatch(o -> o.value().equals(option))) {
      return false;
    }
    return answer(field, new FieldValue.Choice(option), field + ": " + option);
  }

  boolean pick(String field, int number) {
    Optional<FieldSpec> spec = current.get() == null ? Optional.empty() : rubric().field(field);
    if (spec.isEmpty()) {
      return false;
    }
    if (spec.get() instanceof FieldSpec.ScaleField scale) {
      return rate(field, scale.min() + number - 1);
    }
    if (spec.get() instanceof FieldSpec.FlagField) {
      return setFlag(field, !(answers.get(field) instanceof FieldValue.Flag flag && flag.set()));
    }
    if (spec.get() instanceof FieldSpec.CategoricalField categorical) {
      return number >= 1
          && number <= categorical.options().size()
          && choose(field, categorical.options().get(number - 1).value());
    }
    return false;
  }

  boolean clear(String field) {
    if (spec(field, FieldSpec.class).isEmpty() || !unlocked.getAsBoolean()) {
      return false;
    }
    return answer(field, null, "clear " + field);
  }

  boolean setFlag(String field, boolean set) {
    if (spec(field, FieldSpec.FlagField.class).isEmpty() || !unlocked.getAsBoolean()) {
      return false;
    }
    return answer(field, new FieldValue.Flag(set), (set ? "set " : "clear ") + field);
  }

  boolean toggleWordMark(int index) {
    Optional<String> field = wordMarksField();
    if (field.isEmpty() || !unlocked.getAsBoolean() || index < 0) {
      return false;
    }
    List<Integer> marks = new ArrayList<>(markedWords());
    String word = index < promptWords().size() ? " '" + promptWords().get(index) + "'" : "";
    String description;
    if (marks.contains(index)) {
      marks.remove(Integer.valueOf(index));
      description = "unmark word " + index + word;
    } else {
      marks.add(index);
      Collections.sort(marks);
      description = "mark word " + index + word;
    }
    return answer(
        field.get(), marks.isEmpty() ? null : new FieldValue.WordMarks(marks), description);
  }

  List<Integer> markedWords() {
    return wordMarksField()
        .map(answers::get)
        .filter(FieldValue.WordMarks.class::isInstance)
        .map(value -> ((FieldValue.WordMarks) value).indices())
        .orElse(List.of());
  }

  List<String> promptWords() {
    ClipToLabel clip = current.get();
    return clip != null && clip.content() instanceof ItemContent.TtsPrompt prompt
        ? prompt.words()
        : List.of();
  }

  OptionalInt rating(String field) {
    return answers.get(field) instanceof FieldValue.ScalePoint point
        ? OptionalInt.of(point.point())
        : OptionalInt.empty();
  }

  Optional<String> choice(String field) {
    return answers.get(field) instanceof FieldValue.Choice choice
        ? Optional.of(choice.option())
        : Optional.empty();
  }

  ObservableMap<String, FieldValue> answersProperty() {
    return readOnlyAnswers;
  }

  private boolean answer(String field, FieldValue value, String description) {
    FieldValue before = answers.get(field);
    if (Objects.equals(before, value)) {
      return true;
    }
    history.push(new AnswerEdit(field, before, value, description));
    return true;
  }

  private Rubric rubric() {
    return current.get().rubric();
  }

  private <T extends FieldSpec> Optional<T> spec(String field, Class<T> type) {
    if (current.get() == null || form.get() == FormKind.ASR_TRANSCRIPT) {
      return Optional.empty();
    }
    return rubric().field(field).filter(type::isInstance).map(type::cast);
  }

  private Optional<String> wordMarksField() {
    if (current.get() == null) {
      return Optional.empty();
    }
    return rubric().fields().stream()
        .filter(FieldSpec.WordMarksField.class::isInstance)
        .map(FieldSpec::name)
        .findFirst();
  }

  /** Changes one answer of a rating form. */
  private final class AnswerEdit implements FormEdit {
    private final String field;
    private final FieldValue before;
    private final FieldValue after;
    private final String description;

    AnswerEdit(String field, FieldValue before, FieldValue after, String description) {
      this.field = field;
      this.before = before;
      this.after = after;
      this.description = description;
    }

    @Override
    public void execute() {
      put(after);
    }

    @Override
    public void undo() {
      put(before);
    }

    private void put(FieldValue value) {
      if (value == null) {
        answers.remove(field);
      } else {
        answers.put(field, value);
      }
    }

    @Override
    public String description() {
      return description;
    }
  }
}
