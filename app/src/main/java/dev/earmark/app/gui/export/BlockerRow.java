package dev.earmark.app.gui.export;

import dev.earmark.engine.release.ReleaseBlocker;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One release blocker in the wizard's table: storage's code and sentence, what it means, and the
 * lead's override with its written reason. Used on the JavaFX thread.
 */
public final class BlockerRow {
  private final String code;
  private final String found;
  private final String meaning;
  private final BooleanProperty overridden = new SimpleBooleanProperty(false);
  private final StringProperty reason = new SimpleStringProperty("");

  BlockerRow(ReleaseBlocker blocker) {
    this.code = blocker.code();
    this.found = blocker.reason();
    this.meaning = BlockerHelp.meaning(blocker.code());
  }

  /** The blocker's stable code, e.g. {@code unresolved-disputes}. */
  public String code() {
    return code;
  }

  /** Storage's sentence naming what is wrong and where. */
  public String found() {
    return found;
  }

  /** What the blocker guards against and how to fix it instead of overriding. */
  public String meaning() {
    return meaning;
  }

  public BooleanProperty overriddenProperty() {
    return overridden;
  }

  public StringProperty reasonProperty() {
    return reason;
  }
}
