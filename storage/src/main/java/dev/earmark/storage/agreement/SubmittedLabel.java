package dev.earmark.storage.agreement;

import dev.earmark.engine.rubric.LabelValue;
import java.time.Duration;
import java.time.Instant;

/**
 * One submitted label as agreement reads it. Immutable.
 *
 * @param clipId the clip's row id
 * @param clipKey the clip's manifest id (what a lead recognises)
 * @param annotatorId who labeled it
 * @param value the label value, read under the rubric version of the label
 * @param timeSpent time the annotator spent on the item, as the label records it
 * @param submittedAt when the label was (last) submitted
 * @param importRunId the import run that brought the clip in (the label's batch)
 */
public record SubmittedLabel(
    long clipId,
    String clipKey,
    String annotatorId,
    LabelValue value,
    Duration timeSpent,
    Instant submittedAt,
    long importRunId) {}
