package dev.earmark.app.gui.proposals;

import dev.earmark.app.gui.background.BackgroundExecutor;
import dev.earmark.app.gui.background.FailureSentence;
import dev.earmark.storage.adjudicate.PolicyProposal.ProposalStatus;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The proposals list the lead works through: the proposals in the chosen state, the selected one,
 * the lead's note, accept / reject, and marking an accepted one done. Storage work runs through the
 * background executor. No JavaFX nodes; not thread-safe.
 */
public final class ProposalsViewModel {
  private final ProposalsService service;
  private final BackgroundExecutor executor;
  private final ObservableList<ProposalRow> rows = FXCollections.observableArrayList();
  private final ObjectProperty<ProposalStatus> status =
      new SimpleObjectProperty<>(ProposalStatus.OPEN);
  private final ObjectProperty<ProposalRow> selected = new SimpleObjectProperty<>();
  private final StringProperty leadNote = new SimpleStringProperty("");
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper loaded = new ReadOnlyBooleanWrapper(false);

  public ProposalsViewModel(ProposalsService service, BackgroundExecutor executor) {
    this.service = service;
    this.executor = executor;
    status.addListener((obs, old, now) -> load());
  }

  /** Reads the proposals in the chosen state. */
  public void load() {
    ProposalStatus wanted = status.get();
    executor.inBackground(
        "read the policy proposals",
        () -> service.proposals(wanted),
        list -> {
          if (wanted != status.get()) {
            return;
          }
          rows.setAll(list);
          selected.set(list.isEmpty() ? null : list.get(0));
          loaded.set(true);
        },
        this::fail);
  }

  /** Accepts the selected open proposal with the lead's note. */
  public void accept() {
    close(true);
  }

  /** Rejects (declines) the selected open proposal with the lead's note. */
  public void reject() {
    close(false);
  }

  private void close(boolean accepted) {
    ProposalRow row = selected.get();
    if (row == null || status.get() != ProposalStatus.OPEN) {
      message.set("Select an open proposal first.");
      return;
    }
    String note = leadNote.get().strip();
    executor.inBackground(
        (accepted ? "accept" : "reject") + " proposal " + row.id(),
        () -> {
          service.close(row.id(), accepted, note);
          return null;
        },
        done -> {
          message.set(
              (accepted ? "Accepted" : "Rejected")
                  + " the "
                  + row.reason()
                  + " proposal about "
                  + row.clipKey()
                  + ".");
          leadNote.set("");
          load();
        },
        this::fail);
  }

  /**
   * Marks the selected accepted proposal done with the lead's note: the rubric or rule change it
   * asked for is made.
   */
  public void markDone() {
    ProposalRow row = selected.get();
    if (row == null || status.get() != ProposalStatus.ACCEPTED) {
      message.set("Select an accepted proposal first; only those are marked done.");
      return;
    }
    String note = leadNote.get().strip();
    executor.inBackground(
        "mark proposal " + row.id() + " done",
        () -> {
          service.markDone(row.id(), note);
          return null;
        },
        done -> {
          message.set("Marked the " + row.reason() + " proposal about " + row.clipKey() + " done.");
          leadNote.set("");
          load();
        },
        this::fail);
  }

  private void fail(Throwable error) {
    message.set(FailureSentence.reason(error));
  }

  public ObservableList<ProposalRow> rows() {
    return rows;
  }

  public ObjectProperty<ProposalStatus> statusProperty() {
    return status;
  }

  public ObjectProperty<ProposalRow> selectedProperty() {
    return selected;
  }

  public StringProperty leadNoteProperty() {
    return leadNote;
  }

  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty loadedProperty() {
    return loaded.getReadOnlyProperty();
  }
}
