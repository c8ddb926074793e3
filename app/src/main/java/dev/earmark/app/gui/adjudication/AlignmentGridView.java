package dev.earmark.app.gui.adjudication;

import dev.earmark.storage.adjudicate.AlignmentGrid;
import dev.earmark.storage.adjudicate.AlignmentGrid.Cell;
import dev.earmark.storage.adjudicate.AlignmentGrid.CellKind;
import dev.earmark.storage.adjudicate.AlignmentGrid.Row;
import dev.earmark.storage.adjudicate.AlignmentGrid.Source;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.Line;
import javafx.util.Duration;

/**
 * Draws an {@link AlignmentGrid}: one grid row per transcript (led by its name, which on annotator
 * rows is the "pick" radio), one grid column per alignment position. A cell's style class is its
 * {@link CellKind#styleClass()}; adjudication.css gives each kind its Okabe–Ito colour AND a shape
 * (box, strike-through line, underline), so colour is never the only cue. Every token has a tooltip
 * with its raw text and the normalization rules that produced it. Used on the JavaFX thread.
 */
final class AlignmentGridView extends GridPane {
  private final Consumer<String> onPick;
  private final ToggleGroup picks = new ToggleGroup();

  AlignmentGridView(Consumer<String> onPick) {
    this.onPick = onPick;
    setId("alignmentGrid");
    getStyleClass().add("alignment-grid");
    setHgap(6);
    setVgap(6);
    setPadding(new Insets(4));
  }

  /** Replaces the grid's content; {@code picked} is the annotator whose radio is on. */
  void show(AlignmentGrid grid, String picked) {
    getChildren().clear();
    picks.getToggles().clear();
    if (grid == null) {
      return;
    }
    int r = 0;
    for (Row row : grid.rows()) {
      // The pick radio leads its row, so it stays in view however long the transcripts are.
      if (row.source() == Source.ANNOTATOR) {
        RadioButton pick = new RadioButton(row.id());
        pick.setId("pick-" + row.id());
        pick.setToggleGroup(picks);
        pick.setSelected(row.id().equals(picked));
        pick.setTooltip(new Tooltip("pick " + row.id() + "'s label as the final label"));
        pick.setOnAction(event -> onPick.accept(row.id()));
        pick.getStyleClass().add(row.pivot() ? "text-bold" : "text-muted");
        add(pick, 0, r);
      } else {
        Label name = new Label("hypothesis");
        name.getStyleClass().addAll("alignment-row-name", "text-muted");
        name.setPadding(new Insets(0, 0, 0, 4));
        add(name, 0, r);
      }
      int c = 1;
      for (Cell cell : row.cells()) {
        Node node = cellNode(cell);
        node.setId("cell-" + r + "-" + (c - 1));
        add(node, c++, r);
      }
      r++;
    }
  }

  private static Node cellNode(Cell cell) {
    Label label = new Label(cell.text());
    label.getStyleClass().addAll("token", cell.kind().styleClass());
    label.setMinWidth(javafx.scene.control.Control.USE_PREF_SIZE);
    if (!cell.tooltip().isEmpty()) {
      Tooltip tooltip = new Tooltip(cell.tooltip());
      tooltip.setShowDelay(Duration.millis(250));
      label.setTooltip(tooltip);
    }
    if (cell.kind() != CellKind.DELETION) {
      return label;
    }
    // The strike-through shape of a deletion: a line across the gap, not only a colour.
    Line strike = new Line(0, 0, 22, 0);
    strike.getStyleClass().add("token-strike");
    StackPane deletion = new StackPane(label, strike);
    deletion.setAlignment(Pos.CENTER);
    deletion.getStyleClass().add("token-deletion-cell");
    return deletion;
  }
}
