package dev.earmark.audio.peaks;

import dev.earmark.audio.AudioException;
import dev.earmark.audio.decode.AudioDecoder;
import dev.earmark.audio.decode.AudioSource;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Keeps peak pyramids on disk in a caller-supplied directory (the project's cache), so reopening a
 * clip reads a few hundred KB instead of decoding it. One file per audio file, named by a hash of
 * its absolute path; the header carries the audio file's size and modification time, so an edited
 * or replaced file is never served stale peaks. A damaged or foreign cache file is ignored and
 * rebuilt. Thread-safe: writes go to a temporary file that is atomically moved into place.
 *
 * <p>Format (big-endian): magic {@code EMPK}, int version (1), long source size, long source mtime
 * (ms), int sample rate, int channels, long frames, int level count; per level: int samples per
 * peak, int length; then per level, per channel: {@code length} mins then {@code length} maxs as
 * int16.
 */
public final class PeakCache {
  /** Version of the on-disk layout; files of another version are rebuilt. */
  public static final int VERSION = 1;

  private static final byte[] MAGIC = "EMPK".getBytes(StandardCharsets.US_ASCII);
  private static final int MAX_LEVELS = 32;

  private final Path directory;

  public PeakCache(Path directory) {
    this.directory = directory;
  }

  /** The cache file for {@code audioFile}. */
  public Path cacheFile(Path audioFile) {
    return directory.resolve(hash(audioFile.toAbsolutePath().normalize().toString()) + ".peaks");
  }

  /**
   * The cached pyramid of {@code audioFile}, or a freshly built default one (which is then stored).
   *
   * @throws dev.earmark.audio.decode.InvalidAudioException if the file is not valid audio
   */
  public PeakPyramid loadOrBuild(Path audioFile) {
    Optional<PeakPyramid> cached = load(audioFile);
    if (cached.isPresent()) {
      return cached.get();
    }
    Key key = key(audioFile);
    PeakPyramid pyramid;
    try (AudioSource source = AudioDecoder.open(audioFile)) {
      pyramid = PeakPyramid.build(source);
    }
    store(audioFile, key, pyramid);
    return pyramid;
  }

  /** The cached pyramid if a current, intact one exists. */
  public Optional<PeakPyramid> load(Path audioFile) {
    Path file = cacheFile(audioFile);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size < 48 || size > Integer.MAX_VALUE) {
        return Optional.empty();
      }
      ByteBuffer buffer = ByteBuffer.allocate((int) size).order(ByteOrder.BIG_ENDIAN);
      while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
        // keep reading
      }
      buffer.flip();
      return decode(buffer, key(audioFile));
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // unreadable or damaged cache: rebuild
    }
  }

  private static Optional<PeakPyramid> decode(ByteBuffer in, Key key) {
    byte[] magic = new byte[4];
    in.get(magic);
    if (!java.util.Arrays.equals(magic, MAGIC) || in.getInt() != VERSION) {
      return Optional.empty();
    }
    if (in.getLong() != key.size() || in.getLong() != key.mtimeMillis()) {
      return Optional.empty();
    }
    int sampleRate = in.getInt();
    int channels = in.getInt();
    long frames = in.getLong();
    int levelCount = in.getInt();
    if (channels < 1 || channels > 256 || levelCount < 1 || levelCount > MAX_LEVELS || frames < 0) {
      return Optional.empty();
    }
    int[] spp = new int[levelCount];
    int[] length = new int[levelCount];
    long needed = 0;
    for (int l = 0; l < levelCount; l++) {
      spp[l] = in.getInt();
      length[l] = in.getInt();
      if (spp[l] < 1 || length[l] < 0 || length[l] != (frames + spp[l] - 1) / spp[l]) {
        return Optional.empty();
      }
      needed += 4L * channels * length[l];
    }
    if (needed != in.remaining()) {
      return Optional.empty();
    }
    List<PeakLevel> levels = new ArrayList<>();
    for (int l = 0; l < levelCount; l++) {
      short[][] min = new short[channels][length[l]];
      short[][] max = new short[channels][length[l]];
      for (int c = 0; c < channels; c++) {
        in.asShortBuffer().get(min[c]);
        in.position(in.position() + 2 * length[l]);
        in.asShortBuffer().get(max[c]);
        in.position(in.position() + 2 * length[l]);
      }
      levels.add(new PeakLevel(spp[l], min, max));
    }
    return Optional.of(new PeakPyramid(sampleRate, frames, levels));
  }

  private void store(Path audioFile, Key key, PeakPyramid pyramid) {
    Path target = cacheFile(audioFile);
    try {
      Files.createDirectories(directory);
      Path temp = Files.createTempFile(directory, "peaks", ".tmp");
      try (OutputStream raw = Files.newOutputStream(temp);
          DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 16))) {
        out.write(MAGIC);
        out.writeInt(VERSION);
        out.writeLong(key.size());
        out.writeLong(key.mtimeMillis());
        out.writeInt(pyramid.sampleRate());
        out.writeInt(pyramid.channels());
        out.writeLong(pyramid.frames());
        out.writeInt(pyramid.levels().size());
        for (PeakLevel level : pyramid.levels()) {
          out.writeInt(level.samplesPerPeak());
          out.writeInt(level.length());
        }
        for (PeakLevel level : pyramid.levels()) {
          for (int c = 0; c < level.channels(); c++) {
            writeShorts(out, level.mins(c));
            writeShorts(out, level.maxs(c));
          }
        }
      }
      try {
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new AudioException(
          "the peak cache " + target + " could not be written: " + e.getMessage(), e);
    }
  }

  private static void writeShorts(DataOutputStream out, short[] values) throws IOException {
    ByteBuffer bytes = ByteBuffer.allocate(values.length * 2).order(ByteOrder.BIG_ENDIAN);
    bytes.asShortBuffer().put(values);
    out.write(bytes.array());
  }

  private record Key(long size, long mtimeMillis) {}

  private static Key key(Path audioFile) {
    try {
      return new Key(Files.size(audioFile), Files.getLastModifiedTime(audioFile).toMillis());
    } catch (IOException e) {
      return new Key(-1, -1);
    }
  }

  private static String hash(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
