package dev.earmark.engine.contract;

import java.time.LocalDate;

/**
 * Whether one clip may enter a labeling project under a contract, and if not, why. A closed set:
 * import records the reason of every excluded clip.
 */
public sealed interface Eligibility {
  /** The clip may be labeled. */
  record Eligible() implements Eligibility {}

  /**
   * The clip is kept out; {@code code} is stable (reports, filters), {@code reason} is for people.
   */
  record Excluded(String code, String reason) implements Eligibility {}

  /**
   * Checks a clip's consent scope and retention date against the contract on {@code today}. A clip
   * whose retention ends today is still eligible today.
   */
  static Eligibility forLabeling(
      DatasetContract contract, String consentScope, LocalDate retentionUntil, LocalDate today) {
    if (consentScope == null || consentScope.isBlank()) {
      return new Excluded("missing-consent", "the clip has no consent_scope");
    }
    if (contract.scope(consentScope).isEmpty()) {
      return new Excluded(
          "unknown-consent-scope",
          "consent scope '"
              + consentScope
              + "' is not declared in the dataset contract (declared: "
              + String.join(", ", contract.consentScopes().keySet().stream().sorted().toList())
              + ")");
    }
    if (!contract.allows(consentScope, Use.LABELING)) {
      return new Excluded(
          "consent-forbids-labeling",
          "consent scope '" + consentScope + "' does not allow labeling");
    }
    if (retentionUntil != null && retentionUntil.isBefore(today)) {
      return new Excluded(
          "retention-expired",
          "retention ended on " + retentionUntil + " (today is " + today + ")");
    }
    return new Eligible();
  }
}
