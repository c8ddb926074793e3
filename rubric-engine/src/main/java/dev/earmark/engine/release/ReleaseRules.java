package dev.earmark.engine.release;

import dev.earmark.engine.version.VersionedId;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a batch is checked against, taken from the dataset contract and the batch being made: the
 * known sources, the uses each declared consent scope allows, the use the batch is for and the
 * rubric version all its labels must be under. Immutable.
 *
 * @param batchRubric the rubric version every checked label must be under; empty for a batch that
 *     carries no rubric-bound labels (a batch of listening tests only, whose designs name their own
 *     rubrics), which then has no rubric-version check
 */
public record ReleaseRules(
    Set<String> knownSources,
    Map<String, Set<DataUse>> consentScopes,
    DataUse batchUse,
    Optional<VersionedId> batchRubric) {
  /** Rules for a batch whose labels must all be under {@code batchRubric}. */
  public ReleaseRules(
      Set<String> knownSources,
      Map<String, Set<DataUse>> consentScopes,
      DataUse batchUse,
      VersionedId batchRubric) {
    this(
        knownSources,
        consentScopes,
        batchUse,
        Optional.of(Objects.requireNonNull(batchRubric, "batchRubric")));
  }

  public ReleaseRules {
    knownSources = Set.copyOf(knownSources);
    Map<String, Set<DataUse>> copy = new TreeMap<>();
    consentScopes.forEach((scope, uses) -> copy.put(scope, Set.copyOf(uses)));
    consentScopes = Collections.unmodifiableMap(copy);
    Objects.requireNonNull(batchUse, "batchUse");
    Objects.requireNonNull(batchRubric, "batchRubric");
  }
}
