package dev.earmark.storage.settings;

import java.util.Optional;

/**
 * The settings Earmark knows, with their defaults and the kind of value each takes. Other keys may
 * be stored too (later features add their own), but these are checked on write.
 */
public enum Setting {
  /** Whether the ASR hypothesis pre-fills the transcript field (off: it anchors judgement). */
  PREFILL_HYPOTHESIS("prefill_hypothesis", Kind.FLAG, "false"),
  /** Whether annotators see QE hints (off by default: they anchor judgement). */
  QE_HINTS_VISIBLE_TO_ANNOTATORS("qe_hints_visible_to_annotators", Kind.FLAG, "false"),
  /**
   * Whether an annotator who has submitted a label for an item may then see the other annotators'
   * labels for it. Off by default; before submitting they never can.
   */
  SHOW_OTHER_LABELS_AFTER_SUBMIT("show_other_labels_after_submit", Kind.FLAG, "false"),
  /** Dispute routing: ordinal spread at or above which an item is disputed. */
  ROUTING_ORDINAL_SPREAD("routing.ordinal_spread", Kind.NUMBER, "2"),
  /** Dispute routing: pairwise normalized transcript WER above which an item is disputed. */
  ROUTING_TRANSCRIPT_WER("routing.transcript_wer", Kind.NUMBER, "0.2"),
  /** QE: predicted WER at or above which a clip is flagged "review recommended". */
  QE_REVIEW_THRESHOLD("qe.review_threshold", Kind.NUMBER, "0.3"),
  /**
   * Listening rigour: the share of a clip (0–1) an annotator must have heard before a rating form
   * unlocks. While the lead has not set it, each rubric version's own {@code listening_requirement}
   * applies (0.8 for the built-in {@code tts-rating@1}, the default shown).
   */
  LISTENING_SHARE("labeling.listening_share", Kind.NUMBER, "0.8"),
  /** QE training: lowest cross-validated Spearman rho at which a model is accepted. */
  QE_RHO_GATE("qe.rho_gate", Kind.NUMBER, "0.4"),
  /** QE training: k of k-fold cross-validation. */
  QE_FOLDS("qe.folds", Kind.WHOLE_NUMBER, "5"),
  /** QE training: fewer usable clips than this is refused as too little data. */
  QE_MIN_CLIPS("qe.min_clips", Kind.WHOLE_NUMBER, "30"),
  /**
   * QE training: whether a clip with a single submitted label (no second opinion) counts as having
   * a final reference. Off by default: only adjudicated and consensus labels are references.
   */
  QE_TRAIN_ON_SINGLE_LABELS("qe.train_on_single_labels", Kind.FLAG, "false"),
  /** QE drift: PSI above which a feature or the predicted WER of an import counts as shifted. */
  QE_DRIFT_PSI_THRESHOLD("qe.drift_psi_threshold", Kind.NUMBER, "0.2"),
  /**
   * QE drift: imports with fewer predicted clips than this are not checked for drift (PSI over a
   * handful of clips is noise and would warn on every small import).
   */
  QE_DRIFT_MIN_CLIPS("qe.drift_min_clips", Kind.WHOLE_NUMBER, "20"),
  /**
   * Whether this project is a training sandbox: anyone may act as any user ("Act as" in the
   * workbench, any {@code --user}). The demo is one; every real project leaves it off, so the OS
   * account or database login proves who acts (ADR 14).
   */
  TRAINING_SANDBOX("project.training_sandbox", Kind.FLAG, "false");

  /** What values a setting accepts. */
  public enum Kind {
    /** {@code true} or {@code false}. */
    FLAG,
    /** A finite decimal number. */
    NUMBER,
    /** A whole number such as 5. */
    WHOLE_NUMBER
  }

  private final String key;
  private final Kind kind;
  private final String defaultValue;

  Setting(String key, Kind kind, String defaultValue) {
    this.key = key;
    this.kind = kind;
    this.defaultValue = defaultValue;
  }

  /** The key stored in the project. */
  public String key() {
    return key;
  }

  public Kind kind() {
    return kind;
  }

  /** The value in force while the lead has not set one. */
  public String defaultValue() {
    return defaultValue;
  }

  /** The known setting stored under {@code key}, if any. */
  public static Optional<Setting> forKey(String key) {
    for (Setting setting : values()) {
      if (setting.key.equals(key)) {
        return Optional.of(setting);
      }
    }
    return Optional.empty();
  }
}
