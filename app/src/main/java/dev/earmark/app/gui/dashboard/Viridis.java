package dev.earmark.app.gui.dashboard;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.paint.Color;
import javafx.scene.paint.CycleMethod;
import javafx.scene.paint.LinearGradient;
import javafx.scene.paint.Stop;

/**
 * The viridis sequential colour scale (van der Walt and Smith, matplotlib): perceptually uniform,
 * readable by people with the common colour-vision deficiencies, and legible on light and dark
 * backgrounds, since it runs from dark violet to bright yellow. Nine anchors of the published
 * table, interpolated linearly. Stateless.
 */
final class Viridis {
  private static final Color[] ANCHORS = {
    Color.web("#440154"),
    Color.web("#472d7b"),
    Color.web("#3b528b"),
    Color.web("#2c728e"),
    Color.web("#21918c"),
    Color.web("#28ae80"),
    Color.web("#5ec962"),
    Color.web("#addc30"),
    Color.web("#fde725"),
  };

  private Viridis() {}

  /** The colour at {@code t} in [0, 1] (clamped): 0 dark violet, 1 yellow. */
  static Color at(double t) {
    double clamped = Double.isNaN(t) ? 0 : Math.max(0, Math.min(1, t));
    double position = clamped * (ANCHORS.length - 1);
    int below = (int) Math.floor(position);
    int above = Math.min(below + 1, ANCHORS.length - 1);
    return ANCHORS[below].interpolate(ANCHORS[above], position - below);
  }

  /** Black or white, whichever reads better on {@code background}. */
  static Color textOn(Color background) {
    double luminance =
        0.2126 * background.getRed()
            + 0.7152 * background.getGreen()
            + 0.0722 * background.getBlue();
    return luminance > 0.45 ? Color.BLACK : Color.WHITE;
  }

  /** A left-to-right gradient of the whole scale, for legends. */
  static LinearGradient gradient() {
    List<Stop> stops = new ArrayList<>();
    for (int i = 0; i < ANCHORS.length; i++) {
      stops.add(new Stop((double) i / (ANCHORS.length - 1), ANCHORS[i]));
    }
    return new LinearGradient(0, 0, 1, 0, true, CycleMethod.NO_CYCLE, stops);
  }
}
