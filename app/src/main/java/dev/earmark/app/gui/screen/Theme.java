package dev.earmark.app.gui.screen;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * The workbench's theme: AtlantaFX Primer Light or Primer Dark, applied to the whole application.
 * One instance per window, shared by its screens, which listen to {@link #darkProperty} for what
 * they paint themselves (waveform colours, charts). Used on the JavaFX thread.
 */
public final class Theme {
  private final SimpleBooleanProperty dark = new SimpleBooleanProperty(false);

  /** Starts light and applies it. */
  public Theme() {
    dark.addListener((obs, old, now) -> apply());
    apply();
  }

  /** True while the dark theme is on. */
  public ReadOnlyBooleanProperty darkProperty() {
    return dark;
  }

  public boolean isDark() {
    return dark.get();
  }

  /** Switches between light and dark. */
  public void toggle() {
    dark.set(!dark.get());
  }

  private void apply() {
    Application.setUserAgentStylesheet(
        dark.get()
            ? new PrimerDark().getUserAgentStylesheet()
            : new PrimerLight().getUserAgentStylesheet());
  }
}
