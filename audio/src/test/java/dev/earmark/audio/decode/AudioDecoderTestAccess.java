package dev.earmark.audio.decode;

import java.nio.file.Path;

/** Lets tests in other packages find the sox-made files of make-test-audio.sh. */
public final class AudioDecoderTestAccess {
  private AudioDecoderTestAccess() {}

  public static Path resource(String name) {
    return AudioDecoderTest.resource(name);
  }
}
