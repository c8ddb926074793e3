package dev.earmark.engine.agreement;

/**
 * Fleiss' kappa and percent agreement, which share the per-item agreement P_u (the share of
 * agreeing rating pairs in item u). Fleiss' kappa = (P̄ − P_e) / (1 − P_e) with P_e = Σ_c p_c² over
 * the pooled category proportions; percent agreement = P̄.
 */
final class ItemAgreementContributions extends ItemContributions {
  private final PairableItems pairable;
  private final double[] itemAgreement;
  private final boolean chanceCorrected;
  private final double[] marginals;

  ItemAgreementContributions(RatingTable table, boolean chanceCorrected) {
    this(table, new PairableItems(table), chanceCorrected);
  }

  private ItemAgreementContributions(
      RatingTable table, PairableItems pairable, boolean chanceCorrected) {
    super(
        ratedItems(table),
        activeAnnotators(table),
        pairable.count,
        precheck(table.ratingCount(), activeAnnotators(table), pairable.count));
    this.pairable = pairable;
    this.chanceCorrected = chanceCorrected;
    this.itemAgreement = new double[pairable.count];
    for (int u = 0; u < pairable.count; u++) {
      itemAgreement[u] = pairable.agreement(u);
    }
    this.marginals = new double[table.categoryCount()];
  }

  @Override
  double value(int[] weights) {
    double weightedAgreement = 0;
    double weightTotal = 0;
    for (int u = 0; u < units; u++) {
      weightedAgreement += weights[u] * itemAgreement[u];
      weightTotal += weights[u];
    }
    double observed = weightedAgreement / weightTotal;
    if (!chanceCorrected) {
      return observed;
    }
    pairable.marginals(weights, marginals);
    if (PairableItems.used(marginals) < 2) {
      return Double.NaN;
    }
    double total = 0;
    for (double n : marginals) {
      total += n;
    }
    double chance = 0;
    for (double n : marginals) {
      chance += (n / total) * (n / total);
    }
    return (observed - chance) / (1 - chance);
  }
}
