package dev.earmark.storage.importer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes small real PCM WAV files for import tests. */
public final class TestAudio {
  private TestAudio() {}

  /** A 16-bit mono sine tone. */
  public static Path tone(Path file, int sampleRate, double seconds, double hertz)
      throws IOException {
    int frames = (int) Math.round(sampleRate * seconds);
    ByteBuffer buffer = ByteBuffer.allocate(44 + frames * 2).order(ByteOrder.LITTLE_ENDIAN);
    buffer.put("RIFF".getBytes()).putInt(36 + frames * 2).put("WAVE".getBytes());
    buffer.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1);
    buffer.putInt(sampleRate).putInt(sampleRate * 2).putShort((short) 2).putShort((short) 16);
    buffer.put("data".getBytes()).putInt(frames * 2);
    for (int i = 0; i < frames; i++) {
      buffer.putShort((short) (8000 * Math.sin(2 * Math.PI * hertz * i / sampleRate)));
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    return Files.write(file, buffer.array());
  }
}
