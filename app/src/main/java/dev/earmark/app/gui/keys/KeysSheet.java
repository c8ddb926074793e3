package dev.earmark.app.gui.keys;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;

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
    Set<String> listed = new HashSet<>();
    for (Map.Entry<String, String> action : descriptions.entrySet()) {
      // A key bound to two actions acts for the first one only (Keymap#actionFor), so it is
      // listed there and nowhere else.
      String keys =
          keymap.combinations(action.getKey()).stream()
              .map(combination -> combination.getDisplayText())
              .filter(listed::add)
              .collect(Collectors.joining("  or  "));
      if (keys.isEmpty()) {
        continue;
      }
      Label key = new Label(keys);
      key.getStyleClass().add("text-bold");
      key.setMinWidth(Region.USE_PREF_SIZE);
      grid.addRow(row++, key, words(action.getValue()));
    }
    grid.addRow(
        row,
        new Label(""),
        words(
            "Inside a text field only chords act; bare keys type. Remap keys in keys.properties"
                + " (docs/keys.md)."));
    ColumnConstraints keysColumn = new ColumnConstraints();
    keysColumn.setMinWidth(Region.USE_PREF_SIZE);
    ColumnConstraints wordsColumn = new ColumnConstraints();
    wordsColumn.setMaxWidth(WORDS_WIDTH);
    wordsColumn.setPrefWidth(WORDS_WIDTH);
    grid.getColumnConstraints().setAll(keysColumn, wordsColumn);
    return grid;
  }

  /** The widest the words column grows; longer descriptions wrap instead of being cut off. */
  private static final double WORDS_WIDTH = 460;

  private static Label words(String text) {
    Label words = new Label(text);
    words.setWrapText(true);
    words.setMaxWidth(WORDS_WIDTH);
    words.setMinHeight(Region.USE_PREF_SIZE);
    return words;
  }
}
