package dev.earmark.bench;

import dev.earmark.engine.normalize.Normalizer;
import dev.earmark.engine.normalize.RuleSets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * P4, normalization half: {@code Normalizer.tokens()} under en-asr@1 on realistic 15-word
 * utterances (references and ASR-style hypotheses: mixed case, punctuation, fillers, contractions,
 * numbers, British spellings), one thread. One WER pair normalizes two utterances, so the P4 target
 * of 50k normalized pairs/s needs at least 100k {@code tokens()} calls/s here, on top of the
 * alignment cost. The figure to read is {@code tokens} in µs per call; {@code tokensTrace} shows
 * the cost of the full {@code normalize()} with trace and token map, for comparison.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
@Threads(1)
public class NormalizeBenchmark {
  /** Sixteen 15-word utterances, cycled so the branch predictor cannot learn one sentence. */
  static final List<String> UTTERANCES =
      List.of(
          "Uh, I'm going to the 21st floor at 10:00 AM to meet the new team.",
          "um i am going to the twenty first floor at ten am to meet the new team",
          "The colour of the centre stage changed twice during the show last night, didn't it?",
          "the color of the center stage changed twice during the show last night did not it",
          "It costs $3.50 for a coffee and fifty cents more if you want milk.",
          "it costs three dollars fifty cents for a coffee and 50 cents more if you want milk",
          "In nineteen ninety nine we moved to London with one hundred and five boxes, honestly.",
          "in 1999 we moved to london with 105 boxes honestly uh yeah I think so",
          "She's been working there since 2015 and she's really good at her job, okay?",
          "she has been working there since twenty fifteen and she is really good at her job ok",
          "Hello, World! This is a test of the emergency broadcast system, please stay calm.",
          "hello world this is a test of the emergency broadcast system please stay calm now",
          "We'll meet at half past ten on the second floor near the big grey door.",
          "we will meet at 10:30 on the 2nd floor near the big gray door uh okay",
          "About 50% of the people said they'd come back for the third time next year.",
          "about fifty percent of the people said they would come back for the 3rd time next year");

  private Normalizer normalizer;
  private int next;

  @Setup
  public void compile() {
    normalizer = RuleSets.enAsr1().compile();
  }

  private String nextUtterance() {
    next = (next + 1) & 15;
    return UTTERANCES.get(next);
  }

  /** The fast path scoring uses: tokens only, no trace. */
  @Benchmark
  public List<String> tokens() {
    return normalizer.tokens(nextUtterance());
  }

  /** The full result with token map and trace, as the UI asks for it. */
  @Benchmark
  public Object tokensTrace() {
    return normalizer.normalize(nextUtterance());
  }
}
