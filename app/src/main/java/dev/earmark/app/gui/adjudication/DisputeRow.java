package dev.earmark.app.gui.adjudication;

import dev.earmark.engine.dispute.DisputeRule;
import dev.earmark.storage.adjudicate.DisputeRecord;
import dev.earmark.storage.adjudicate.DisputeStatus;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One dispute in the adjudication queue: the stored dispute, the clip's slices, the annotators
 * whose labels disagree and the routing evidence as sentences. Immutable.
 */
public record DisputeRow(
    DisputeRecord dispute,
    Map<String, String> slices,
    Set<String> annotators,
    List<String> evidence) {
  public DisputeRow {
    slices = Map.copyOf(slices);
    annotators = Set.copyOf(annotators);
    evidence = List.copyOf(evidence);
  }

  public long disputeId() {
    return dispute.id();
  }

  public String clipKey() {
    return dispute.clipKey();
  }

  public DisputeStatus status() {
    return dispute.status();
  }

  /** The rule codes that fired, e.g. {@code transcript-wer}. */
  public Set<String> ruleCodes() {
    return Set.copyOf(dispute.rules().stream().map(DisputeRow::code).toList());
  }

  /** The slices as {@code key=value}, for the slice filter. */
  public Set<String> sliceTags() {
    return Set.copyOf(
        slices.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
  }

  /** "transcript WER 0.31 > 0.20 (ann-alex vs ann-bea)" and further rules after a semicolon. */
  public String evidenceLine() {
    return String.join("; ", evidence);
  }

  /** A rule's code as storage writes it. */
  public static String code(DisputeRule rule) {
    return rule.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
