package dev.earmark.app.gui.form;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * One item a form offers to tick (an annotator to assign, a format to export), by id, and whether
 * it is ticked. Shown by its id.
 */
public final class TickedChoice {
  private final String id;
  private final BooleanProperty chosen = new SimpleBooleanProperty(false);

  public TickedChoice(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  public BooleanProperty chosenProperty() {
    return chosen;
  }

  @Override
  public String toString() {
    return id;
  }
}
