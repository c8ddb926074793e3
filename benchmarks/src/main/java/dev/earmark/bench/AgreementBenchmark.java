package dev.earmark.bench;

import dev.earmark.engine.agreement.AgreementResult;
import dev.earmark.engine.agreement.AgreementStatistic;
import dev.earmark.engine.agreement.ConfidenceInterval;
import dev.earmark.engine.agreement.LabelScale;
import dev.earmark.engine.agreement.MeasurementLevel;
import dev.earmark.engine.agreement.Rating;
import dev.earmark.engine.agreement.RatingTable;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * P5: Krippendorff's alpha on 100k items × 5 annotators with 10% missing (target ≤ 200 ms) and a
 * 1,000-resample bootstrap on 10k items (target ≤ 2 s), nominal and interval. Alpha is timed from a
 * coded {@link RatingTable} (per-item preparation included); coding the CSV strings into the table
 * is timed separately. The same data feeds benchmarks/scripts/agreement-vs-independent.sh.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class AgreementBenchmark {
  @Param({"NOMINAL", "INTERVAL"})
  public MeasurementLevel level;

  private List<Rating> ratings100k;
  private RatingTable table100k;
  private RatingTable table10k;
  private AgreementStatistic alpha;

  @Setup
  public void setUp() {
    ratings100k = AgreementData.ratings(100_000, 5, 0.10, 20261121L);
    table100k = RatingTable.of(ratings100k, LabelScale.numeric());
    table10k =
        RatingTable.of(AgreementData.ratings(10_000, 5, 0.10, 20261121L), LabelScale.numeric());
    alpha = new AgreementStatistic.KrippendorffAlpha(level);
  }

  /** P5 first half: alpha on 100k items × 5 annotators, 10% missing. */
  @Benchmark
  public AgreementResult alpha100kItems() {
    return alpha.compute(table100k);
  }

  /** P5 second half: 1,000 bootstrap resamples of 10k items. */
  @Benchmark
  public Optional<ConfidenceInterval> bootstrap1000On10kItems() {
    return alpha.bootstrap(table10k, 1_000, 7L);
  }

  /** Not a target: coding 450k string ratings into the table (done once per data set). */
  @Benchmark
  public RatingTable codeTable100kItems() {
    return RatingTable.of(ratings100k, LabelScale.numeric());
  }
}
