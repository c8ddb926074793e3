package dev.earmark.app.gui.listening;

import dev.earmark.app.gui.player.AudioPlayer;
import dev.earmark.app.gui.player.ListeningCoverage;
import dev.earmark.app.gui.player.LoopRegion;
import dev.earmark.app.gui.player.PlayerState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * Several stimuli (and an optional open reference) on one player, the way multi-stimulus tests are
 * listened to (BS.1534-3 section 5.2): any stimulus in any order, switching keeps the playback
 * position so the same passage is compared, and the whole stimulus or a selected region loops.
 * Counts what is heard of each stimulus like the waveform does (a step of at most half a second
 * between frames counts, a jump does not) and unlocks a stimulus once the required share of it has
 * been heard. JavaFX thread only; {@link #tick()} is called once per frame by the view.
 */
public final class StimulusDeck {
  /** {@link #selectedProperty()} when the open reference is playing. */
  public static final int REFERENCE = -1;

  /** {@link #selectedProperty()} before anything was chosen. */
  public static final int NONE = -2;

  /** Longest step between two frames' positions still counted as heard (not a seek). */
  private static final double MAX_HEARD_STEP = 0.5;

  private final AudioPlayer player;
  private final List<Stimulus> stimuli;
  private final Optional<Path> reference;
  private final double requiredShare;
  private final ListeningCoverage[] coverage;
  private final List<ReadOnlyDoubleWrapper> heard = new ArrayList<>();
  private final List<ReadOnlyBooleanWrapper> unlocked = new ArrayList<>();
  private final ReadOnlyIntegerWrapper selected = new ReadOnlyIntegerWrapper(NONE);
  private final ReadOnlyBooleanWrapper looping = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyObjectWrapper<Optional<LoopRegion>> region =
      new ReadOnlyObjectWrapper<>(Optional.empty());
  private final ReadOnlyDoubleWrapper position = new ReadOnlyDoubleWrapper(0);
  private double regionStart = Double.NaN;
  private double lastPosition = Double.NaN;
  private double loopedDuration;

  /**
   * @param requiredShare the share of a stimulus that must be heard before it may be rated (0 to 1;
   *     0 unlocks at once)
   */
  public StimulusDeck(
      AudioPlayer player, List<Stimulus> stimuli, Optional<Path> reference, double requiredShare) {
    this.player = player;
    this.stimuli = List.copyOf(stimuli);
    this.reference = reference;
    this.requiredShare = Math.max(0, Math.min(1, requiredShare));
    this.coverage = new ListeningCoverage[stimuli.size()];
    for (int i = 0; i < stimuli.size(); i++) {
      heard.add(new ReadOnlyDoubleWrapper(0));
      unlocked.add(new ReadOnlyBooleanWrapper(this.requiredShare == 0));
    }
  }

  public List<Stimulus> stimuli() {
    return stimuli;
  }

  public boolean hasReference() {
    return reference.isPresent();
  }

  public double requiredShare() {
    return requiredShare;
  }

  /** Share of stimulus {@code index} heard so far, 0 to 1. */
  public ReadOnlyDoubleProperty heardProperty(int index) {
    return heard.get(index).getReadOnlyProperty();
  }

  /** True once enough of stimulus {@code index} has been heard for it to be rated. */
  public ReadOnlyBooleanProperty unlockedProperty(int index) {
    return unlocked.get(index).getReadOnlyProperty();
  }

  public boolean unlocked(int index) {
    return unlocked.get(index).get();
  }

  /** The stimulus playing or last played ({@link #REFERENCE}, {@link #NONE}). */
  public ReadOnlyIntegerProperty selectedProperty() {
    return selected.getReadOnlyProperty();
  }

  /** Whether the stimulus (or the region, when one is marked) plays over and over. */
  public ReadOnlyBooleanProperty loopingProperty() {
    return looping.getReadOnlyProperty();
  }

  /** The marked region, applied to whichever stimulus plays. */
  public ReadOnlyObjectProperty<Optional<LoopRegion>> regionProperty() {
    return region.getReadOnlyProperty();
  }

  /** The playback position as of the last frame, in seconds. */
  public ReadOnlyDoubleProperty positionProperty() {
    return position.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<PlayerState> stateProperty() {
    return player.stateProperty();
  }

  public boolean playing() {
    return player.stateProperty().get() == PlayerState.PLAYING;
  }

  /**
   * Switches to stimulus {@code index} (or {@link #REFERENCE}) at the same position and keeps
   * playing if something played; starts playing when nothing did. Choosing the one already open
   * plays or pauses it.
   */
  public void play(int index) {
    if (index == REFERENCE ? reference.isEmpty() : index < 0 || index >= stimuli.size()) {
      return;
    }
    if (index == selected.get()) {
      player.togglePlay();
      return;
    }
    double at = selected.get() == NONE ? 0 : player.position();
    selected.set(index);
    loopedDuration = 0;
    player.load(index == REFERENCE ? reference.get() : stimuli.get(index).audio());
    applyLoop();
    player.seek(at);
    // playback starts where the seek put it: the first frame's step counts from there
    lastPosition = player.position();
    player.play();
  }

  /** Plays or pauses what is open; opens the first stimulus when nothing is. */
  public void togglePlay() {
    if (selected.get() == NONE) {
      play(0);
    } else {
      player.togglePlay();
    }
  }

  /** Moves playback to {@code seconds} (a jump: not counted as heard). */
  public void seek(double seconds) {
    player.seek(seconds);
    lastPosition = player.position();
    position.set(lastPosition);
  }

  /** Loops the whole stimulus, or the marked region, on and off. */
  public void toggleLoop() {
    looping.set(!looping.get());
    applyLoop();
  }

  /**
   * Marks the region to loop: the first call marks its start at the playback position, the second
   * its end (and turns looping on); a third starts a new region.
   */
  public void markRegion() {
    double at = player.position();
    if (Double.isNaN(regionStart) || region.get().isPresent()) {
      regionStart = at;
      region.set(Optional.empty());
    } else if (at > regionStart) {
      region.set(Optional.of(new LoopRegion(regionStart, at)));
      regionStart = Double.NaN;
      looping.set(true);
    } else if (at < regionStart) {
      region.set(Optional.of(new LoopRegion(at, regionStart)));
      regionStart = Double.NaN;
      looping.set(true);
    }
    applyLoop();
  }

  /** Forgets the region; looping, if on, goes back to the whole stimulus. */
  public void clearRegion() {
    regionStart = Double.NaN;
    region.set(Optional.empty());
    applyLoop();
  }

  /** True while a region's start is marked and its end is not. */
  public boolean markingRegion() {
    return !Double.isNaN(regionStart);
  }

  /** Reads the player's position and counts the stretch since the last frame as heard. */
  public void tick() {
    int index = selected.get();
    if (index == NONE) {
      return;
    }
    double now = player.position();
    position.set(now);
    double duration = player.duration();
    if (duration > 0 && looping.get() && region.get().isEmpty() && loopedDuration != duration) {
      applyLoop();
    }
    if (index >= 0 && duration > 0) {
      if (coverage[index] == null) {
        coverage[index] = new ListeningCoverage(duration);
      }
      double step = now - lastPosition;
      if (step > 0 && step <= MAX_HEARD_STEP * Math.max(1, player.rateProperty().get())) {
        coverage[index].heard(lastPosition, now);
        double share = Math.max(heard.get(index).get(), coverage[index].heardFraction());
        heard.get(index).set(share);
        if (share + 1e-9 >= requiredShare) {
          unlocked.get(index).set(true);
        }
      }
    }
    lastPosition = now;
  }

  /**
   * Counts {@code share} of stimulus {@code index} as heard in an earlier sitting (a draft scored
   * it, so it was unlocked then); what is heard now adds to it only once it exceeds it.
   */
  public void heardBefore(int index, double share) {
    if (share > heard.get(index).get()) {
      heard.get(index).set(Math.min(1, share));
    }
    if (heard.get(index).get() + 1e-9 >= requiredShare) {
      unlocked.get(index).set(true);
    }
  }

  /** Stops playback; the deck can be dropped after. */
  public void stop() {
    player.pause();
  }

  private void applyLoop() {
    if (!looping.get()) {
      player.setLoop(Optional.empty());
      return;
    }
    if (region.get().isPresent()) {
      player.setLoop(region.get());
      return;
    }
    double duration = player.duration();
    loopedDuration = duration;
    player.setLoop(duration > 0 ? Optional.of(new LoopRegion(0, duration)) : Optional.empty());
  }
}
