package dev.earmark.app.gui.listening;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One clip a rater compares with others, as the screen may know it: the letter it is shown under
 * (A, B, C… in the rater's recorded order) and its audio. Deliberately without the system, the
 * stimulus role or the clip's name: nothing the screen could leak to the rater.
 *
 * @param key the stored stimulus it stands for, opaque to the screen (the submit's key)
 * @param letter the label the rater sees
 * @param audio the file to play
 */
public record Stimulus(String key, String letter, Path audio) {
  public Stimulus {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(letter, "letter");
    Objects.requireNonNull(audio, "audio");
  }

  /** A, B, … Z, then AA, AB… for the {@code index}-th stimulus (from 0). */
  public static String letter(int index) {
    String letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    return index < letters.length()
        ? String.valueOf(letters.charAt(index))
        : letter(index / letters.length() - 1) + letters.charAt(index % letters.length());
  }
}
