package dev.earmark.engine.contract;

import java.util.EnumSet;
import java.util.Set;

/** A named consent scope and the uses it allows. Immutable. */
public record ConsentScope(String id, String description, Set<Use> allowedUses) {
  public ConsentScope {
    allowedUses = allowedUses.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(allowedUses));
  }

  public boolean allows(Use use) {
    return allowedUses.contains(use);
  }
}
