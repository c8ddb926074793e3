package dev.earmark.bench;

import dev.earmark.engine.agreement.AgreementStatistic;
import dev.earmark.engine.agreement.LabelScale;
import dev.earmark.engine.agreement.MeasurementLevel;
import dev.earmark.engine.agreement.Rating;
import dev.earmark.engine.agreement.RatingTable;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The Java side of benchmarks/scripts/agreement-vs-independent.sh: writes the P5 data as CSV (for R
 * to read) and prints Earmark's alpha per level with the median wall time of 15 runs after 10
 * warm-up runs (a quick figure next to R's; the JMH figures come from {@link AgreementBenchmark}).
 *
 * <p>Usage: {@code AgreementComparison OUT.csv ITEMS ANNOTATORS MISSING SEED LEVEL...}
 */
public final class AgreementComparison {
  private AgreementComparison() {}

  public static void main(String[] args) throws Exception {
    Path csv = Path.of(args[0]);
    int items = Integer.parseInt(args[1]);
    int annotators = Integer.parseInt(args[2]);
    double missing = Double.parseDouble(args[3]);
    long seed = Long.parseLong(args[4]);
    List<Rating> ratings = AgreementData.ratings(items, annotators, missing, seed);
    AgreementData.write(ratings, csv);
    RatingTable table = RatingTable.of(ratings, LabelScale.numeric());
    for (int i = 5; i < args.length; i++) {
      MeasurementLevel level = MeasurementLevel.valueOf(args[i].toUpperCase(Locale.ROOT));
      AgreementStatistic alpha = new AgreementStatistic.KrippendorffAlpha(level);
      double value = 0;
      for (int warm = 0; warm < 10; warm++) {
        value = alpha.compute(table).value().orElseThrow();
      }
      long[] nanos = new long[15];
      for (int run = 0; run < nanos.length; run++) {
        long start = System.nanoTime();
        value = alpha.compute(table).value().orElseThrow();
        nanos[run] = System.nanoTime() - start;
      }
      Arrays.sort(nanos);
      System.out.printf(
          Locale.ROOT,
          "earmark %s %.12f %.1f ms%n",
          args[i].toLowerCase(Locale.ROOT),
          value,
          nanos[nanos.length / 2] / 1e6);
    }
  }
}
