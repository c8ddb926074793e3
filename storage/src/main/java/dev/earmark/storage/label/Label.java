package dev.earmark.storage.label;

import dev.earmark.engine.rubric.LabelValue;
import dev.earmark.engine.version.VersionedId;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One annotator's label for one assignment, as stored. {@code version} is the optimistic-lock
 * version a caller must hand back with its next write. Immutable.
 */
public record Label(
    long id,
    long assignmentId,
    long clipId,
    String clipKey,
    String annotatorId,
    VersionedId rubric,
    LabelValue value,
    Duration timeSpent,
    double listenedCoverage,
    LabelState state,
    int version,
    Instant createdAt,
    Instant updatedAt,
    Optional<Instant> submittedAt,
    String lastModifiedBy) {}
