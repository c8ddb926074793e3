package dev.earmark.app.gui.adjudication;

import dev.earmark.app.gui.form.FieldNames;
import dev.earmark.engine.rubric.FieldValue;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The field-by-field comparison of a dispute's labels (ratings, stage labels) with the final value
 * the adjudicator picks per field; shown only for disputes that have field comparisons. Part of
 * {@link AdjudicationView}, bound to its {@link AdjudicationViewModel}. Used on the JavaFX thread.
 */
final class ComparisonPane {
  private ComparisonPane() {}

  /** The pane, bound to {@code model}. */
  static VBox of(AdjudicationViewModel model) {
    GridPane grid = new GridPane();
    grid.setId("fieldComparison");
    grid.setHgap(12);
    grid.setVgap(4);
    Map<String, ComboBox<FieldChoice>> finals = new HashMap<>();
    Map<String, Label> fixedFinals = new HashMap<>();
    boolean[] updating = {false};
    Runnable showFinals =
        () -> {
          updating[0] = true;
          try {
            finals.forEach(
                (field, box) -> {
                  var value = model.fieldValue(field);
                  box.setValue(
                      box.getItems().stream()
                          .filter(
                              choice -> choice != null && value.equals(Optional.of(choice.value())))
                          .findFirst()
                          .orElse(null));
                  box.getStyleClass().remove("edited");
                  if (model.edits().containsKey(field)) {
                    box.getStyleClass().add("edited");
                  }
                });
            fixedFinals.forEach(
                (field, label) ->
                    label.setText(
                        model.fieldValue(field).map(AdjudicationViewModel::shown).orElse("—")));
          } finally {
            updating[0] = false;
          }
        };
    Runnable fill =
        () -> {
          grid.getChildren().clear();
          finals.clear();
          fixedFinals.clear();
          var current = model.currentProperty().get();
          if (current == null) {
            return;
          }
          boolean editable = !current.isTranscript();
          int column = 1;
          int row1 = 1;
          for (DisputeCase.AnnotatorLabel label : current.labels()) {
            Label name = new Label(row1++ + " · " + label.annotatorId());
            name.getStyleClass().add("text-bold");
            name.setMinWidth(Region.USE_PREF_SIZE);
            grid.add(name, column++, 0);
          }
          int finalColumn = column;
          if (editable) {
            Label head = new Label("final (edit)");
            head.getStyleClass().add("text-bold");
            head.setMinWidth(Region.USE_PREF_SIZE);
            grid.add(head, column++, 0);
          }
          grid.add(new Label("rubric anchors"), column, 0);
          int row = 1;
          for (FieldComparison field : model.comparisons()) {
            Label name = new Label(FieldNames.display(field.field()));
            name.setTooltip(new Tooltip(field.definition()));
            name.getStyleClass().add(field.agrees() ? "text-muted" : "text-bold");
            name.setMinWidth(Region.USE_PREF_SIZE);
            grid.add(name, 0, row);
            int c = 1;
            for (String value : field.values().values()) {
              Label shown = new Label(value);
              shown.setMinWidth(Region.USE_PREF_SIZE);
              if (!field.agrees()) {
                shown.getStyleClass().add("accent");
              }
              grid.add(shown, c++, row);
            }
            if (editable) {
              List<FieldChoice> choices = model.choices(field.field());
              if (choices.isEmpty()) {
                Label fixed = new Label();
                fixed.setTooltip(new Tooltip("kept from the picked annotator's label"));
                fixedFinals.put(field.field(), fixed);
                grid.add(fixed, finalColumn, row);
              } else {
                ComboBox<FieldChoice> box = new ComboBox<>();
                box.setId("final-" + field.field());
                // The closed box shows the value; the open list shows each value's anchor.
                box.setPrefWidth(180);
                box.setMinWidth(Region.USE_PREF_SIZE);
                box.setMaxWidth(Region.USE_PREF_SIZE);
                box.getItems().add(null); // leave the field empty
                box.getItems().addAll(choices);
                box.setConverter(
                    new StringConverter<>() {
                      @Override
                      public String toString(FieldChoice choice) {
                        return choice == null ? "—" : choice.shown();
                      }

                      @Override
                      public FieldChoice fromString(String text) {
                        return null;
                      }
                    });
                box.setCellFactory(
                    view ->
                        new ListCell<>() {
                          @Override
                          protected void updateItem(FieldChoice choice, boolean empty) {
                            super.updateItem(choice, empty);
                            setText(
                                empty ? null : choice == null ? "— (leave empty)" : choice.line());
                          }
                        });
                box.setTooltip(
                    new Tooltip(FieldNames.display(field.field()) + ": change the final value"));
                box.valueProperty()
                    .addListener(
                        (obs, old, now) -> {
                          if (updating[0]) {
                            return;
                          }
                          if (now == null) {
                            model.clearField(field.field());
                          } else {
                            model.setField(field.field(), now.value());
                          }
                        });
                finals.put(field.field(), box);
                grid.add(box, finalColumn, row);
              }
              c++;
            }
            // Beside the values: the anchors of the values given; the whole scale on hover and in
            // the final column's choices, so a tall rubric does not push the decision off screen.
            List<String> given =
                field.anchors().stream()
                    .filter(
                        line -> {
                          int dash = line.indexOf(" — ");
                          return dash > 0 && field.values().containsValue(line.substring(0, dash));
                        })
                    .toList();
            Label anchors = new Label(String.join("\n", given));
            if (!field.anchors().isEmpty()) {
              anchors.setTooltip(new Tooltip(String.join("\n", field.anchors())));
            }
            anchors.getStyleClass().addAll("text-muted", "text-small");
            anchors.setWrapText(true);
            grid.add(anchors, c, row);
            row++;
          }
          showFinals.run();
        };
    model
        .comparisons()
        .addListener((javafx.collections.ListChangeListener<FieldComparison>) c -> fill.run());
    model
        .edits()
        .addListener(
            (javafx.collections.MapChangeListener<String, Optional<FieldValue>>)
                c -> showFinals.run());
    model.pickedProperty().addListener((obs, old, now) -> showFinals.run());
    Label title = new Label("Fields side by side with the rubric");
    title.getStyleClass().add("text-muted");
    Label problems = new Label();
    problems.setId("finalProblems");
    problems.getStyleClass().add("danger");
    problems.setWrapText(true);
    Runnable showProblems =
        () -> {
          var current = model.currentProperty().get();
          List<String> list =
              current == null || current.isTranscript() ? List.of() : model.problems();
          problems.setText(
              list.isEmpty() ? "" : "Not yet a valid final label: " + String.join("; ", list));
        };
    model
        .edits()
        .addListener(
            (javafx.collections.MapChangeListener<String, Optional<FieldValue>>)
                c -> showProblems.run());
    model.pickedProperty().addListener((obs, old, now) -> showProblems.run());
    model.currentProperty().addListener((obs, old, now) -> showProblems.run());
    problems.visibleProperty().bind(problems.textProperty().isNotEmpty());
    problems.managedProperty().bind(problems.visibleProperty());
    VBox pane = new VBox(4, title, grid, problems);
    pane.visibleProperty().bind(Bindings.isNotEmpty(model.comparisons()));
    pane.managedProperty().bind(pane.visibleProperty());
    return pane;
  }
}
