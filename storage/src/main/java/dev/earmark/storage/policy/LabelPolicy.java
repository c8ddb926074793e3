package dev.earmark.storage.policy;

import dev.earmark.engine.rubric.TaskType;
import dev.earmark.engine.version.VersionedId;
import java.time.Instant;
import java.util.Optional;

/**
 * The label policy for one task type: the rubric version labels are made under and the
 * normalization rule-set version transcripts are compared under (absent when the task type compares
 * no text). Immutable.
 */
public record LabelPolicy(
    TaskType taskType,
    VersionedId rubric,
    Optional<VersionedId> ruleSet,
    Instant changedAt,
    String changedBy) {}
