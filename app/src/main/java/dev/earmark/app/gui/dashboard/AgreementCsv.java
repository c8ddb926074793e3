package dev.earmark.app.gui.dashboard;

import dev.earmark.storage.agreement.NumberRow;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Writes the dashboard's numbers as CSV (RFC 4180: comma separated, fields with a comma, quote or
 * line break quoted, quotes doubled; UTF-8; numbers with a dot and full precision, an empty field
 * where there is no value). One header line, then one line per {@link NumberRow}. Stateless.
 */
public final class AgreementCsv {
  /** The header line's fields. */
  public static final List<String> HEADER =
      List.of(
          "task_type",
          "field",
          "section",
          "subject",
          "metric",
          "value",
          "ci95_low",
          "ci95_high",
          "items",
          "note");

  private AgreementCsv() {}

  /** Writes {@code rows} to {@code file}, replacing it. */
  public static void write(List<NumberRow> rows, Path file) throws IOException {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      write(rows, out);
    }
  }

  /** Writes {@code rows} to {@code out} (not closed). */
  public static void write(List<NumberRow> rows, Writer out) throws IOException {
    out.write(String.join(",", HEADER));
    out.write("\r\n");
    for (NumberRow row : rows) {
      out.write(
          String.join(
              ",",
              field(row.taskType()),
              field(row.field()),
              field(row.section()),
              field(row.subject()),
              field(row.metric()),
              number(row.value()),
              number(row.low()),
              number(row.high()),
              Integer.toString(row.items()),
              field(row.note())));
      out.write("\r\n");
    }
    out.flush();
  }

  static String field(String text) {
    if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
      return '"' + text.replace("\"", "\"\"") + '"';
    }
    return text;
  }

  private static String number(OptionalDouble value) {
    return value.isPresent() ? String.format(Locale.ROOT, "%s", value.getAsDouble()) : "";
  }
}
