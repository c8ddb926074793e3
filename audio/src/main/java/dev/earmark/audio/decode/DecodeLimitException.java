package dev.earmark.audio.decode;

import dev.earmark.audio.AudioException;
import java.nio.file.Path;

/**
 * A decoder exceeded the work bound every decode runs under (see {@link BoundedInputStream}): it
 * kept reading at the end of the file or re-read far more bytes than the file holds. Third-party
 * decoders loop like that on some damaged streams (jflac searches for a frame sync at the end of a
 * file forever); the bound turns the endless loop into this exception, which validation reports as
 * a damaged file.
 */
public final class DecodeLimitException extends AudioException {
  private static final long serialVersionUID = 1L;

  private final String what;

  DecodeLimitException(Path file, String what) {
    super(file + ": " + what);
    this.what = what;
  }

  /** What exceeded the bound, without the file name. */
  public String what() {
    return what;
  }
}
