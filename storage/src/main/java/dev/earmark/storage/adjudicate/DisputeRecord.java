package dev.earmark.storage.adjudicate;

import dev.earmark.engine.dispute.DisputeRule;
import dev.earmark.engine.version.VersionedId;
import java.time.Instant;
import java.util.Set;

/**
 * A stored dispute: the clip, the rubric version its labels were made under, the routing rules that
 * fired and their evidence as JSON (one object per rule, with a {@code rule} member). Immutable.
 */
public record DisputeRecord(
    long id,
    long clipId,
    String clipKey,
    VersionedId rubric,
    Set<DisputeRule> rules,
    String evidenceJson,
    DisputeStatus status,
    Instant createdAt) {
  public DisputeRecord {
    rules = Set.copyOf(rules);
  }
}
