package dev.earmark.storage.adjudicate;

import dev.earmark.storage.StorageException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Why an adjudicator decided as they did (PRODUCT.md §2). */
public enum ReasonCode {
  ANNOTATOR_ERROR("annotator-error"),
  AMBIGUOUS_AUDIO("ambiguous-audio"),
  /** The rubric did not say how to label this; raises a policy proposal for the lead. */
  RUBRIC_GAP("rubric-gap"),
  /** The normalization rules compared the transcripts wrongly; raises a policy proposal. */
  NORMALIZATION_GAP("normalization-gap"),
  BAD_AUDIO("bad-audio"),
  OTHER("other");

  private final String code;

  ReasonCode(String code) {
    this.code = code;
  }

  /** The code stored and shown, e.g. {@code rubric-gap}. */
  public String code() {
    return code;
  }

  /** Whether a decision with this reason is collected for the lead as a policy proposal. */
  public boolean raisesPolicyProposal() {
    return this == RUBRIC_GAP || this == NORMALIZATION_GAP;
  }

  public static ReasonCode fromCode(String code) {
    for (ReasonCode reason : values()) {
      if (reason.code.equals(code)) {
        return reason;
      }
    }
    throw new StorageException(
        "'"
            + code
            + "' is not a reason code: use one of "
            + Arrays.stream(values()).map(ReasonCode::code).collect(Collectors.joining(", ")));
  }
}
