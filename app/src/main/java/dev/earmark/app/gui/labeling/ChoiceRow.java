package dev.earmark.app.gui.labeling;

import dev.earmark.engine.rubric.FieldSpec;
import dev.earmark.engine.rubric.FieldValue;
import dev.earmark.engine.rubric.Option;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.Duration;

/**
 * One row of a rating form: the field's name (its definition one hover away), one button per choice
 * (scale points 1…5 or a categorical field's options), and the description of the hovered or else
 * the selected choice. The row takes focus so that keys 1…5 pick a choice and ↑/↓ move between
 * rows; the buttons only send commands to the view-model, and {@link #show} mirrors its answer.
 */
final class ChoiceRow extends HBox {
  /** The {@code userData} key rows carry: keys act on the field of the focused row. */
  static final String FIELD = "earmark.field";

  private final FieldSpec field;
  private final LabelingViewModel model;
  private final List<ToggleButton> buttons = new ArrayList<>();
  private final List<String> descriptions = new ArrayList<>();
  private final Label description = new Label();
  private int selected = -1;
  private int hovered = -1;

  /**
   * @param showDescription whether the description is shown in the row (TTS) or only in button
   *     tooltips (RAG's narrow column)
   */
  ChoiceRow(FieldSpec field, LabelingViewModel model, boolean showDescription) {
    super(8);
    this.field = field;
    this.model = model;
    setId("row-" + field.name());
    getProperties().put(FIELD, field.name());
    setFocusTraversable(true);
    setAlignment(Pos.CENTER_LEFT);
    setPadding(new Insets(1, 6, 1, 6));
    getStyleClass().add("choice-row");
    focusedProperty()
        .addListener(
            (obs, was, is) ->
                setStyle(
                    is
                        ? "-fx-background-color: -color-accent-subtle; -fx-background-radius: 4;"
                        : ""));

    Label name = new Label(displayName(field));
    name.setMinWidth(190);
    name.setPrefWidth(190);
    name.getStyleClass().add("text-bold");
    Tooltip definition = new Tooltip(field.definition() + (field.required() ? "" : "\n(optional)"));
    definition.setWrapText(true);
    definition.setMaxWidth(460);
    definition.setShowDelay(Duration.millis(200));
    name.setTooltip(definition);
    getChildren().add(name);

    HBox choices = new HBox(2);
    choices.setAlignment(Pos.CENTER_LEFT);
    if (field instanceof FieldSpec.ScaleField scale) {
      for (int point = scale.min(); point <= scale.max(); point++) {
        addButton(
            choices, Integer.toString(point), scale.anchors().get(point), point - scale.min());
      }
    } else if (field instanceof FieldSpec.CategoricalField categorical) {
      int index = 0;
      for (Option option : categorical.options()) {
        addButton(choices, option.value(), option.definition(), index++);
      }
    } else if (field instanceof FieldSpec.FlagField) {
      addButton(choices, "yes", field.definition(), 0);
    }
    getChildren().add(choices);

    description.getStyleClass().add("text-muted");
    description.setId("description-" + field.name());
    description.setMinWidth(0);
    HBox.setHgrow(description, Priority.ALWAYS);
    if (showDescription) {
      getChildren().add(description);
    }
    setOnMouseClicked(event -> requestFocus());
  }

  private void addButton(HBox choices, String text, String meaning, int index) {
    ToggleButton button = new ToggleButton(text);
    button.setId(field.name() + "-" + text);
    button.getStyleClass().add("small");
    button.setStyle("-fx-padding: 2 9 2 9;");
    button.setMinWidth(Region.USE_PREF_SIZE);
    button.setFocusTraversable(false);
    Tooltip tip = new Tooltip(text + ": " + meaning);
    tip.setWrapText(true);
    tip.setMaxWidth(420);
    tip.setShowDelay(Duration.millis(200));
    button.setTooltip(tip);
    button.setOnAction(
        event -> {
          requestFocus();
          if (index == selected && !field.required()) {
            model.clearAnswer(field.name());
          } else {
            model.pick(field.name(), index + 1);
          }
          show(); // a refused pick must not leave the button pressed
        });
    button
        .hoverProperty()
        .addListener(
            (obs, was, is) -> {
              hovered = is ? index : (hovered == index ? -1 : hovered);
              updateDescription();
            });
    buttons.add(button);
    descriptions.add(text + " — " + meaning);
    choices.getChildren().add(button);
  }

  /** The field this row answers. */
  String fieldName() {
    return field.name();
  }

  /** Mirrors the view-model's answer for this field. */
  void show() {
    FieldValue value = model.answersProperty().get(field.name());
    selected = -1;
    if (value instanceof FieldValue.ScalePoint point
        && field instanceof FieldSpec.ScaleField scale) {
      selected = point.point() - scale.min();
    } else if (value instanceof FieldValue.Choice choice
        && field instanceof FieldSpec.CategoricalField categorical) {
      for (int i = 0; i < categorical.options().size(); i++) {
        if (categorical.options().get(i).value().equals(choice.option())) {
          selected = i;
        }
      }
    } else if (value instanceof FieldValue.Flag flag && flag.set()) {
      selected = 0;
    }
    for (int i = 0; i < buttons.size(); i++) {
      buttons.get(i).setSelected(i == selected);
    }
    updateDescription();
  }

  private void updateDescription() {
    int index = hovered >= 0 ? hovered : selected;
    description.setText(index >= 0 && index < descriptions.size() ? descriptions.get(index) : "");
  }

  /** "Speaker consistency" for {@code speaker_consistency}, "ASR entity accuracy" likewise. */
  static String displayName(FieldSpec field) {
    return dev.earmark.app.gui.form.FieldNames.display(field.name());
  }
}
