package dev.earmark.storage.policy;

import java.util.Optional;

/**
 * The outcome of {@link Policies#setPolicy(dev.earmark.storage.user.Actor,
 * dev.earmark.engine.rubric.TaskType, dev.earmark.engine.version.VersionedId,
 * dev.earmark.engine.version.VersionedId)}. Immutable.
 *
 * @param previous the policy in force before the call, if any
 * @param current the policy in force after it
 * @param changed false when the call named the policy already in force (nothing was written)
 */
public record PolicyUpdate(Optional<LabelPolicy> previous, LabelPolicy current, boolean changed) {}
