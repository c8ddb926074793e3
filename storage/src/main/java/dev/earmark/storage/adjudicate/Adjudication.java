package dev.earmark.storage.adjudicate;

import dev.earmark.engine.rubric.LabelValue;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * The final label of a disputed item, with its reason code and note. {@code policyProposalId} is
 * set when the reason raised a policy proposal. Immutable.
 */
public record Adjudication(
    long id,
    long disputeId,
    LabelValue finalValue,
    ReasonCode reason,
    String note,
    String adjudicator,
    Instant decidedAt,
    OptionalLong policyProposalId) {}
