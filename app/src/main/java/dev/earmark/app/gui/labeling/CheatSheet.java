package dev.earmark.app.gui.labeling;

import dev.earmark.app.gui.Keymap;
import java.util.Map;
import java.util.stream.Collectors;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;

/** The keys of the labeling screen as a two-column table, read from the live keymap. */
final class CheatSheet {
  private CheatSheet() {}

  static GridPane table(Keymap keymap) {
    GridPane grid = new GridPane();
    grid.setId("cheatSheet");
    grid.setHgap(24);
    grid.setVgap(4);
    grid.setPadding(new Insets(8));
    int row = 0;
    for (Map.Entry<String, String> action : LabelingActions.descriptions().entrySet()) {
      String keys =
          keymap.combinations(action.getKey()).stream()
              .map(combination -> combination.getDisplayText())
              .collect(Collectors.joining("  or  "));
      if (keys.isEmpty()) {
        continue;
      }
      Label key = new Label(keys);
      key.getStyleClass().add("text-bold");
      grid.addRow(row++, key, new Label(action.getValue()));
    }
    grid.addRow(
        row,
        new Label(""),
        new Label(
            "Inside a text field only chords act; bare keys type. Remap keys in keys.properties"
                + " (docs/keys.md)."));
    return grid;
  }
}
