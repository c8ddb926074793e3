package dev.earmark.app.gui.waveform;

import dev.earmark.app.gui.player.AudioPlayer;
import dev.earmark.app.gui.player.PlayerState;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * The row of playback controls under the waveform: spectrogram toggle, back / play / forward, loop,
 * speed and zoom, and the playhead time. Each button only calls a {@link WaveformViewModel}
 * command; tooltips name the key of each action.
 */
public final class TransportBar extends HBox {

  public TransportBar(WaveformViewModel model) {
    super(6);
    setAlignment(Pos.CENTER_LEFT);
    setPadding(new Insets(6, 8, 6, 8));
    getStyleClass().add("transport-bar");
    AudioPlayer player = model.player();

    ToggleButton spectrogram = new ToggleButton("Spectrogram");
    spectrogram.setId("spectrogramToggle");
    spectrogram.setSelected(model.spectrogramVisibleProperty().get());
    model
        .spectrogramVisibleProperty()
        .addListener((obs, old, visible) -> spectrogram.setSelected(visible));
    spectrogram.setOnAction(
        event -> {
          if (spectrogram.isSelected() != model.spectrogramVisibleProperty().get()) {
            model.toggleSpectrogram();
          }
        });

    Button back = button("« 5 s", "back 5 s (Ctrl+Shift+←)", () -> model.seekBy(-5));
    Button play = button("Play", "play / pause (Esc or Ctrl+Space)", model::togglePlay);
    play.setId("playButton");
    play.textProperty()
        .bind(
            Bindings.when(player.stateProperty().isEqualTo(PlayerState.PLAYING))
                .then("Pause")
                .otherwise("Play"));
    play.disableProperty()
        .bind(
            player
                .stateProperty()
                .isEqualTo(PlayerState.UNAVAILABLE)
                .or(player.stateProperty().isEqualTo(PlayerState.EMPTY)));
    Button forward = button("5 s »", "forward 5 s (Ctrl+Shift+→)", () -> model.seekBy(5));

    ToggleButton loop = new ToggleButton("Loop ⟲");
    loop.setId("loopToggle");
    loop.setTooltip(new Tooltip("loop the selection (Ctrl+L)"));
    loop.disableProperty()
        .bind(
            Bindings.createBooleanBinding(
                () ->
                    model.selectionProperty().get().isEmpty()
                        && player.loopProperty().get().isEmpty(),
                model.selectionProperty(),
                player.loopProperty()));
    player.loopProperty().addListener((obs, old, region) -> loop.setSelected(region.isPresent()));
    loop.setOnAction(
        event -> {
          if (loop.isSelected() != player.loopProperty().get().isPresent()) {
            model.toggleLoopSelection();
          }
          loop.setSelected(player.loopProperty().get().isPresent());
        });

    Button slower = button("−", "slower (Ctrl+[)", model::speedDown);
    Label speed = new Label();
    speed.setId("speedLabel");
    speed
        .textProperty()
        .bind(
            Bindings.createStringBinding(
                () -> rate(player.rateProperty().get()), player.rateProperty()));
    Button faster = button("+", "faster (Ctrl+])", model::speedUp);

    Button zoomOut = button("−", "zoom out (Ctrl+-)", model::zoomOut);
    Button fit = button("Fit", "whole clip (Ctrl+0)", model::zoomToFit);
    Button zoomIn = button("+", "zoom in (Ctrl+=)", model::zoomIn);

    Label time = new Label();
    time.setId("timeLabel");
    time.getStyleClass().add("text-muted");
    time.textProperty()
        .bind(
            Bindings.createStringBinding(
                () -> {
                  WaveformClip clip = model.clipProperty().get();
                  double length = clip == null ? 0 : clip.info().durationSeconds();
                  return clock(model.playheadProperty().get()) + " / " + clock(length);
                },
                model.playheadProperty(),
                model.clipProperty()));

    Label status = new Label();
    status.setId("playbackStatus");
    status.getStyleClass().add("text-warning");
    status.textProperty().bind(player.messageProperty());
    status.visibleProperty().bind(player.messageProperty().isNotEmpty());
    status.managedProperty().bind(status.visibleProperty());
    status.setMinWidth(0);
    Tooltip statusTip = new Tooltip();
    statusTip.textProperty().bind(player.messageProperty());
    status.setTooltip(statusTip);

    HBox channels = new HBox(2);
    channels.setId("channelButtons");
    channels.setAlignment(Pos.CENTER_LEFT);
    model.clipProperty().addListener((obs, old, clip) -> showChannels(channels, player, clip));
    showChannels(channels, player, model.clipProperty().get());

    Region spring = new Region();
    HBox.setHgrow(spring, Priority.ALWAYS);
    getChildren()
        .addAll(
            spectrogram,
            gap(),
            back,
            play,
            forward,
            gap(),
            loop,
            gap(),
            new Label("speed"),
            slower,
            speed,
            faster,
            gap(),
            new Label("zoom"),
            zoomOut,
            fit,
            zoomIn,
            channels,
            gap(),
            status,
            spring,
            time);
  }

  /**
   * Solo (S) and mute (M) toggles per channel, only for clips with more than one channel; each
   * changes the player's channel selection.
   */
  private static void showChannels(HBox box, AudioPlayer player, WaveformClip clip) {
    box.getChildren().clear();
    if (clip == null || clip.channels() < 2) {
      return;
    }
    box.getChildren().add(gap());
    for (int c = 0; c < clip.channels(); c++) {
      int channel = c;
      String name = String.valueOf(c + 1);
      ToggleButton solo = new ToggleButton("S" + name);
      solo.setId("solo" + name);
      solo.setTooltip(new Tooltip("solo channel " + name + ": hear only the soloed channels"));
      solo.setFocusTraversable(false);
      solo.setSelected(player.channelsProperty().get().isSoloed(channel));
      solo.setOnAction(
          event ->
              player.setChannels(
                  player.channelsProperty().get().withSoloed(channel, solo.isSelected())));
      ToggleButton mute = new ToggleButton("M" + name);
      mute.setId("mute" + name);
      mute.setTooltip(new Tooltip("mute channel " + name));
      mute.setFocusTraversable(false);
      mute.setSelected(player.channelsProperty().get().isMuted(channel));
      mute.setOnAction(
          event ->
              player.setChannels(
                  player.channelsProperty().get().withMuted(channel, mute.isSelected())));
      box.getChildren().addAll(solo, mute);
    }
  }

  private static Button button(String text, String tooltip, Runnable action) {
    Button button = new Button(text);
    button.setTooltip(new Tooltip(tooltip));
    button.setFocusTraversable(false);
    button.setOnAction(event -> action.run());
    return button;
  }

  private static Region gap() {
    Region gap = new Region();
    gap.setMinWidth(10);
    return gap;
  }

  static String rate(double rate) {
    return String.format(Locale.ROOT, "%.2f×", rate).replace("0×", "×");
  }

  /** "1:02.350" */
  static String clock(double seconds) {
    long millis = Math.round(seconds * 1000);
    return String.format(
        Locale.ROOT, "%d:%02d.%03d", millis / 60_000, millis / 1000 % 60, millis % 1000);
  }
}
