package dev.earmark.app.gui.labeling;

import dev.earmark.storage.settings.Setting;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The listening lock of the labeling screen: how much of the open clip has been heard (what was
 * stored for it, or more as it plays), and whether a TTS rating is still locked because less than
 * the clip's {@link ClipToLabel#listeningShare()} was heard. Follows the player's coverage and its
 * "cannot play here" reason on its own. Not thread-safe: use on the JavaFX thread.
 */
final class ListeningLock {
  private final ClipAudio audio;
  private final ReadOnlyObjectProperty<ClipToLabel> current;
  private final ReadOnlyDoubleWrapper heard = new ReadOnlyDoubleWrapper(0);
  private final ReadOnlyBooleanWrapper locked = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");

  /** The open clip's listened coverage as last stored (a reopened clip keeps what was heard). */
  private double heardBefore;

  ListeningLock(ClipAudio audio, ReadOnlyObjectProperty<ClipToLabel> current) {
    this.audio = audio;
    this.current = current;
    audio
        .heardProperty()
        .addListener((observable, was, is) -> update(Math.max(heardBefore, is.doubleValue())));
    audio.cannotPlayProperty().addListener((observable, was, is) -> update(heard.get()));
  }

  /** Starts over for the clip now open, which had {@code stored} of it heard before. */
  void reset(double stored) {
    heardBefore = stored;
    update(stored);
  }

  /** The share of the open clip heard, 0–1. */
  double heard() {
    return heard.get();
  }

  boolean isLocked() {
    return locked.get();
  }

  /** Why a rating is refused while locked, for the status line. */
  String refusal() {
    String why = audio.cannotPlayProperty().get();
    return why.isEmpty()
        ? "Listen first: "
            + percent(heard.get())
            + " of the clip heard, "
            + percent(current.get().listeningShare())
            + " needed before rating."
        : cannotListen(why);
  }

  /** Why a submit is refused while locked. */
  String submitRefusal() {
    return "Not submitted: listen first ("
        + percent(heard.get())
        + " of the clip heard, "
        + percent(current.get().listeningShare())
        + " needed).";
  }

  private void update(double share) {
    heard.set(share);
    ClipToLabel clip = current.get();
    boolean lock =
        clip != null && clip.form() == FormKind.TTS_RATING && share + 1e-9 < clip.listeningShare();
    locked.set(lock);
    String why = audio.cannotPlayProperty().get();
    message.set(
        !lock
            ? ""
            : why.isEmpty() ? "listen first (" + percent(share) + " heard)" : cannotListen(why));
  }

  /**
   * The lock's sentence when the clip cannot be heard here: the reason, and the way out (a lead
   * lowers the project setting; 0 turns the requirement off).
   */
  static String cannotListen(String why) {
    return "Cannot listen here: "
        + why
        + ". Rating needs "
        + "the clip heard; ask a lead to set "
        + Setting.LISTENING_SHARE.key()
        + " to 0 (no listening"
        + " requirement) or rate on a machine with sound.";
  }

  private static String percent(double share) {
    return Math.round(share * 100) + "%";
  }

  ReadOnlyDoubleProperty heardProperty() {
    return heard.getReadOnlyProperty();
  }

  ReadOnlyBooleanProperty lockedProperty() {
    return locked.getReadOnlyProperty();
  }

  ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }
}
