package dev.earmark.bench;

import dev.earmark.audio.decode.AudioDecoder;
import dev.earmark.audio.decode.AudioSource;
import dev.earmark.audio.peaks.PeakPyramid;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Companion to {@link PeakPyramidBenchmark} for a loaded machine: builds the pyramid of one WAV
 * several times and prints the median wall time and the median CPU time of the building thread. CPU
 * time hardly moves when other processes compete for the cores, so it is the figure to compare with
 * {@code sox}'s user+sys time from {@code /usr/bin/time}.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar:benchmarks/target/lib/*
 * dev.earmark.bench.PeakPyramidCpuTime FILE.wav [runs]}
 */
public final class PeakPyramidCpuTime {
  private PeakPyramidCpuTime() {}

  public static void main(String[] args) {
    Path wav = Path.of(args[0]);
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 9;
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long[] wall = new long[runs];
    long[] cpu = new long[runs];
    for (int warmup = 0; warmup < 3; warmup++) {
      build(wav);
    }
    for (int i = 0; i < runs; i++) {
      long cpuStart = threads.getCurrentThreadCpuTime();
      long wallStart = System.nanoTime();
      build(wav);
      wall[i] = System.nanoTime() - wallStart;
      cpu[i] = threads.getCurrentThreadCpuTime() - cpuStart;
    }
    Arrays.sort(wall);
    Arrays.sort(cpu);
    System.out.printf(
        "peak pyramid of %s: median wall %.3f s, median CPU %.3f s (%d runs after 3 warm-ups)%n",
        wav.getFileName(), wall[runs / 2] / 1e9, cpu[runs / 2] / 1e9, runs);
  }

  private static PeakPyramid build(Path wav) {
    try (AudioSource source = AudioDecoder.open(wav)) {
      return PeakPyramid.build(source);
    }
  }
}
