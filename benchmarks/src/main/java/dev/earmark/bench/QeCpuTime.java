package dev.earmark.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * Companion to {@link QeBenchmark} for a loaded machine: the thread CPU time of {@code
 * featuresAndPrediction} (what one uncontended core spends), p50/p95 over 100 calls after 30
 * warm-up calls, next to wall time. Run: {@code java -cp
 * "benchmarks/target/benchmarks.jar:benchmarks/target/lib/*" dev.earmark.bench.QeCpuTime}.
 */
public final class QeCpuTime {
  private QeCpuTime() {}

  public static void main(String[] args) throws Exception {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (int rate : new int[] {16_000, 48_000}) {
      QeBenchmark benchmark = new QeBenchmark();
      benchmark.sampleRate = rate;
      benchmark.prepare();
      for (int i = 0; i < 30; i++) {
        benchmark.featuresAndPrediction();
      }
      int calls = 100;
      double[] cpu = new double[calls];
      double[] wall = new double[calls];
      for (int i = 0; i < calls; i++) {
        long cpuStart = threads.getCurrentThreadCpuTime();
        long wallStart = System.nanoTime();
        benchmark.featuresAndPrediction();
        cpu[i] = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e6;
        wall[i] = (System.nanoTime() - wallStart) / 1e6;
      }
      benchmark.delete();
      Arrays.sort(cpu);
      Arrays.sort(wall);
      System.out.printf(
          Locale.ROOT,
          "%d Hz, 10 s clip: thread CPU p50 %.1f ms, p95 %.1f ms | wall p50 %.1f ms, p95 %.1f ms%n",
          rate,
          cpu[calls / 2 - 1],
          cpu[calls * 95 / 100 - 1],
          wall[calls / 2 - 1],
          wall[calls * 95 / 100 - 1]);
    }
  }
}
