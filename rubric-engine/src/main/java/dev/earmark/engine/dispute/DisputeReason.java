package dev.earmark.engine.dispute;

import dev.earmark.engine.agreement.TranscriptAgreement.PairWer;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/** One rule that fired for an item, with the evidence an adjudicator and an audit need. */
public sealed interface DisputeReason {
  /** The rule this evidence belongs to. */
  DisputeRule rule();

  /** Categorical labels differ. */
  record CategoricalMismatch(Map<String, String> labelsByAnnotator) implements DisputeReason {
    public CategoricalMismatch {
      labelsByAnnotator = Map.copyOf(labelsByAnnotator);
    }

    @Override
    public DisputeRule rule() {
      return DisputeRule.CATEGORICAL_MISMATCH;
    }
  }

  /** Ordinal labels lie {@code spread} apart, at least {@code threshold}. */
  record OrdinalSpread(
      double spread, int threshold, String lowest, String highest, Map<String, String> labels)
      implements DisputeReason {
    public OrdinalSpread {
      labels = Map.copyOf(labels);
    }

    @Override
    public DisputeRule rule() {
      return DisputeRule.ORDINAL_SPREAD;
    }
  }

  /** Annotator pairs whose normalized transcripts differ by more than {@code threshold} WER. */
  record TranscriptDisagreement(List<PairWer> pairsAboveThreshold, double threshold)
      implements DisputeReason {
    public TranscriptDisagreement {
      pairsAboveThreshold = List.copyOf(pairsAboveThreshold);
    }

    @Override
    public DisputeRule rule() {
      return DisputeRule.TRANSCRIPT_WER;
    }
  }

  /** Labels that miss the gold answer of a gold item. */
  record GoldFailure(String goldAnswer, List<MissedGold> misses) implements DisputeReason {
    public GoldFailure {
      misses = List.copyOf(misses);
    }

    @Override
    public DisputeRule rule() {
      return DisputeRule.GOLD_FAILURE;
    }
  }

  /**
   * One label that missed gold.
   *
   * @param werAgainstGold for transcripts: WER of the label with the gold transcript as reference
   *     (1 when the gold transcript is empty and the label is not)
   */
  record MissedGold(String annotatorId, String label, OptionalDouble werAgainstGold) {}

  /** Annotators who flagged their label as unsure. */
  record UnsureFlag(List<String> annotators) implements DisputeReason {
    public UnsureFlag {
      annotators = List.copyOf(annotators);
    }

    @Override
    public DisputeRule rule() {
      return DisputeRule.UNSURE_FLAG;
    }
  }
}
