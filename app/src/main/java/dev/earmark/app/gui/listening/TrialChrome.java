package dev.earmark.app.gui.listening;

import dev.earmark.app.gui.labeling.SaveState;
import dev.earmark.app.gui.player.LoopRegion;
import java.util.Locale;
import java.util.Optional;
import javafx.animation.AnimationTimer;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The parts the MUSHRA and A/B views share: the frame clock that counts listening, the loop and
 * region controls, the submit button and the status line, and a stimulus's "heard" bar.
 */
final class TrialChrome {
  private TrialChrome() {}

  /** The trial's heading (design, position, training) over its prompt. */
  static VBox header(Label heading, Label prompt) {
    heading.setId("trialHeading");
    heading.getStyleClass().add("text-muted");
    prompt.setId("prompt");
    prompt.getStyleClass().add("title-3");
    prompt.setWrapText(true);
    return new VBox(4, heading, prompt);
  }

  /** Calls the open deck's {@link StimulusDeck#tick()} every frame while the view lives. */
  static AnimationTimer frameClock(TrialModel model) {
    AnimationTimer timer =
        new AnimationTimer() {
          @Override
          public void handle(long now) {
            StimulusDeck deck = model.deck();
            if (deck != null) {
              deck.tick();
            }
          }
        };
    timer.start();
    return timer;
  }

  /** Loop on/off, region mark/clear with its times, the playback position. */
  static HBox playbackBar(TrialModel model) {
    ToggleButton loop = new ToggleButton("Loop ⟲ (L)");
    loop.setId("loopButton");
    loop.setFocusTraversable(false);
    loop.setOnAction(event -> model.perform(ListeningActions.LOOP));
    Button mark = new Button("Mark region (M)");
    mark.setId("markRegion");
    mark.setFocusTraversable(false);
    mark.setOnAction(event -> model.perform(ListeningActions.MARK_REGION));
    Button clear = new Button("Clear region");
    clear.setId("clearRegion");
    clear.setFocusTraversable(false);
    clear.setOnAction(event -> model.perform(ListeningActions.CLEAR_REGION));
    Label region = new Label();
    region.setId("regionLabel");
    Label position = new Label();
    position.setId("positionLabel");
    model
        .deckProperty()
        .addListener(
            (obs, was, deck) -> {
              loop.selectedProperty().unbind();
              region.textProperty().unbind();
              position.textProperty().unbind();
              if (deck != null) {
                loop.selectedProperty().bind(deck.loopingProperty());
                region
                    .textProperty()
                    .bind(
                        Bindings.createStringBinding(
                            () -> describe(deck.regionProperty().get(), deck.markingRegion()),
                            deck.regionProperty(),
                            deck.positionProperty()));
                position
                    .textProperty()
                    .bind(
                        Bindings.createStringBinding(
                            () ->
                                String.format(Locale.ROOT, "%.1f s", deck.positionProperty().get()),
                            deck.positionProperty()));
              } else {
                loop.setSelected(false);
                region.setText("");
                position.setText("");
              }
            });
    HBox bar = new HBox(10, loop, mark, clear, region, spacer(), position);
    bar.setAlignment(Pos.CENTER_LEFT);
    return bar;
  }

  private static String describe(Optional<LoopRegion> region, boolean marking) {
    if (region.isPresent()) {
      return String.format(
          Locale.ROOT,
          "region %.2f–%.2f s",
          region.get().startSeconds(),
          region.get().endSeconds());
    }
    return marking ? "region start marked; press M again at its end" : "whole stimulus";
  }

  /** Submit button, status line and save state. */
  static HBox statusBar(TrialModel model) {
    Label status = new Label();
    status.setId("status");
    status.textProperty().bind(model.statusProperty());
    status.setWrapText(true);
    Label saved = new Label();
    saved.setId("saveState");
    saved
        .textProperty()
        .bind(
            Bindings.createStringBinding(
                () -> words(model.saveStateProperty().get()), model.saveStateProperty()));
    Button submit = new Button("Submit  (Ctrl+Enter)");
    submit.setId("submit");
    submit.getStyleClass().add("accent");
    submit.setFocusTraversable(false);
    submit.setOnAction(event -> model.submit());
    submit.disableProperty().bind(model.deckProperty().isNull());
    HBox bar = new HBox(12, status, spacer(), saved, submit);
    bar.setAlignment(Pos.CENTER_LEFT);
    bar.setPadding(new Insets(6, 0, 0, 0));
    return bar;
  }

  private static String words(SaveState state) {
    return switch (state) {
      case IDLE -> "";
      case UNSAVED -> "unsaved";
      case SAVING -> "saving…";
      case SAVED -> "✓ saved";
      case ERROR -> "not saved";
    };
  }

  /** A thin bar of the share heard, with the lock sentence as its tooltip. */
  static ProgressBar heardBar(StimulusDeck deck, int index) {
    ProgressBar heard = new ProgressBar();
    heard.setId("heard-" + deck.stimuli().get(index).letter());
    heard.progressProperty().bind(deck.heardProperty(index));
    heard.setMaxWidth(Double.MAX_VALUE);
    heard.setPrefHeight(6);
    return heard;
  }

  static Region spacer() {
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    return spacer;
  }
}
