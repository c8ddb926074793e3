package dev.earmark.app.gui.labeling;

import dev.earmark.app.gui.keys.Keymap;
import dev.earmark.app.gui.keys.KeysSheet;
import javafx.scene.layout.GridPane;

/** The keys of the labeling screen as a two-column table, read from the live keymap. */
final class CheatSheet {
  private CheatSheet() {}

  static GridPane table(Keymap keymap) {
    GridPane grid = KeysSheet.table(keymap, LabelingActions.descriptions());
    grid.setId("cheatSheet");
    return grid;
  }
}
