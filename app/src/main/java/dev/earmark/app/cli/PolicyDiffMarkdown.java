package dev.earmark.app.cli;

import dev.earmark.engine.policy.PolicyDiffReport;
import java.util.Locale;
import java.util.Map;

/**
 * The label-policy diff as a Markdown page for a release review: the totals, a table per slice, and
 * the examples with the rule that caused each change. Same content as the JSON report.
 */
final class PolicyDiffMarkdown {
  private PolicyDiffMarkdown() {}

  static String render(PolicyDiffReport report) {
    StringBuilder md = new StringBuilder();
    PolicyDiffReport.Counts totals = report.totals();
    md.append("# Label-policy diff: ")
        .append(report.from())
        .append(" → ")
        .append(report.to())
        .append("\n\n");
    md.append(
        String.format(
            Locale.ROOT,
            "Of %d items (%d labels), %d change normalized text, %d change WER and %d change"
                + " dispute status. Corpus WER %s → %s.%n%n",
            totals.items(),
            totals.labels(),
            totals.changedNormalizedText(),
            totals.changedWer(),
            totals.changedDispute(),
            percent(totals.werFrom()),
            percent(totals.werTo())));
    md.append("## Per slice\n\n");
    md.append(
        "| slice | items | labels | text changed | WER changed | dispute changed | WER from |"
            + " WER to |\n");
    md.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
    report.bySlice().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            entry -> {
              PolicyDiffReport.Counts c = entry.getValue();
              md.append(
                  String.format(
                      Locale.ROOT,
                      "| %s | %d | %d | %d | %d | %d | %s | %s |%n",
                      cell(entry.getKey()),
                      c.items(),
                      c.labels(),
                      c.changedNormalizedText(),
                      c.changedWer(),
                      c.changedDispute(),
                      percent(c.werFrom()),
                      percent(c.werTo())));
            });
    md.append("\n## Examples\n\n");
    if (report.examples().isEmpty()) {
      md.append("No label changes between these policies.\n");
      return md.toString();
    }
    md.append("| item | slice | annotator | change | before | after | caused by |\n");
    md.append("|---|---|---|---|---|---|---|\n");
    for (PolicyDiffReport.Change change : report.examples()) {
      md.append("| ")
          .append(cell(change.id()))
          .append(" | ")
          .append(cell(change.slice()))
          .append(" | ")
          .append(change.annotator() == null ? "" : cell(change.annotator()))
          .append(" | ")
          .append(kind(change.kind()))
          .append(" | ")
          .append(cell(change.before()))
          .append(" | ")
          .append(cell(change.after()))
          .append(" | ")
          .append(cell(String.join("; ", change.causes())))
          .append(" |\n");
    }
    return md.toString();
  }

  /** The kind of change as a reader says it: "normalized text", "WER", "dispute". */
  static String kind(PolicyDiffReport.Kind kind) {
    return switch (kind) {
      case NORMALIZED_TEXT -> "normalized text";
      case WER -> "WER";
      case DISPUTE -> "dispute";
    };
  }

  private static String cell(String text) {
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ");
  }

  private static String percent(Double value) {
    return value == null ? "n/a" : String.format(Locale.ROOT, "%.1f%%", value * 100);
  }
}
