package dev.earmark.storage.listening;

import dev.earmark.engine.rubric.TaskType;
import dev.earmark.engine.version.VersionedId;
import java.util.List;

/**
 * One rater's listening-test session as the lead sees it: its items in the order shown, each with
 * its kind (an ordinary trial, a gold clip, a trapping question, or a training trial), and the seed
 * that shuffled them and each trial's stimuli. Raters read {@link RaterTrial}s instead, which name
 * neither kinds nor systems. Immutable.
 */
public record TtsSession(
    long id,
    String annotatorId,
    TaskType taskType,
    VersionedId rubric,
    long seed,
    boolean training,
    List<Item> items) {
  public TtsSession {
    items = List.copyOf(items);
  }

  /** What an item of a session is there for. */
  public enum Kind {
    TRIAL("trial"),
    GOLD("gold"),
    TRAP("trap"),
    TRAINING("training");

    private final String code;

    Kind(String code) {
      this.code = code;
    }

    /** The stored form. */
    public String code() {
      return code;
    }

    static Kind of(String code) {
      for (Kind kind : values()) {
        if (kind.code.equals(code)) {
          return kind;
        }
      }
      throw new IllegalStateException("unknown session item kind " + code);
    }
  }

  /** One item: its position from 1, its assignment and the trial's key clip. */
  public record Item(
      int position, long assignmentId, long keyClipId, String keyClipKey, Kind kind) {}
}
