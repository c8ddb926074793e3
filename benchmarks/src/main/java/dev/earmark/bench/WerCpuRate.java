package dev.earmark.bench;

import dev.earmark.engine.score.Aligner;
import dev.earmark.engine.score.Scorer;
import dev.earmark.engine.score.Tokenizer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.IntSupplier;

/**
 * A companion to {@link WerBenchmark} for loaded machines: the same four workloads on the same
 * pairs, timed by the scoring thread's own CPU time ({@link ThreadMXBean}) instead of wall-clock
 * time, so other processes competing for the cores do not count against us. JIT and GC threads are
 * not charged, so the figure is an upper bound of one core's rate; JMH on a quiet machine is the
 * authority. Prints the median of {@code ROUNDS} rounds, each scoring all pairs {@code REPEATS}
 * times:
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar:benchmarks/target/lib/* dev.earmark.bench.WerCpuRate
 * </pre>
 */
public final class WerCpuRate {
  private static final int PAIRS = 10_000;
  private static final int REPEATS = 20;
  private static final int ROUNDS = 7;

  private WerCpuRate() {}

  public static void main(String[] args) {
    WerPairs pairs = WerPairs.generate(PAIRS, 42);
    List<List<String>> references = new ArrayList<>();
    List<List<String>> hypotheses = new ArrayList<>();
    for (int index = 0; index < PAIRS; index++) {
      references.add(Tokenizer.WHITESPACE.tokens(pairs.reference(index)));
      hypotheses.add(Tokenizer.WHITESPACE.tokens(pairs.hypothesis(index)));
    }
    Aligner aligner = new Aligner();
    Scorer scorer = Scorer.withoutNormalization();
    measure(
        "countsOnly",
        () -> {
          long errors = 0;
          for (int index = 0; index < PAIRS; index++) {
            errors += aligner.count(references.get(index), hypotheses.get(index)).errors();
          }
          return (int) errors;
        });
    measure(
        "fullAlignment",
        () -> {
          int ops = 0;
          for (int index = 0; index < PAIRS; index++) {
            ops += aligner.align(references.get(index), hypotheses.get(index)).ops().size();
          }
          return ops;
        });
    measure(
        "rawTextCounts",
        () -> {
          long errors = 0;
          for (int index = 0; index < PAIRS; index++) {
            errors +=
                aligner
                    .count(
                        Tokenizer.WHITESPACE.tokens(pairs.reference(index)),
                        Tokenizer.WHITESPACE.tokens(pairs.hypothesis(index)))
                    .errors();
          }
          return (int) errors;
        });
    measure(
        "scorerWithCer",
        () -> {
          long errors = 0;
          for (int index = 0; index < PAIRS; index++) {
            errors +=
                scorer
                    .score("u", "", pairs.reference(index), pairs.hypothesis(index))
                    .characters()
                    .errors();
          }
          return (int) errors;
        });
  }

  private static void measure(String name, IntSupplier allPairs) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    int sink = 0;
    for (int warmup = 0; warmup < REPEATS; warmup++) {
      sink += allPairs.getAsInt();
    }
    double[] rates = new double[ROUNDS];
    for (int round = 0; round < ROUNDS; round++) {
      long start = threads.getCurrentThreadCpuTime();
      for (int repeat = 0; repeat < REPEATS; repeat++) {
        sink += allPairs.getAsInt();
      }
      long nanos = threads.getCurrentThreadCpuTime() - start;
      rates[round] = (double) PAIRS * REPEATS / (nanos / 1e9);
    }
    Arrays.sort(rates);
    System.out.printf(
        Locale.ROOT,
        "%-14s %,10.0f pairs per CPU-second (median of %d; min %,.0f, max %,.0f)  [%d]%n",
        name,
        rates[ROUNDS / 2],
        ROUNDS,
        rates[0],
        rates[ROUNDS - 1],
        sink & 1);
  }
}
