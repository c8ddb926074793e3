package dev.earmark.bench;

import dev.earmark.app.gui.waveform.Viewport;
import dev.earmark.app.gui.waveform.WaveformColumns;
import dev.earmark.audio.decode.AudioDecoder;
import dev.earmark.audio.decode.AudioSource;
import dev.earmark.audio.peaks.PeakCache;
import dev.earmark.audio.peaks.PeakPyramid;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * P2, the data side of the waveform view of a 1-hour clip (PRODUCT.md §7: first paint ≤ 1 s,
 * repaint on zoom or scroll ≤ 16 ms). The clip is a generated 1-hour 16 kHz mono 16-bit WAV (115
 * MB: syllable-like tone bursts over low noise).
 *
 * <ul>
 *   <li>{@code Open.*}: what stands between "open" and the first paint — reading the peak pyramid
 *       (from the on-disk {@link PeakCache}, or building it by decoding the whole file) plus the
 *       pixel columns of the fitted view. Single shot, milliseconds.
 *   <li>{@code Repaint.*}: the per-repaint data work of {@code WaveformView}: move the {@link
 *       Viewport} (a scroll step or a zoom step) and query the peaks at pixel resolution into
 *       {@link WaveformColumns}, 1600 px wide, at several zoom levels. Microseconds.
 * </ul>
 *
 * The canvas drawing itself needs a JavaFX toolkit and is measured separately by {@code
 * WaveformP2Measurement} in the app module (see docs/BENCHMARKS.md).
 */
public class WaveformBenchmark {
  static final int RATE = 16_000;
  static final long FRAMES = 3600L * RATE;
  static final int WIDTH = 1600;

  /** The generated hour-long clip, shared by both benchmark groups. */
  @State(Scope.Benchmark)
  public static class Clip {
    Path dir;
    Path wav;
    PeakCache cache;
    PeakPyramid pyramid;

    /**
     * Writes the clip once into {@code java.io.tmpdir/earmark-p2} and reuses it in later forks and
     * runs (delete that directory to reclaim its 115 MB). The peak cache is rebuilt per trial.
     */
    @Setup(Level.Trial)
    public void write() throws IOException {
      dir = Path.of(System.getProperty("java.io.tmpdir"), "earmark-p2");
      Files.createDirectories(dir);
      wav = dir.resolve("hour.wav");
      if (!Files.isRegularFile(wav) || Files.size(wav) != 44 + FRAMES * 2) {
        writeHour(dir.resolve("hour.wav.part"));
        Files.move(dir.resolve("hour.wav.part"), wav, StandardCopyOption.REPLACE_EXISTING);
      }
      Path peaks = dir.resolve("peaks");
      if (Files.isDirectory(peaks)) {
        try (Stream<Path> files = Files.walk(peaks)) {
          files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
      cache = new PeakCache(peaks);
      pyramid = cache.loadOrBuild(wav);
    }
  }

  static void writeHour(Path file) throws IOException {
    long dataBytes = FRAMES * 2;
    Random noise = new Random(42);
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
      ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
      header.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt((int) (36 + dataBytes));
      header.put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16);
      header.putShort((short) 1).putShort((short) 1).putInt(RATE);
      header.putInt(RATE * 2).putShort((short) 2).putShort((short) 16);
      header.put("data".getBytes(StandardCharsets.US_ASCII)).putInt((int) dataBytes);
      out.write(header.array());
      ByteBuffer block = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
      for (long f = 0; f < FRAMES; f++) {
        double t = f / (double) RATE;
        double syllable = t % 0.7;
        double envelope = syllable < 0.45 ? Math.sin(Math.PI * syllable / 0.45) : 0;
        double loud = 0.3 + 0.6 * (0.5 + 0.5 * Math.sin(2 * Math.PI * t / 97));
        double v = loud * envelope * Math.sin(2 * Math.PI * 180 * t) + 0.01 * noise.nextGaussian();
        block.putShort((short) Math.max(-32768, Math.min(32767, Math.round(v * 32767))));
        if (!block.hasRemaining()) {
          out.write(block.array());
          block.clear();
        }
      }
      out.write(block.array(), 0, block.position());
    }
  }

  /** Reading peaks and computing the first screen's columns. */
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Fork(1)
  @Warmup(iterations = 2)
  @Measurement(iterations = 5)
  public static class Open {
    @Benchmark
    public WaveformColumns firstPaintFromCache(Clip clip) {
      PeakPyramid pyramid = clip.cache.load(clip.wav).orElseThrow();
      return fitted(pyramid);
    }

    @Benchmark
    public WaveformColumns firstPaintFromScratch(Clip clip) {
      PeakPyramid pyramid;
      try (AudioSource source = AudioDecoder.open(clip.wav)) {
        pyramid = PeakPyramid.build(source);
      }
      return fitted(pyramid);
    }

    private static WaveformColumns fitted(PeakPyramid pyramid) {
      WaveformColumns columns = new WaveformColumns();
      columns.fromPeaks(pyramid, 0, Viewport.fit(pyramid.frames(), RATE, WIDTH));
      return columns;
    }
  }

  /** One repaint's data work after a scroll or zoom step. */
  @State(Scope.Thread)
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @Fork(1)
  @Warmup(iterations = 3, time = 1)
  @Measurement(iterations = 5, time = 1)
  public static class Repaint {
    /** Seconds visible across the width ("3600" is the fitted whole hour). */
    @Param({"3600", "60", "10", "1"})
    double visibleSeconds;

    Viewport view;
    WaveformColumns columns = new WaveformColumns();
    int direction = 1;

    @Setup(Level.Trial)
    public void place(Clip clip) {
      double fpp = visibleSeconds * RATE / WIDTH;
      view = new Viewport(FRAMES, RATE, WIDTH, FRAMES / 2.0, fpp);
    }

    @Benchmark
    public WaveformColumns scrollStep(Clip clip) {
      direction = -direction; // back and forth by 40 px, as a wheel notch or a drag does
      view = view.scrollBy(40 * direction);
      columns.fromPeaks(clip.pyramid, 0, view);
      return columns;
    }

    @Benchmark
    public WaveformColumns zoomStep(Clip clip) {
      direction = -direction; // in and out around the middle, as Ctrl+= / Ctrl+- do
      Viewport zoomed = view.zoom(direction > 0 ? 2 : 0.5, WIDTH / 2.0);
      columns.fromPeaks(clip.pyramid, 0, zoomed);
      return columns;
    }
  }
}
