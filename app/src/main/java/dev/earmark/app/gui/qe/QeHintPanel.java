package dev.earmark.app.gui.qe;

import dev.earmark.app.gui.background.BackgroundExecutor;
import dev.earmark.app.gui.background.FailureSentence;
import java.util.Optional;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * A small reusable node for a clip's QE hint: the predicted WER and the review flag on one line,
 * then the calibration and the top features in muted text; "No QE hint for this clip." when there
 * is none. {@link #show} reads the hint in the background; a later {@code show} wins over an
 * earlier one still loading. Used on the JavaFX thread.
 */
public final class QeHintPanel extends VBox {
  private final QeHintReader reader;
  private final BackgroundExecutor executor;
  private final Label prediction = new Label();
  private final Label flag = new Label();
  private final Label calibration = new Label();
  private final Label features = new Label();
  private final Tooltip tooltip = new Tooltip("");
  private long showing = -1;

  public QeHintPanel(QeHintReader reader, BackgroundExecutor executor) {
    super(2);
    this.reader = reader;
    this.executor = executor;
    setId("qeHint");
    getStyleClass().add("qe-hint");
    prediction.setId("qePrediction");
    prediction.getStyleClass().add("text-bold");
    flag.setId("qeFlag");
    calibration.setId("qeCalibration");
    calibration.getStyleClass().addAll("text-muted", "text-small");
    features.setId("qeFeatures");
    features.getStyleClass().addAll("text-muted", "text-small");
    getChildren().addAll(new HBox(8, prediction, flag), calibration, features);
    Tooltip.install(this, tooltip);
    display(Optional.empty(), "");
  }

  /** Shows the hint of {@code clipId} once read. */
  public void show(long clipId) {
    showing = clipId;
    display(Optional.empty(), "QE hint loading…");
    executor.inBackground(
        "read the QE hint of clip " + clipId,
        () -> reader.read(clipId),
        hint -> {
          if (showing == clipId) {
            display(hint, "No QE hint for this clip.");
          }
        },
        error -> {
          if (showing == clipId) {
            display(Optional.empty(), "QE hint unavailable: " + FailureSentence.reason(error));
          }
        });
  }

  /** Shows nothing (no clip). */
  public void clear() {
    showing = -1;
    display(Optional.empty(), "");
  }

  /** The hint shown, for tests: the prediction line, or the empty-state sentence. */
  public String text() {
    return prediction.getText();
  }

  private void display(Optional<QeHintSummary> hint, String empty) {
    flag.getStyleClass().removeAll("danger", "success");
    if (hint.isEmpty()) {
      prediction.setText(empty);
      prediction.getStyleClass().remove("text-bold");
      prediction.getStyleClass().add("text-muted");
      flag.setText("");
      calibration.setText("");
      features.setText("");
      calibration.setManaged(false);
      features.setManaged(false);
      return;
    }
    QeHintSummary summary = hint.get();
    prediction.getStyleClass().remove("text-muted");
    if (!prediction.getStyleClass().contains("text-bold")) {
      prediction.getStyleClass().add("text-bold");
    }
    prediction.setText("QE: " + summary.predictionLine());
    flag.setText(summary.reviewRecommended() ? "⚑ " + summary.flagLine() : summary.flagLine());
    flag.getStyleClass().add(summary.reviewRecommended() ? "danger" : "success");
    calibration.setText(summary.calibrationLine());
    features.setText("top features: " + summary.featuresLine());
    calibration.setManaged(true);
    features.setManaged(true);
    tooltip.setText(
        "Quality estimate from audio features alone (model "
            + summary.modelId()
            + "); a hint, not a label.");
  }
}
