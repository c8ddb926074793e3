package dev.earmark.storage.policy;

import dev.earmark.engine.rubric.TaskType;
import dev.earmark.engine.version.VersionedId;
import java.time.Instant;
import java.util.Optional;

/** One change of a task type's label policy, with what it replaced. Immutable. */
public record PolicyChange(
    long id,
    TaskType taskType,
    Optional<VersionedId> previousRubric,
    Optional<VersionedId> previousRuleSet,
    VersionedId rubric,
    Optional<VersionedId> ruleSet,
    Instant changedAt,
    String changedBy) {}
