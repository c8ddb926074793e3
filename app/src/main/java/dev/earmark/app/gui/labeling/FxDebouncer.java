package dev.earmark.app.gui.labeling;

import java.time.Duration;
import javafx.animation.PauseTransition;

/** A {@link Debouncer} on the JavaFX animation clock. Use on the JavaFX thread only. */
public final class FxDebouncer implements Debouncer {
  @Override
  public Runnable schedule(Duration delay, Runnable action) {
    PauseTransition pause = new PauseTransition(javafx.util.Duration.millis(delay.toMillis()));
    pause.setOnFinished(event -> action.run());
    pause.play();
    return pause::stop;
  }
}
