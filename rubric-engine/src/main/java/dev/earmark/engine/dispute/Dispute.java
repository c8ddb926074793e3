package dev.earmark.engine.dispute;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * An item whose labels disagree under the project's routing rules, with every rule that fired and
 * its evidence (in {@link DisputeRule} order). Immutable.
 */
public record Dispute(String itemId, List<DisputeReason> reasons) {
  public Dispute {
    reasons = List.copyOf(reasons);
    if (reasons.isEmpty()) {
      throw new IllegalArgumentException("a dispute needs at least one reason");
    }
  }

  /** The rules that fired. */
  public Set<DisputeRule> rules() {
    Set<DisputeRule> rules = EnumSet.noneOf(DisputeRule.class);
    reasons.forEach(reason -> rules.add(reason.rule()));
    return rules;
  }
}
