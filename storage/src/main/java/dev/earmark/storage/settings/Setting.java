package dev.earmark.storage.settings;

import java.util.Optional;

/**
 * The settings Earmark knows, with their defaults, the kind of value each takes, the range a number
 * must lie in and a one-line meaning. Other keys may be stored too (later features add their own),
 * but these are checked on write.
 */
public enum Setting {
  /** Whether the ASR hypothesis pre-fills the transcript field (off: it anchors judgement). */
  PREFILL_HYPOTHESIS(
      "prefill_hypothesis",
      Kind.FLAG,
      "false",
      null,
      null,
      "the ASR hypothesis pre-fills the transcript field (off: it anchors judgement)"),
  /** Whether annotators see QE hints (off by default: they anchor judgement). */
  QE_HINTS_VISIBLE_TO_ANNOTATORS(
      "qe_hints_visible_to_annotators",
      Kind.FLAG,
      "false",
      null,
      null,
      "annotators see QE hints (off: they anchor judgement)"),
  /**
   * Whether an annotator who has submitted a label for an item may then see the other annotators'
   * labels for it. Off by default; before submitting they never can.
   */
  SHOW_OTHER_LABELS_AFTER_SUBMIT(
      "show_other_labels_after_submit",
      Kind.FLAG,
      "false",
      null,
      null,
      "an annotator who submitted an item may then see the others' labels for it"),
  /** Dispute routing: ordinal spread at or above which an item is disputed. */
  ROUTING_ORDINAL_SPREAD(
      "routing.ordinal_spread",
      Kind.NUMBER,
      "2",
      1.0,
      null,
      "dispute routing: a rating spread at or above this disputes the item"),
  /** Dispute routing: pairwise normalized transcript WER above which an item is disputed. */
  ROUTING_TRANSCRIPT_WER(
      "routing.transcript_wer",
      Kind.NUMBER,
      "0.2",
      0.0,
      null,
      "dispute routing: a pairwise normalized transcript WER above this disputes the item"),
  /**
   * QE: predicted WER at or above which a clip is flagged "review recommended". While the lead has
   * not set it, the threshold the model in use carries from its calibration applies; the default
   * shown (0.3) is only the fallback for a model file that carries none.
   */
  QE_REVIEW_THRESHOLD(
      "qe.review_threshold",
      Kind.NUMBER,
      "0.3",
      0.0,
      null,
      "QE: a predicted WER at or above this flags the clip \"review recommended\"; unset, the"
          + " model's calibrated threshold applies (0.3 only for a model without one)"),
  /**
   * Listening rigour: the share of a clip (0–1) an annotator must have heard before a rating form
   * unlocks. While the lead has not set it, each rubric version's own {@code listening_requirement}
   * applies (0.8 for the built-in {@code tts-rating@1}, the default shown).
   */
  LISTENING_SHARE(
      "labeling.listening_share",
      Kind.NUMBER,
      "0.8",
      0.0,
      1.0,
      "share of a clip (0-1) an annotator must hear before a rating form unlocks"),
  /** QE training: lowest cross-validated Spearman rho at which a model is accepted. */
  QE_RHO_GATE(
      "qe.rho_gate",
      Kind.NUMBER,
      "0.4",
      -1.0,
      1.0,
      "QE training: lowest cross-validated Spearman rho at which a model is accepted"),
  /** QE training: k of k-fold cross-validation. */
  QE_FOLDS(
      "qe.folds", Kind.WHOLE_NUMBER, "5", 2.0, 100.0, "QE training: k of k-fold cross-validation"),
  /** QE training: fewer usable clips than this is refused as too little data. */
  QE_MIN_CLIPS(
      "qe.min_clips",
      Kind.WHOLE_NUMBER,
      "30",
      1.0,
      null,
      "QE training: fewer usable clips than this is refused as too little data"),
  /**
   * QE training: whether a clip with a single submitted label (no second opinion) counts as having
   * a final reference. Off by default: only adjudicated and consensus labels are references.
   */
  QE_TRAIN_ON_SINGLE_LABELS(
      "qe.train_on_single_labels",
      Kind.FLAG,
      "false",
      null,
      null,
      "QE training: a clip with one submitted label counts as having a reference"),
  /** QE drift: PSI above which a feature or the predicted WER of an import counts as shifted. */
  QE_DRIFT_PSI_THRESHOLD(
      "qe.drift_psi_threshold",
      Kind.NUMBER,
      "0.2",
      0.0,
      null,
      "QE drift: a PSI above this counts as a shifted distribution"),
  /**
   * QE drift: imports with fewer predicted clips than this are not checked for drift (PSI over a
   * handful of clips is noise and would warn on every small import).
   */
  QE_DRIFT_MIN_CLIPS(
      "qe.drift_min_clips",
      Kind.WHOLE_NUMBER,
      "20",
      1.0,
      null,
      "QE drift: imports with fewer predicted clips than this are not checked"),
  /**
   * Whether this project is a training sandbox: anyone may act as any user ("Act as" in the
   * workbench, any {@code --user}). The demo is one; every real project leaves it off, so the OS
   * account or database login proves who acts (ADR 14).
   */
  TRAINING_SANDBOX(
      "project.training_sandbox",
      Kind.FLAG,
      "false",
      null,
      null,
      "a training sandbox: anyone may act as any user (off: the OS account or login proves who)"),
  /** Listening tests: trials per rater session (P.808 suggests about 10). */
  TTS_SESSION_TRIALS(
      "tts.session_trials",
      Kind.WHOLE_NUMBER,
      "10",
      1.0,
      200.0,
      "listening tests: trials in one rater session (P.808: about 10)"),
  /** Listening tests: gold clips mixed into each ACR session (P.808: at least one). */
  TTS_GOLD_PER_SESSION(
      "tts.gold_per_session",
      Kind.WHOLE_NUMBER,
      "1",
      0.0,
      50.0,
      "listening tests: gold clips mixed into each tts-rating session (P.808: at least 1)"),
  /** Listening tests: trapping questions mixed into each ACR session (P.808: at least one). */
  TTS_TRAPS_PER_SESSION(
      "tts.traps_per_session",
      Kind.WHOLE_NUMBER,
      "1",
      0.0,
      50.0,
      "listening tests: trapping questions mixed into each tts-rating session (P.808: at least 1)"),
  /** Listening tests: trials of the training block before a rater's first session. */
  TTS_TRAINING_TRIALS(
      "tts.training_trials",
      Kind.WHOLE_NUMBER,
      "3",
      0.0,
      50.0,
      "listening tests: trials in the training block before a rater's first session (not scored)");

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
  private final Double min;
  private final Double max;
  private final String meaning;

  Setting(String key, Kind kind, String defaultValue, Double min, Double max, String meaning) {
    this.key = key;
    this.kind = kind;
    this.defaultValue = defaultValue;
    this.min = min;
    this.max = max;
    this.meaning = meaning;
  }

  /** What the setting does, in one line for {@code earmark settings list}. */
  public String meaning() {
    return meaning;
  }

  /** The lowest value a number accepts (inclusive), if bounded below. */
  public Optional<Double> min() {
    return Optional.ofNullable(min);
  }

  /** The highest value a number accepts (inclusive), if bounded above. */
  public Optional<Double> max() {
    return Optional.ofNullable(max);
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
