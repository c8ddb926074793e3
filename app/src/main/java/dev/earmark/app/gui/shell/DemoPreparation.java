package dev.earmark.app.gui.shell;

import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.VBox;

/**
 * What the window shows while the demo project is built on its first run: the step under way and a
 * progress bar, so that the tens of seconds it takes are visibly spent. Updated on the JavaFX
 * thread; the build itself runs in the background.
 */
final class DemoPreparation extends VBox {
  private final ProgressBar bar = new ProgressBar(ProgressBar.INDETERMINATE_PROGRESS);
  private final Label step = new Label("Starting…");

  DemoPreparation() {
    super(6);
    bar.setId("demoProgress");
    bar.setPrefWidth(420);
    step.setId("demoStep");
    step.getStyleClass().add("text-muted");
    getChildren().addAll(bar, step);
  }

  /** Step {@code number} of {@code of} (1-based), described by {@code what}, has started. */
  void report(int number, int of, String what) {
    bar.setProgress((number - 1) / (double) of);
    step.setText("Step " + number + " of " + of + ": " + what + "…");
  }

  double progress() {
    return bar.getProgress();
  }

  String stepText() {
    return step.getText();
  }
}
