package dev.earmark.app.gui.adjudication;

import dev.earmark.storage.adjudicate.DisputeStatus;
import dev.earmark.storage.adjudicate.ReasonCode;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The decision area of {@link AdjudicationView}: the final text, the reason codes, the note and the
 * decision's status, bound to the {@link AdjudicationViewModel}. Pinned under the scrolling
 * evidence. Used on the JavaFX thread.
 */
final class DecisionPane {
  private final ToggleGroup reasons = new ToggleGroup();
  private final TextField finalText = new TextField();
  private final VBox pane;

  DecisionPane(AdjudicationViewModel model) {
    finalText.setId("finalText");
    finalText.textProperty().bindBidirectional(model.finalTextProperty());
    HBox.setHgrow(finalText, Priority.ALWAYS);
    Button writeNew = new Button("Write new");
    writeNew.setId("writeNew");
    writeNew.setOnAction(
        event -> {
          model.writeNew();
          finalText.requestFocus();
        });
    Label pickedNote = new Label();
    pickedNote.getStyleClass().add("text-muted");
    pickedNote
        .textProperty()
        .bind(
            Bindings.createStringBinding(
                () ->
                    model.pickedProperty().get().isEmpty()
                        ? "(new label)"
                        : "(from " + model.pickedProperty().get() + ", editable)",
                model.pickedProperty()));
    HBox finalRow = new HBox(8, new Label("Final:"), finalText, pickedNote, writeNew);
    finalRow.setAlignment(Pos.CENTER_LEFT);
    // Ratings and stage labels are edited field by field in the comparison grid instead.
    finalText.visibleProperty().bind(model.gridProperty().isNotNull());
    finalText.managedProperty().bind(finalText.visibleProperty());

    FlowPane reasonRow = new FlowPane(12, 4);
    reasonRow.getChildren().add(new Label("Reason:"));
    for (ReasonCode code : ReasonCode.values()) {
      RadioButton radio = new RadioButton(code.code().replace('-', ' '));
      int index = code.ordinal() + 1;
      radio.setTooltip(new Tooltip("Alt+Shift+" + index));
      radio.setId("reason-" + code.code());
      radio.setUserData(code);
      radio.setToggleGroup(reasons);
      if (code.raisesPolicyProposal()) {
        radio.setTooltip(
            new Tooltip(
                "Alt+Shift+" + index + " · files a policy proposal for the lead; needs a note"));
      }
      reasonRow.getChildren().add(radio);
    }
    reasons
        .selectedToggleProperty()
        .addListener(
            (obs, old, now) -> {
              ReasonCode chosen = now == null ? null : (ReasonCode) now.getUserData();
              if (model.reasonProperty().get() != chosen) {
                model.reasonProperty().set(chosen);
              }
            });
    model
        .reasonProperty()
        .addListener(
            (obs, old, now) -> {
              if (now == null) {
                reasons.selectToggle(null);
              } else {
                reasons.getToggles().stream()
                    .filter(t -> t.getUserData() == now)
                    .findFirst()
                    .ifPresent(reasons::selectToggle);
              }
            });

    TextField note = new TextField();
    note.setId("note");
    note.setPromptText("optional; required for rubric gap and normalization gap");
    note.textProperty().bindBidirectional(model.noteProperty());
    HBox.setHgrow(note, Priority.ALWAYS);

    Button decide = new Button("Decide ⌃⏎");
    decide.setId("decide");
    decide.getStyleClass().add("accent");
    decide.setDefaultButton(false);
    decide.disableProperty().bind(model.canDecideProperty().not());
    decide.setOnAction(event -> model.decide());
    Button skip = new Button("Skip");
    skip.setId("skip");
    skip.setOnAction(event -> model.skip());
    Button escalate = new Button("Escalate to lead ⌃E");
    escalate.setId("escalate");
    escalate.disableProperty().bind(model.canDecideProperty().not());
    escalate.setOnAction(event -> model.escalate());
    Button undo = new Button("Undo");
    undo.setId("undoDecision");
    undo.setTooltip(
        new Tooltip(
            "take back the last decision or escalation (Ctrl+Z; in a text field once its own"
                + " typing is undone)"));
    undo.disableProperty().bind(model.canUndoProperty().not().or(model.busyProperty()));
    undo.setOnAction(event -> model.undo());
    Button redo = new Button("Redo");
    redo.setId("redoDecision");
    redo.disableProperty().bind(model.canRedoProperty().not().or(model.busyProperty()));
    redo.setOnAction(event -> model.redo());
    Label message = new Label();
    message.setId("adjudicationMessage");
    message.getStyleClass().add("text-muted");
    message.textProperty().bind(model.messageProperty());
    message.setWrapText(true);
    HBox noteRow = new HBox(8, new Label("Note:"), note, undo, redo, decide, skip, escalate);
    noteRow.setAlignment(Pos.CENTER_LEFT);

    Label resolved = new Label();
    resolved.getStyleClass().add("success");
    resolved
        .textProperty()
        .bind(
            Bindings.createStringBinding(
                () ->
                    model.selectedProperty().get() != null
                            && model.selectedProperty().get().status() == DisputeStatus.RESOLVED
                        ? "✓ decided — Undo takes a decision of this session back"
                        : "",
                model.selectedProperty()));
    HBox status = new HBox(12, resolved, message);
    status.setAlignment(Pos.CENTER_LEFT);
    pane = new VBox(8, finalRow, reasonRow, noteRow, status);
    pane.getStyleClass().add("decision-area");
  }

  VBox view() {
    return pane;
  }

  /** The final text field (the screen's key to edit it focuses it). */
  TextField finalText() {
    return finalText;
  }
}
