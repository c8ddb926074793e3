package dev.earmark.storage.labelimport;

import dev.earmark.storage.adjudicate.DisputeRecord;
import java.util.List;

/**
 * The outcome of importing one label file: one outcome per non-blank line, in file order, and the
 * disputes routing opened among the clips the file labels. Immutable.
 */
public record LabelImportReport(
    String annotatorId, List<LineOutcome> lines, List<DisputeRecord> disputesOpened) {
  public LabelImportReport {
    lines = List.copyOf(lines);
    disputesOpened = List.copyOf(disputesOpened);
  }

  /** Lines stored by this import. */
  public long imported() {
    return lines.stream().filter(LineOutcome.Imported.class::isInstance).count();
  }

  /** Lines whose label was already there, identical. */
  public long unchanged() {
    return lines.stream().filter(LineOutcome.Unchanged.class::isInstance).count();
  }

  /** Lines refused, each with its reason. */
  public long refused() {
    return lines.stream().filter(LineOutcome.Refused.class::isInstance).count();
  }

  /** Clips assigned to the annotator by this import. */
  public long assigned() {
    return lines.stream()
        .filter(l -> l instanceof LineOutcome.Imported imported && imported.assigned())
        .count();
  }

  /**
   * The counts in one line, e.g. {@code ann-a: 3 imported, 0 unchanged, 1 refused; 1 clips assigned
   * first}.
   */
  public String summary() {
    return annotatorId
        + ": "
        + imported()
        + " imported, "
        + unchanged()
        + " unchanged, "
        + refused()
        + " refused; "
        + assigned()
        + " clips assigned first";
  }

  /** True when the file had lines and every one was refused. */
  public boolean allRefused() {
    return !lines.isEmpty() && refused() == lines.size();
  }
}
