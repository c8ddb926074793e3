package dev.earmark.audio.decode;

/**
 * Outcome of checking one audio file: {@link Valid} with what it holds, or {@link Invalid} naming
 * the exact problem in one line (import quarantines the file with that reason).
 */
public sealed interface AudioValidation permits AudioValidation.Valid, AudioValidation.Invalid {

  /** The file can be decoded from start to end. */
  record Valid(AudioInfo info) implements AudioValidation {}

  /**
   * The file cannot be used.
   *
   * @param reason the kind of problem, stable for reports and filtering
   * @param message one sentence naming the problem, e.g. "the data chunk declares 88200 bytes but
   *     the file ends after 1000"
   */
  record Invalid(InvalidReason reason, String message) implements AudioValidation {}

  default boolean isValid() {
    return this instanceof Valid;
  }
}
