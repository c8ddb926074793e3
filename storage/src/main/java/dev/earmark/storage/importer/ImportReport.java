package dev.earmark.storage.importer;

import java.util.List;

/**
 * What one import run did. Kept in the project ({@code import_runs.report_json}) and printed by
 * {@code earmark import}.
 *
 * @param imported clips that became active in this run
 * @param alreadyPresent manifest clips the project already had (re-running an import adds nothing)
 * @param quarantined clips whose audio is unusable, with the audio module's reason
 * @param excluded clips whose consent or retention does not allow labeling
 * @param errors malformed manifest lines
 * @param warnings clips imported but worth a look (declared duration off, same audio twice)
 */
public record ImportReport(
    long runId,
    String datasetId,
    String manifest,
    int imported,
    int alreadyPresent,
    List<ClipOutcome> quarantined,
    List<ClipOutcome> excluded,
    List<ClipOutcome> errors,
    List<ClipOutcome> warnings) {
  public ImportReport {
    quarantined = List.copyOf(quarantined);
    excluded = List.copyOf(excluded);
    errors = List.copyOf(errors);
    warnings = List.copyOf(warnings);
  }
}
