package dev.earmark.app.gui.status;

import dev.earmark.engine.rubric.TaskType;
import dev.earmark.storage.clip.ClipStatus;
import dev.earmark.storage.policy.LabelPolicy;
import dev.earmark.storage.qe.ImportDrift;
import dev.earmark.storage.qe.QeDrift;
import dev.earmark.storage.status.StatusReport;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Turns a {@link StatusReport} into the overview's cards, with the CLI's words. Stateless. */
public final class StatusCards {
  private StatusCards() {}

  /** The cards of {@code status}, in the order {@code earmark status} prints its lines. */
  public static List<StatusCard> of(StatusReport status) {
    List<StatusCard> cards = new ArrayList<>();
    Map<ClipStatus, Integer> clips = status.clips();
    cards.add(
        new StatusCard(
            "clips",
            "Clips",
            clips.getOrDefault(ClipStatus.ACTIVE, 0) + " active",
            List.of(
                clips.getOrDefault(ClipStatus.QUARANTINED, 0) + " quarantined",
                clips.getOrDefault(ClipStatus.EXCLUDED, 0) + " excluded")));
    cards.add(
        new StatusCard(
            "disputes",
            "Disputes",
            status.openDisputes() + " open",
            List.of(status.escalatedDisputes() + " escalated to the lead")));
    int assigned = 0;
    int submitted = 0;
    List<String> lines = new ArrayList<>();
    for (StatusReport.AnnotatorProgress progress : status.annotators()) {
      assigned += progress.assigned();
      submitted += progress.submitted();
      lines.add(
          progress.annotatorId()
              + ": "
              + progress.submitted()
              + " of "
              + progress.assigned()
              + " submitted, "
              + progress.drafted()
              + " drafted, "
              + progress.pending()
              + " pending");
    }
    if (lines.isEmpty()) {
      lines.add("Nothing assigned yet (Assign, or 'earmark assign').");
    }
    cards.add(
        new StatusCard(
            "annotators", "Annotators", submitted + " of " + assigned + " submitted", lines));
    for (Map.Entry<TaskType, Optional<LabelPolicy>> entry : status.policies().entrySet()) {
      Optional<LabelPolicy> policy = entry.getValue();
      cards.add(
          new StatusCard(
              "policy-" + entry.getKey().id(),
              "Policy · " + entry.getKey().id(),
              policy.map(p -> p.rubric().toString()).orElse("none"),
              policy
                  .map(
                      p ->
                          List.of(
                              p.ruleSet().map(r -> "rules " + r).orElse("no rule set"),
                              "set by " + p.changedBy() + ", " + p.changedAt()))
                  .orElse(List.of("Set one in the Policy tab."))));
    }
    cards.add(
        new StatusCard(
            "qe",
            "QE model",
            status.qeModel(),
            List.of(
                status.qeModelShipped()
                    ? "shipped with Earmark; the project has none"
                    : "trained in this project")));
    cards.add(
        status
            .lastExport()
            .map(
                export ->
                    new StatusCard(
                        "export",
                        "Last export",
                        export.batch(),
                        List.of(
                            export.items() + " items",
                            "by " + export.createdBy() + ", " + export.createdAt())))
            .orElse(new StatusCard("export", "Last export", "none yet", List.of())));
    return cards;
  }

  private static final DateTimeFormatter CHECKED_AT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  /**
   * The drift card: the newest drift checks ({@code QeHints#driftHistory}, the call {@code earmark
   * qe drift --history} makes), newest first, one line each naming the import and what it moved.
   */
  public static StatusCard drift(List<ImportDrift> history) {
    if (history.isEmpty()) {
      return new StatusCard(
          "drift",
          "QE drift",
          "no check yet",
          List.of("Checked on every import of at least qe.drift_min_clips clips."));
    }
    long warnings = history.stream().filter(check -> check.drift().warning()).count();
    String figure;
    if (history.size() == 1) {
      figure = warnings == 0 ? "the last import was steady" : "the last import moved";
    } else {
      figure =
          warnings == 0
              ? "steady over the last " + history.size() + " imports"
              : warnings + " of the last " + history.size() + " imports moved";
    }
    List<String> lines = new ArrayList<>();
    for (ImportDrift check : history) {
      lines.add(driftLine(check));
    }
    lines.add("All figures: 'earmark qe drift --history'.");
    return new StatusCard("drift", "QE drift", figure, lines);
  }

  private static String driftLine(ImportDrift check) {
    QeDrift drift = check.drift();
    String importRun =
        drift.importRunId().isPresent()
            ? "import run " + drift.importRunId().getAsLong()
            : "a check not tied to an import";
    String dataset = check.datasetId().map(id -> " of " + id).orElse("");
    return String.format(
        Locale.ROOT,
        "%s, %s%s, %d clips: %s",
        CHECKED_AT.format(drift.computedAt()),
        importRun,
        dataset,
        drift.report().batchSize(),
        drift.movedSummary());
  }
}
