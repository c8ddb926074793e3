package dev.earmark.engine.score;

import java.util.Objects;

/**
 * One step of a word alignment, in reading order. Indices are 0-based positions in the reference
 * and hypothesis token lists the alignment was computed from. The set is closed: a hit, a
 * substitution, a deletion (a reference token the hypothesis lacks) or an insertion (a hypothesis
 * token the reference lacks). Records are immutable and thread-safe.
 */
public sealed interface AlignmentOp
    permits AlignmentOp.Hit, AlignmentOp.Substitution, AlignmentOp.Deletion, AlignmentOp.Insertion {

  /** True for every step except a {@link Hit}. */
  default boolean isError() {
    return !(this instanceof Hit);
  }

  /**
   * Reference token {@code referenceIndex} reproduced exactly as hypothesis token {@code
   * hypothesisIndex}.
   */
  record Hit(int referenceIndex, int hypothesisIndex, String token) implements AlignmentOp {
    public Hit {
      Objects.requireNonNull(token, "token");
    }
  }

  /** Reference token {@code reference} recognised as a different hypothesis token. */
  record Substitution(int referenceIndex, int hypothesisIndex, String reference, String hypothesis)
      implements AlignmentOp {
    public Substitution {
      Objects.requireNonNull(reference, "reference");
      Objects.requireNonNull(hypothesis, "hypothesis");
    }
  }

  /**
   * Reference token {@code reference} missing from the hypothesis. {@code hypothesisPosition} is
   * the index of the hypothesis token the gap sits before (the hypothesis length at the end), so a
   * view can draw the gap in place.
   */
  record Deletion(int referenceIndex, int hypothesisPosition, String reference)
      implements AlignmentOp {
    public Deletion {
      Objects.requireNonNull(reference, "reference");
    }
  }

  /**
   * Hypothesis token {@code hypothesis} with no reference counterpart. {@code referencePosition} is
   * the index of the reference token the extra word sits before (the reference length at the end).
   */
  record Insertion(int referencePosition, int hypothesisIndex, String hypothesis)
      implements AlignmentOp {
    public Insertion {
      Objects.requireNonNull(hypothesis, "hypothesis");
    }
  }
}
