package dev.earmark.audio.decode;

import dev.earmark.audio.AudioException;
import java.nio.file.Path;

/** Thrown by {@link AudioDecoder#open} when the file fails validation; carries the reason. */
public final class InvalidAudioException extends AudioException {
  private static final long serialVersionUID = 1L;

  private final transient AudioValidation.Invalid invalid;

  public InvalidAudioException(Path file, AudioValidation.Invalid invalid) {
    super(file + ": " + invalid.message());
    this.invalid = invalid;
  }

  public AudioValidation.Invalid invalid() {
    return invalid;
  }
}
