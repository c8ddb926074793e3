package dev.earmark.app.gui;

import java.util.Map;
import java.util.stream.Collectors;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;

/**
 * A screen's keys as a two-column table (keys, what they do), read from the live keymap so remaps
 * show at once; actions without a key are left out. Shared by screens outside the labeling package,
 * whose own cheat sheet is private to it. Build on the JavaFX thread.
 */
public final class KeysSheet {
  private KeysSheet() {}

  /**
   * The table for {@code keymap}, one row per entry of {@code descriptions} (action id to words),
   * in its order.
   */
  public static GridPane table(Keymap keymap, Map<String, String> descriptions) {
    GridPane grid = new GridPane();
    grid.setId("keysSheet");
    grid.setHgap(24);
    grid.setVgap(4);
    grid.setPadding(new Insets(8));
    int row = 0;
    for (Map.Entry<String, String> action : descriptions.entrySet()) {
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
