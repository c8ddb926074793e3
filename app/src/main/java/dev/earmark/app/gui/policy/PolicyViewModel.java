package dev.earmark.app.gui.policy;

import dev.earmark.app.gui.background.BackgroundExecutor;
import dev.earmark.app.gui.background.FailureSentence;
import dev.earmark.engine.rubric.TaskType;
import dev.earmark.engine.version.VersionedId;
import dev.earmark.storage.policy.PolicyChange;
import dev.earmark.storage.policy.PolicyUpdate;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The policy tab's state: the choices per task type, the preview of the change the lead is about to
 * make, and the history. {@link #review} computes the preview and changes nothing; only {@link
 * #apply} sets the policy, and only the previewed one. Use on the JavaFX thread (or one test thread
 * with a synchronous executor).
 */
public final class PolicyViewModel {
  private final PolicyService service;
  private final BackgroundExecutor executor;
  private final ObservableList<PolicyService.Choices> choices = FXCollections.observableArrayList();
  private final ObservableList<PolicyChange> history = FXCollections.observableArrayList();
  private final ObjectProperty<PolicyPreview> preview = new SimpleObjectProperty<>();
  private final StringProperty problem = new SimpleStringProperty("");
  private final StringProperty status = new SimpleStringProperty("");
  private final BooleanProperty busy = new SimpleBooleanProperty(false);

  public PolicyViewModel(PolicyService service, BackgroundExecutor executor) {
    this.service = service;
    this.executor = executor;
  }

  /** Reads the policies in force, the versions to pick from and the history. */
  public void load() {
    busy.set(true);
    executor.inBackground(
        "read the label policies",
        service::start,
        start -> {
          busy.set(false);
          choices.setAll(start.choices());
          history.setAll(start.history());
        },
        this::failed);
  }

  /** The choices of {@code type}, once loaded. */
  public Optional<PolicyService.Choices> choices(TaskType type) {
    return choices.stream().filter(c -> c.taskType() == type).findFirst();
  }

  /** Shows what setting {@code type}'s policy to these versions would change; changes nothing. */
  public void review(TaskType type, VersionedId rubric, VersionedId ruleSet) {
    if (type == null || rubric == null) {
      problem.set("Pick a task type and a rubric version first.");
      return;
    }
    busy.set(true);
    problem.set("");
    executor.inBackground(
        "compare the policy change",
        () -> service.preview(type, rubric, ruleSet),
        shown -> {
          busy.set(false);
          preview.set(shown);
          status.set(
              shown.unchanged()
                  ? "This is the policy in force already; applying changes nothing."
                  : "Review the change, then Apply it or Cancel.");
        },
        this::failed);
  }

  /** Drops the preview; the policy stays as it is. */
  public void cancel() {
    preview.set(null);
    status.set("Cancelled; the policy is unchanged.");
  }

  /** Applies the previewed change (leads only; audited by storage). */
  public void apply() {
    PolicyPreview shown = preview.get();
    if (shown == null) {
      return;
    }
    busy.set(true);
    problem.set("");
    executor.inBackground(
        "set the label policy",
        () -> {
          PolicyUpdate update =
              service.apply(shown.taskType(), shown.rubric(), shown.ruleSet().orElse(null));
          return new Applied(update, service.start());
        },
        applied -> {
          busy.set(false);
          preview.set(null);
          choices.setAll(applied.start().choices());
          history.setAll(applied.start().history());
          PolicyUpdate update = applied.update();
          status.set(
              update.changed()
                  ? "Applied: "
                      + shown.taskType().id()
                      + " is now "
                      + PolicyPreview.describe(update.current())
                      + "."
                  : shown.taskType().id() + " already had this policy; nothing changed.");
        },
        this::failed);
  }

  private record Applied(PolicyUpdate update, PolicyService.Start start) {}

  private void failed(Throwable failure) {
    busy.set(false);
    problem.set(FailureSentence.of(failure));
  }

  public ObservableList<PolicyService.Choices> choices() {
    return choices;
  }

  public ObservableList<PolicyChange> history() {
    return history;
  }

  public ObjectProperty<PolicyPreview> previewProperty() {
    return preview;
  }

  public StringProperty problemProperty() {
    return problem;
  }

  public StringProperty statusProperty() {
    return status;
  }

  public BooleanProperty busyProperty() {
    return busy;
  }

  /** For tests: the history as read last. */
  List<PolicyChange> historyList() {
    return List.copyOf(history);
  }
}
