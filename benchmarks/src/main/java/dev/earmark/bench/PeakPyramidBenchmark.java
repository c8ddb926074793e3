package dev.earmark.bench;

import dev.earmark.audio.decode.AudioDecoder;
import dev.earmark.audio.decode.AudioSource;
import dev.earmark.audio.peaks.PeakPyramid;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * P1: peak pyramid of a 1-hour WAV (target: 16 kHz mono 16-bit in at most 0.5 s). In the same run
 * it times the two yardsticks of issue 5: the raw read speed of the file (a plain buffered read of
 * every byte) and {@code sox FILE -n stat}, which also reads every sample. The WAV files are
 * generated into a temporary directory at setup (deterministic noise bursts) and deleted after. All
 * three read a file already in the page cache, so the comparison is CPU cost, not disk speed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@Warmup(iterations = 2)
@Measurement(iterations = 5)
public class PeakPyramidBenchmark {
  /** {@code rate:channels}: the two files of issue 5. */
  @Param({"16000:1", "44100:2"})
  public String layout;

  private Path directory;
  private Path wav;

  @Setup(Level.Trial)
  public void writeOneHourWav() throws IOException {
    String[] parts = layout.split(":");
    int rate = Integer.parseInt(parts[0]);
    int channels = Integer.parseInt(parts[1]);
    directory = Files.createTempDirectory("earmark-p1");
    wav = directory.resolve("hour-" + rate + "-" + channels + ".wav");
    writeWav(wav, rate, channels, 3600L * rate);
  }

  @TearDown(Level.Trial)
  public void deleteWav() throws IOException {
    Files.deleteIfExists(wav);
    Files.deleteIfExists(directory);
  }

  /** Our pyramid: every sample decoded, six levels, all channels. */
  @Benchmark
  public PeakPyramid peakPyramid() {
    try (AudioSource source = AudioDecoder.open(wav)) {
      return PeakPyramid.build(source);
    }
  }

  /** Yardstick: reading every byte with a 1 MiB buffer and no decoding. */
  @Benchmark
  public long rawRead() throws IOException {
    byte[] buffer = new byte[1 << 20];
    long sum = 0;
    try (InputStream in = Files.newInputStream(wav)) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        sum += n + buffer[0];
      }
    }
    return sum;
  }

  /** Yardstick: {@code sox FILE -n stat} (decodes every sample, computes min/max/RMS...). */
  @Benchmark
  public int soxStat() throws IOException, InterruptedException {
    Process sox =
        new ProcessBuilder("sox", wav.toString(), "-n", "stat")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    int code = sox.waitFor();
    if (code != 0) {
      throw new IllegalStateException("sox exited with " + code + " (is sox installed?)");
    }
    return code;
  }

  /** Deterministic speech-like bursts over low noise, written in 1 MiB chunks. */
  static void writeWav(Path file, int rate, int channels, long frames) throws IOException {
    long dataBytes = frames * channels * 2;
    ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
    header.put("RIFF".getBytes()).putInt((int) (36 + dataBytes)).put("WAVEfmt ".getBytes());
    header.putInt(16).putShort((short) 1).putShort((short) channels).putInt(rate);
    header.putInt(rate * channels * 2).putShort((short) (channels * 2)).putShort((short) 16);
    header.put("data".getBytes()).putInt((int) dataBytes);
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
      out.write(header.array());
      ByteBuffer chunk = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
      long seed = 42;
      for (long i = 0; i < frames; i++) {
        double envelope = ((i / (rate / 4)) % 3 == 0) ? 0.02 : 0.6;
        for (int c = 0; c < channels; c++) {
          seed = seed * 6364136223846793005L + 1442695040888963407L;
          double noise = ((seed >>> 33) / (double) (1L << 31)) - 1;
          chunk.putShort((short) (noise * envelope * 32767));
          if (!chunk.hasRemaining()) {
            out.write(chunk.array(), 0, chunk.position());
            chunk.clear();
          }
        }
      }
      out.write(chunk.array(), 0, chunk.position());
    }
  }
}
