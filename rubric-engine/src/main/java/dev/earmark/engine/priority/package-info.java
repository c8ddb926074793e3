/**
 * Review priority: which clips a lead should have labeled or reviewed next. {@link
 * dev.earmark.engine.priority.ReviewPriority} scores {@link
 * dev.earmark.engine.priority.ReviewCandidate}s by QE uncertainty, user impact (capped), slice
 * coverage gap and recent regression, minus a sensitive-content penalty, with weights from {@link
 * dev.earmark.engine.priority.PrioritySettings}; clips whose consent scope does not allow labeling
 * are never candidates; per-slice quotas and diversity caps keep one noisy slice (or one speaker)
 * from filling a batch. Pure Java, deterministic.
 */
package dev.earmark.engine.priority;
