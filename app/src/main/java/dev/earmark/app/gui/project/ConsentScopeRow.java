package dev.earmark.app.gui.project;

import dev.earmark.engine.contract.Use;
import java.util.EnumSet;
import java.util.Set;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One consent scope being edited in the contract form: its id, description and allowed uses. */
public final class ConsentScopeRow {
  private final StringProperty id = new SimpleStringProperty("");
  private final StringProperty description = new SimpleStringProperty("");
  private final BooleanProperty labeling = new SimpleBooleanProperty();
  private final BooleanProperty evaluation = new SimpleBooleanProperty();
  private final BooleanProperty training = new SimpleBooleanProperty();

  /** A scope with {@code id}, {@code description} and {@code uses}. */
  public ConsentScopeRow(String id, String description, Set<Use> uses) {
    this.id.set(id);
    this.description.set(description);
    labeling.set(uses.contains(Use.LABELING));
    evaluation.set(uses.contains(Use.EVALUATION));
    training.set(uses.contains(Use.TRAINING));
  }

  public StringProperty idProperty() {
    return id;
  }

  public StringProperty descriptionProperty() {
    return description;
  }

  /** The checkbox of {@code use}. */
  public BooleanProperty allows(Use use) {
    return switch (use) {
      case LABELING -> labeling;
      case EVALUATION -> evaluation;
      case TRAINING -> training;
    };
  }

  /** The uses ticked. */
  public Set<Use> uses() {
    Set<Use> uses = EnumSet.noneOf(Use.class);
    for (Use use : Use.values()) {
      if (allows(use).get()) {
        uses.add(use);
      }
    }
    return uses;
  }
}
