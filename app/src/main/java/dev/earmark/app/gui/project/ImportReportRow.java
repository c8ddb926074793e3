package dev.earmark.app.gui.project;

import dev.earmark.storage.importer.ClipOutcome;
import dev.earmark.storage.importer.ImportReport;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One row of the import report table: a manifest line, its clip key, what became of it and why.
 *
 * @param line the manifest line
 * @param clipKey the clip id ("" for a line too broken to have one)
 * @param outcome what became of the clip
 * @param code the stable code of a problem ({@code truncated-data}, {@code retention-expired}…), ""
 *     for an imported clip
 * @param reason one sentence for people, "" for an imported clip
 */
public record ImportReportRow(
    int line, String clipKey, Outcome outcome, String code, String reason) {

  /** What became of one manifest line. */
  public enum Outcome {
    /** The clip is active and can be labeled. */
    IMPORTED("imported"),
    /** Imported, but worth a look (duration off, same audio twice). */
    WARNING("imported, with a warning"),
    /** The audio is unusable; the clip is kept aside with the reason. */
    QUARANTINED("quarantined"),
    /** Consent or retention does not allow labeling. */
    EXCLUDED("excluded"),
    /** The manifest line could not be read. */
    MALFORMED("malformed line");

    private final String words;

    Outcome(String words) {
      this.words = words;
    }

    /** How the table shows it. */
    public String words() {
      return words;
    }
  }

  /** Whether the row needs the lead's attention (everything but a clean import). */
  public boolean isProblem() {
    return outcome != Outcome.IMPORTED;
  }

  /**
   * The rows of {@code report}, in manifest order: the problems it lists, plus {@code imported}
   * (line, key) pairs of the clips that became active in the run. A clip imported with a warning
   * shows once, as the warning.
   */
  public static List<ImportReportRow> of(ImportReport report, List<ImportedClip> imported) {
    List<ImportReportRow> rows = new ArrayList<>();
    add(rows, report.errors(), Outcome.MALFORMED);
    add(rows, report.quarantined(), Outcome.QUARANTINED);
    add(rows, report.excluded(), Outcome.EXCLUDED);
    add(rows, report.warnings(), Outcome.WARNING);
    Set<Integer> warned = new HashSet<>();
    report.warnings().forEach(warning -> warned.add(warning.line()));
    for (ImportedClip clip : imported) {
      if (!warned.contains(clip.line())) {
        rows.add(new ImportReportRow(clip.line(), clip.clipKey(), Outcome.IMPORTED, "", ""));
      }
    }
    rows.sort(Comparator.comparingInt(ImportReportRow::line));
    return rows;
  }

  /** A clip that became active in an import run. */
  public record ImportedClip(int line, String clipKey) {}

  private static void add(List<ImportReportRow> rows, List<ClipOutcome> outcomes, Outcome kind) {
    for (ClipOutcome outcome : outcomes) {
      rows.add(
          new ImportReportRow(
              outcome.line(),
              outcome.clipId() == null ? "" : outcome.clipId(),
              kind,
              outcome.code(),
              outcome.reason()));
    }
  }
}
