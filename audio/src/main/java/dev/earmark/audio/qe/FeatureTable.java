package dev.earmark.audio.qe;

import dev.earmark.audio.features.FeatureSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Training rows as a CSV file, so a corpus's measurements can be committed and trained on without
 * its audio: header {@code id,group,wer,} then {@link FeatureSchema#NAMES} in order; one row per
 * clip; {@code group} may be empty (no cross-validation group). Numbers are written with {@link
 * Double#toString}, so reading a written table gives the same rows to the bit. Ids and groups must
 * not hold commas, quotes or line breaks.
 */
public final class FeatureTable {
  private static final List<String> LEADING = List.of("id", "group", "wer");

  private FeatureTable() {}

  /** The header line. */
  public static String header() {
    List<String> columns = new ArrayList<>(LEADING);
    columns.addAll(FeatureSchema.NAMES);
    return String.join(",", columns);
  }

  /** Writes {@code rows} to {@code file}. */
  public static void write(Path file, List<TrainingRow> rows) {
    StringBuilder text = new StringBuilder(header()).append('\n');
    for (TrainingRow row : rows) {
      for (String field : new String[] {row.clipId(), row.group() == null ? "" : row.group()}) {
        if (field.matches(".*[,\"\\r\\n].*")) {
          throw new QeModelException(
              "Clip " + row.clipId() + ": an id or group with a comma, quote or line break.");
        }
      }
      text.append(row.clipId()).append(',').append(row.group() == null ? "" : row.group());
      text.append(',').append(row.targetWer());
      for (double value : row.features()) {
        text.append(',').append(value);
      }
      text.append('\n');
    }
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads a table written by {@link #write}.
   *
   * @throws QeModelException naming the file, line and column of the first bad value, or a header
   *     of another feature schema
   */
  public static List<TrainingRow> read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new QeModelException(file + ": cannot read the feature table (" + e + ")");
    }
    if (lines.isEmpty() || !lines.get(0).strip().equals(header())) {
      throw new QeModelException(
          file
              + ":1: the header is not that of feature schema v"
              + FeatureSchema.VERSION
              + " ("
              + header()
              + "); regenerate the table with earmark qe features.");
    }
    List<String> columns = List.of(header().split(","));
    List<TrainingRow> rows = new ArrayList<>();
    for (int index = 1; index < lines.size(); index++) {
      String line = lines.get(index);
      if (line.isBlank()) {
        continue;
      }
      String where = file + ":" + (index + 1);
      String[] cells = line.split(",", -1);
      if (cells.length != columns.size()) {
        throw new QeModelException(
            where + ": " + cells.length + " values; the header has " + columns.size() + ".");
      }
      double[] values = new double[cells.length];
      for (int c = 2; c < cells.length; c++) {
        try {
          values[c] = Double.parseDouble(cells[c]);
        } catch (NumberFormatException e) {
          throw new QeModelException(
              where + ": column " + columns.get(c) + " is not a number: '" + cells[c] + "'.");
        }
      }
      double[] features = new double[FeatureSchema.NAMES.size()];
      System.arraycopy(values, LEADING.size(), features, 0, features.length);
      try {
        rows.add(
            new TrainingRow(
                cells[0],
                Features.toList(features),
                values[2],
                cells[1].isEmpty() ? null : cells[1]));
      } catch (QeModelException e) {
        throw new QeModelException(where + ": " + e.getMessage(), e);
      }
    }
    return rows;
  }
}
