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

  /** The pairwise matrix and the with-the-rest figures for every annotator of the table. */
  public static AnnotatorAgreement of(RatingTable table, MeasurementLevel level) {
    AgreementStatistic alpha = new AgreementStatistic.KrippendorffAlpha(level);
    AgreementStatistic percent = new AgreementStatistic.PercentAgreement();
    int count = table.annotatorCount();
    List<PairAgreement> pairs = new ArrayList<>();
    for (int a = 0; a < count; a++) {
      for (int b = a + 1; b < count; b++) {
        RatingTable pair = table.restrictedTo(a, b);
        pairs.add(
            new PairAgreement(
                table.annotatorIds().get(a),
                table.annotatorIds().get(b),
                alpha.compute(pair),
                percent.compute(pair)));
      }
    }
    AlphaContributions whole = new AlphaContributions(table, level);
    List<AgreementWithRest> withRest = new ArrayList<>();
    for (int a = 0; a < count; a++) {
      withRest.add(withRest(table, whole, a));
    }
    return new AnnotatorAgreement(table.annotatorIds(), pairs, withRest);
  }

  private static AgreementWithRest withRest(
      RatingTable table, AlphaContributions whole, int annotator) {
    double disagreement = 0;
    long agreeing = 0;
    long compared = 0;
    for (int item = 0; item < table.itemCount(); item++) {
      int own = table.category(item, annotator);
      if (own == RatingTable.MISSING) {
        continue;
      }
      for (int other = 0; other < table.annotatorCount(); other++) {
        int theirs = table.category(item, other);
        if (other != annotator && theirs != RatingTable.MISSING) {
          compared++;
          disagreement += whole.delta(own, theirs);
          if (own == theirs) {
            agreeing++;
          }
        }
      }
    }
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
