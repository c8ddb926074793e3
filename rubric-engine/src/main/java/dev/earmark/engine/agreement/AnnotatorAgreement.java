package dev.earmark.engine.agreement;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * How each annotator agrees with each other annotator and with the rest, at one level of
 * measurement. Immutable and thread-safe.
 *
 * <p>A pair's agreement is Krippendorff's alpha and percent agreement on the two annotators'
 * columns alone (items both rated). An annotator's agreement with the rest is alpha with the
 * observed disagreement taken over every rating pair that involves the annotator (their label
 * against each other annotator's label on the same item) and the expected disagreement of the whole
 * table, so a value near the table's alpha means "agrees like everyone else" and a much lower one
 * singles the annotator out.
 *
 * @param annotators annotator ids in table order
 * @param pairs one entry per unordered pair, in table order
 * @param withRest one entry per annotator, in table order
 */
public record AnnotatorAgreement(
    List<String> annotators, List<PairAgreement> pairs, List<AgreementWithRest> withRest) {
  public AnnotatorAgreement {
    annotators = List.copyOf(annotators);
    pairs = List.copyOf(pairs);
    withRest = List.copyOf(withRest);
  }

  /**
   * Agreement of two annotators on the items both rated.
   *
   * @param alpha Krippendorff's alpha on the pair's two columns
   * @param percent share of shared items they labelled alike
   */
  public record PairAgreement(
      String first, String second, AgreementResult alpha, AgreementResult percent) {}

  /**
   * Agreement of one annotator with everyone else.
   *
   * @param alpha 1 − D_o(annotator) / D_e(table), undefined with a reason when nothing compares
   * @param percent share of the annotator's rating pairs with others that agree
   * @param comparedPairs rating pairs (annotator's label, another annotator's label, same item)
   */
  public record AgreementWithRest(
      String annotator,
      OptionalDouble alpha,
      Optional<UndefinedReason> undefinedReason,
      OptionalDouble percent,
      long comparedPairs) {}

  /**
   * The pairwise matrix and the with-the-rest figures for every annotator of the table.
   *
   * <p>One pass over the items collects, for each pair, the items both rated, and sums each
   * annotator's rating pairs with the others; each pair's alpha and percent agreement are then
   * computed on its shared items alone. That is what the definitions give (both statistics read
   * only items with two ratings, in table order, so the sums are the same sums), in time linear in
   * the ratings plus the shared items instead of items × pairs: issue 22, where 20 annotators over
   * 830k items made the old per-pair copy of every item minutes. The pairs are computed on the
   * common fork-join pool.
   */
  public static AnnotatorAgreement of(RatingTable table, MeasurementLevel level) {
    AgreementStatistic alpha = new AgreementStatistic.KrippendorffAlpha(level);
    AgreementStatistic percent = new AgreementStatistic.PercentAgreement();
    // Built first, on the caller's thread: it refuses a level the labels do not support with the
    // same message a pair's alpha would, so no pair computation below can throw.
    AlphaContributions whole = new AlphaContributions(table, level);
    int count = table.annotatorCount();
    int[] rated = new int[count];
    SharedItems[] shared = new SharedItems[count * (count - 1) / 2];
    double[] disagreement = new double[count];
    long[] agreeing = new long[count];
    long[] compared = new long[count];
    int[] raters = new int[count];
    int[] categories = new int[count];
    for (int item = 0; item < table.itemCount(); item++) {
      int k = 0;
      for (int a = 0; a < count; a++) {
        int category = table.category(item, a);
        if (category != RatingTable.MISSING) {
          rated[a]++;
          raters[k] = a;
          categories[k++] = category;
        }
      }
      for (int i = 0; i < k; i++) {
        int own = categories[i];
        for (int j = 0; j < k; j++) {
          if (j != i) {
            // in annotator order, as the definition sums them
            compared[raters[i]]++;
            disagreement[raters[i]] += whole.delta(own, categories[j]);
            if (own == categories[j]) {
              agreeing[raters[i]]++;
            }
          }
        }
        for (int j = i + 1; j < k; j++) {
          int index = pairIndex(raters[i], raters[j], count);
          if (shared[index] == null) {
            shared[index] = new SharedItems();
          }
          shared[index].add(item);
        }
      }
    }
    List<int[]> order = new ArrayList<>();
    for (int a = 0; a < count; a++) {
      for (int b = a + 1; b < count; b++) {
        order.add(new int[] {a, b});
      }
    }
    List<PairAgreement> pairs =
        order.parallelStream()
            .map(
                ab -> {
                  int a = ab[0];
                  int b = ab[1];
                  SharedItems both = shared[pairIndex(a, b, count)];
                  int union = rated[a] + rated[b] - (both == null ? 0 : both.size);
                  AgreementResult pairAlpha;
                  AgreementResult pairPercent;
                  if (both == null) {
                    pairAlpha = noSharedItem(union);
                    pairPercent = pairAlpha;
                  } else {
                    RatingTable pair = table.pairOn(a, b, both.items, both.size);
                    pairAlpha = withItems(alpha.compute(pair), union);
                    pairPercent = withItems(percent.compute(pair), union);
                  }
                  return new PairAgreement(
                      table.annotatorIds().get(a),
                      table.annotatorIds().get(b),
                      pairAlpha,
                      pairPercent);
                })
            .toList();
    List<AgreementWithRest> withRest = new ArrayList<>();
    for (int a = 0; a < count; a++) {
      withRest.add(withRest(table, whole, a, disagreement[a], agreeing[a], compared[a]));
    }
    return new AnnotatorAgreement(table.annotatorIds(), pairs, withRest);
  }

  /** Position of the pair (a, b), a &lt; b, in the order a, then b. */
  private static int pairIndex(int a, int b, int count) {
    return a * count - a * (a + 1) / 2 + (b - a - 1);
  }

  /** The items two annotators both rated, ascending. */
  private static final class SharedItems {
    int[] items = new int[4];
    int size;

    void add(int item) {
      if (size == items.length) {
        items = java.util.Arrays.copyOf(items, size * 2);
      }
      items[size++] = item;
    }
  }

  /**
   * A pair's result as the pair's two columns of the whole table give it: the items either of them
   * rated count as its items, though only those both rated enter the statistic.
   */
  private static AgreementResult withItems(AgreementResult onShared, int union) {
    return new AgreementResult(
        onShared.value(),
        onShared.undefinedReason(),
        union,
        onShared.pairableItems(),
        onShared.annotators());
  }

  /** What both statistics give two annotators (each with ratings) who share no item. */
  private static AgreementResult noSharedItem(int union) {
    return AgreementResult.undefined(UndefinedReason.NO_PAIRABLE_ITEMS, union, 0, 2);
  }

  private static AgreementWithRest withRest(
      RatingTable table,
      AlphaContributions whole,
      int annotator,
      double disagreement,
      long agreeing,
      long compared) {
    String id = table.annotatorIds().get(annotator);
    if (compared == 0) {
      UndefinedReason reason =
          table.annotatorCount() < 2
              ? UndefinedReason.ONE_ANNOTATOR
              : UndefinedReason.NO_PAIRABLE_ITEMS;
      return new AgreementWithRest(
          id, OptionalDouble.empty(), Optional.of(reason), OptionalDouble.empty(), 0);
    }
    OptionalDouble percent = OptionalDouble.of((double) agreeing / compared);
    double expected = whole.expectedDisagreement();
    if (!(expected > 0)) {
      return new AgreementWithRest(
          id, OptionalDouble.empty(), Optional.of(UndefinedReason.ONE_CATEGORY), percent, compared);
    }
    return new AgreementWithRest(
        id,
        OptionalDouble.of(1 - disagreement / compared / expected),
        Optional.empty(),
        percent,
        compared);
  }

  /** The pair's entry, in either order of the two ids. */
  public Optional<PairAgreement> pair(String first, String second) {
    return pairs.stream()
        .filter(
            p ->
                (p.first().equals(first) && p.second().equals(second))
                    || (p.first().equals(second) && p.second().equals(first)))
        .findFirst();
  }
}
