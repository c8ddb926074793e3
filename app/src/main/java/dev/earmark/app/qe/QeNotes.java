package dev.earmark.app.qe;

import dev.earmark.audio.qe.DriftReport;
import dev.earmark.storage.qe.QeRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a quality-estimation run says to the user, one sentence each: {@code earmark import} and
 * {@code earmark qe predict} print these lines, the workbench's import wizard shows them.
 * Stateless.
 */
public final class QeNotes {
  private QeNotes() {}

  /** One line saying which model predicted and whether it is to be trusted. */
  public static String modelLine(QeRun run) {
    String which =
        run.defaultModel()
            ? "the model shipped with Earmark (the project has no model of its own yet)"
            : "the project's current model";
    String trust =
        run.modelPassedGate()
            ? "passed its rho gate"
            : "WARNING: did not pass its rho gate; treat hints as unreliable and train the"
                + " project's own with earmark qe train";
    return String.format(
        Locale.ROOT,
        "QE model %s, %s (%s); review threshold %.2f (%s)",
        run.modelId(),
        which,
        trust,
        run.reviewThreshold(),
        run.reviewThresholdSource());
  }

  /**
   * What a run after an import says, one sentence each: the model used, the hints stored, each clip
   * without a hint and why, and the drift check (a {@code QE DRIFT WARNING} per shifted
   * distribution). The command line prints these; the workbench's import wizard shows them.
   */
  public static List<String> afterImport(QeRun run) {
    List<String> notes = new ArrayList<>();
    notes.add(modelLine(run));
    long flagged =
        run.hints().stream().filter(hint -> hint.prediction().reviewRecommended()).count();
    notes.add(
        String.format(
            Locale.ROOT,
            "QE hints stored for %d clips (%d review recommended)",
            run.hints().size(),
            flagged));
    for (QeRun.ClipFailure failure : run.failures()) {
      notes.add(
          String.format(
              "No QE hint for %s/%s: %s",
              failure.datasetId(), failure.clipKey(), failure.reason()));
    }
    notes.addAll(drift(run));
    return notes;
  }

  /**
   * The drift check of a run, one sentence each: a {@code QE DRIFT WARNING} per shifted
   * distribution, that none shifted, or why it was not checked.
   */
  public static List<String> drift(QeRun run) {
    List<String> notes = new ArrayList<>();
    if (run.drift() instanceof QeRun.DriftCheck.Checked checked) {
      DriftReport report = checked.drift().report();
      if (!report.warning()) {
        notes.add(
            String.format(
                Locale.ROOT,
                "QE drift: no PSI above %.2f over %d clips against the model's training data",
                report.warningThreshold(),
                report.batchSize()));
      }
      for (DriftReport.Drift shift : checked.drift().shifted()) {
        notes.add(
            String.format(
                Locale.ROOT,
                "QE DRIFT WARNING: %s PSI %.3f > %.2f (%d clips against the training data of"
                    + " model %s)",
                shift.name(),
                shift.psi(),
                report.warningThreshold(),
                report.batchSize(),
                run.modelId()));
      }
    } else if (run.drift() instanceof QeRun.DriftCheck.TooFewClips few) {
      notes.add(
          String.format(
              "QE drift not checked: %d clips predicted, fewer than qe.drift_min_clips (%d)",
              few.clips(), few.minimumClips()));
    }
    return notes;
  }
}
