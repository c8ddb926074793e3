package dev.earmark.storage.importer;

import dev.earmark.audio.decode.AudioDecoder;
import dev.earmark.audio.decode.AudioInfo;
import dev.earmark.audio.decode.AudioSource;
import dev.earmark.storage.StorageException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * Cuts the segment a manifest line names ({@code offset}, {@code duration}) out of its audio file
 * into a PCM WAV file of its own under the project's folder ({@code segments/DATASET/ID.wav}), so
 * that the clip is the segment everywhere (playback, features, export) and not the whole file.
 * Samples are copied as decoded: 16-bit PCM, or 24-bit when the source has more than 16 bits. A
 * team project (no local folder) cannot hold the cut file and refuses such a line with a reason.
 * Thread-safe: each call writes its own file.
 */
final class SegmentCutter {
  /** A segment may end this much past the audio's measured end (rounding in manifests). */
  static final double END_TOLERANCE_S = 0.02;

  private static final int BLOCK = 4096;

  private final Path projectDirectory;

  SegmentCutter(Path projectDirectory) {
    this.projectDirectory = projectDirectory;
  }

  /** The outcome of one cut. */
  sealed interface Cut {
    /** The segment was written; {@code entry} names the cut file. */
    record Written(ManifestEntry entry) implements Cut {}

    /** The segment cannot be a clip; the clip is quarantined with {@code code}. */
    record Refused(String code, String reason) implements Cut {}
  }

  /**
   * Whether a segment is the whole file (offset 0 and a duration within {@link #END_TOLERANCE_S} of
   * the audio's): NeMo manifests often write {@code "offset": 0} for whole files, which need no
   * cut.
   */
  static boolean isWholeFile(ManifestEntry.Segment segment, AudioInfo info) {
    return segment.offsetSeconds() == 0
        && Math.abs(segment.durationSeconds() - info.durationSeconds()) <= END_TOLERANCE_S;
  }

  Cut cut(String datasetId, ManifestEntry entry, AudioInfo info) {
    ManifestEntry.Segment segment = entry.segment();
    double end = segment.offsetSeconds() + segment.durationSeconds();
    if (end > info.durationSeconds() + END_TOLERANCE_S) {
      return new Cut.Refused(
          "segment-outside-audio",
          String.format(
              Locale.ROOT,
              "the segment %.3f-%.3f s ends after the audio, which lasts %.3f s",
              segment.offsetSeconds(),
              end,
              info.durationSeconds()));
    }
    if (projectDirectory == null) {
      return new Cut.Refused(
          "segment-not-cut",
          "a team project reads audio in place and cannot keep a cut segment: cut it into a file"
              + " of its own (sox IN OUT trim OFFSET DURATION) and name that file");
    }
    long first = Math.round(segment.offsetSeconds() * info.sampleRate());
    long frames =
        Math.min(Math.round(segment.durationSeconds() * info.sampleRate()), info.frames() - first);
    if (frames <= 0) {
      return new Cut.Refused("segment-outside-audio", "the segment holds no sample of the audio");
    }
    Path target =
        projectDirectory
            .resolve("segments")
            .resolve(fileName(datasetId))
            .resolve(fileName(entry.id()) + ".wav");
    try {
      write(entry.audioPath(), info, first, frames, target);
    } catch (IOException e) {
      throw new StorageException(
          "cannot write the segment " + entry.id() + " to " + target + ": " + e.getMessage(), e);
    }
    entry.payload().put("source_audio_path", entry.audioPath().toString());
    return new Cut.Written(
        new ManifestEntry(
            entry.line(),
            entry.id(),
            target,
            entry.declaredDuration(),
            entry.taskType(),
            entry.reference(),
            entry.hypothesis(),
            entry.slices(),
            entry.speakerId(),
            entry.consentScope(),
            entry.retentionUntil(),
            entry.split(),
            entry.source(),
            entry.language(),
            entry.payload(),
            entry.segment()));
  }

  private static void write(Path source, AudioInfo info, long first, long frames, Path target)
      throws IOException {
    Files.createDirectories(target.getParent());
    int channels = info.channels();
    int bytesPerSample = info.bitsPerSample() > 16 ? 3 : 2;
    long dataBytes = frames * channels * bytesPerSample;
    Path partial = Files.createTempFile(target.getParent(), ".cut-", ".wav.partial");
    try {
      try (AudioSource audio = AudioDecoder.open(source);
          OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16)) {
        out.write(header(info.sampleRate(), channels, bytesPerSample, dataBytes));
        audio.seek(first);
        float[][] block = audio.newBlock(BLOCK);
        byte[] bytes = new byte[BLOCK * channels * bytesPerSample];
        long left = frames;
        while (left > 0) {
          int read = audio.read(block);
          if (read < 0) {
            break;
          }
          int n = (int) Math.min(read, left);
          int at = 0;
          for (int frame = 0; frame < n; frame++) {
            for (int channel = 0; channel < channels; channel++) {
              float sample = Math.max(-1f, Math.min(1f, block[channel][frame]));
              int value =
                  bytesPerSample == 2
                      ? Math.round(sample * 32767f)
                      : (int) Math.round(sample * 8388607.0);
              bytes[at++] = (byte) value;
              bytes[at++] = (byte) (value >> 8);
              if (bytesPerSample == 3) {
                bytes[at++] = (byte) (value >> 16);
              }
            }
          }
          out.write(bytes, 0, at);
          left -= n;
        }
        // a source shorter than its header said: pad with silence so the header stays true
        byte[] silence = new byte[channels * bytesPerSample];
        for (; left > 0; left--) {
          out.write(silence);
        }
      }
      Files.move(
          partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(partial);
    }
  }

  private static byte[] header(int rate, int channels, int bytesPerSample, long dataBytes) {
    ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
    header.put("RIFF".getBytes(StandardCharsets.US_ASCII));
    header.putInt((int) (36 + dataBytes));
    header.put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII));
    header.putInt(16);
    header.putShort((short) 1);
    header.putShort((short) channels);
    header.putInt(rate);
    header.putInt(rate * channels * bytesPerSample);
    header.putShort((short) (channels * bytesPerSample));
    header.putShort((short) (8 * bytesPerSample));
    header.put("data".getBytes(StandardCharsets.US_ASCII));
    header.putInt((int) dataBytes);
    return header.array();
  }

  /**
   * {@code id} as a file name: ASCII letters, digits, {@code .}, {@code _}, {@code @} and {@code -}
   * stay, every other UTF-8 byte (and a leading {@code .}) becomes {@code =HH}.
   */
  static String fileName(String id) {
    StringBuilder name = new StringBuilder();
    byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length; i++) {
      int b = bytes[i] & 0xFF;
      boolean plain =
          (b >= 'a' && b <= 'z')
              || (b >= 'A' && b <= 'Z')
              || (b >= '0' && b <= '9')
              || b == '_'
              || b == '@'
              || b == '-'
              || (b == '.' && i > 0);
      if (plain) {
        name.append((char) b);
      } else {
        name.append('=').append(String.format(Locale.ROOT, "%02X", b));
      }
    }
    return name.toString();
  }
}
