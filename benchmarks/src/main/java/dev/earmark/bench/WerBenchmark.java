package dev.earmark.bench;

import dev.earmark.engine.score.Aligner;
import dev.earmark.engine.score.Alignment;
import dev.earmark.engine.score.ErrorCounts;
import dev.earmark.engine.score.Scorer;
import dev.earmark.engine.score.Tokenizer;
import dev.earmark.engine.score.UtteranceScore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * P4 — WER scoring of 15-word utterances on one core (one JMH thread), without normalization. Every
 * benchmark scores all {@value #PAIRS} pairs of {@link WerPairs} (seed 42) per invocation and
 * reports pairs per second:
 *
 * <ul>
 *   <li>{@code countsOnly}: {@link Aligner#count} on token lists (what WER needs);
 *   <li>{@code fullAlignment}: {@link Aligner#align}, building the op records the UI renders;
 *   <li>{@code rawTextCounts}: whitespace tokenizing of the raw strings plus {@code count}, the
 *       {@code --normalization none} path end to end;
 *   <li>{@code scorerWithCer}: {@link Scorer#score}, which adds the character-level CER.
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class WerBenchmark {
  static final int PAIRS = 10_000;

  private final List<List<String>> referenceTokens = new ArrayList<>();
  private final List<List<String>> hypothesisTokens = new ArrayList<>();
  private final List<String> referenceTexts = new ArrayList<>();
  private final List<String> hypothesisTexts = new ArrayList<>();
  private Aligner aligner;
  private Scorer scorer;

  @Setup
  public void generatePairs() {
    WerPairs pairs = WerPairs.generate(PAIRS, 42);
    for (int index = 0; index < pairs.size(); index++) {
      referenceTexts.add(pairs.reference(index));
      hypothesisTexts.add(pairs.hypothesis(index));
      referenceTokens.add(Tokenizer.WHITESPACE.tokens(pairs.reference(index)));
      hypothesisTokens.add(Tokenizer.WHITESPACE.tokens(pairs.hypothesis(index)));
    }
    aligner = new Aligner();
    scorer = Scorer.withoutNormalization();
  }

  @Benchmark
  @OperationsPerInvocation(PAIRS)
  public long countsOnly() {
    long errors = 0;
    for (int index = 0; index < PAIRS; index++) {
      ErrorCounts counts = aligner.count(referenceTokens.get(index), hypothesisTokens.get(index));
      errors += counts.errors();
    }
    return errors;
  }

  @Benchmark
  @OperationsPerInvocation(PAIRS)
  public void fullAlignment(Blackhole blackhole) {
    for (int index = 0; index < PAIRS; index++) {
      Alignment alignment = aligner.align(referenceTokens.get(index), hypothesisTokens.get(index));
      blackhole.consume(alignment);
    }
  }

  @Benchmark
  @OperationsPerInvocation(PAIRS)
  public long rawTextCounts() {
    long errors = 0;
    for (int index = 0; index < PAIRS; index++) {
      ErrorCounts counts =
          aligner.count(
              Tokenizer.WHITESPACE.tokens(referenceTexts.get(index)),
              Tokenizer.WHITESPACE.tokens(hypothesisTexts.get(index)));
      errors += counts.errors();
    }
    return errors;
  }

  @Benchmark
  @OperationsPerInvocation(PAIRS)
  public void scorerWithCer(Blackhole blackhole) {
    for (int index = 0; index < PAIRS; index++) {
      UtteranceScore score =
          scorer.score("u", "", referenceTexts.get(index), hypothesisTexts.get(index));
      blackhole.consume(score);
    }
  }
}
