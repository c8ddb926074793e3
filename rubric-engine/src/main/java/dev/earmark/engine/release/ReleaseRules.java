package dev.earmark.engine.release;

import dev.earmark.engine.version.VersionedId;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a batch is checked against, taken from the dataset contract and the batch being made: the
 * known sources, the uses each declared consent scope allows, the use the batch is for and the
 * rubric version all its labels must be under. Immutable.
 */
public record ReleaseRules(
    Set<String> knownSources,
    Map<String, Set<DataUse>> consentScopes,
    DataUse batchUse,
    VersionedId batchRubric) {
  public ReleaseRules {
    knownSources = Set.copyOf(knownSources);
    Map<String, Set<DataUse>> copy = new TreeMap<>();
    consentScopes.forEach((scope, uses) -> copy.put(scope, Set.copyOf(uses)));
    consentScopes = Collections.unmodifiableMap(copy);
    Objects.requireNonNull(batchUse, "batchUse");
    Objects.requireNonNull(batchRubric, "batchRubric");
  }
}
