package dev.earmark.storage.export.format;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One row per clip in a delimited table ({@code labels.csv} or {@code labels.tsv}) with a header
 * row: {@code clip_id}, {@code audio} ({@code ../audio/NAME} when the audio travels with the batch,
 * else the absolute path), {@code duration}, {@code sample_rate}, {@code channels}, {@code
 * speaker_id}, {@code language}, {@code transcript}, {@code hypothesis}; a missing value is an
 * empty field.
 *
 * <ul>
 *   <li>{@code csv} follows RFC 4180: fields separated by commas, records ended by CRLF, a field
 *       holding a comma, a double quote, CR or LF is enclosed in double quotes with inner quotes
 *       doubled (line breaks inside a transcript are kept).
 *   <li>{@code tsv} follows the IANA {@code text/tab-separated-values} definition: fields separated
 *       by tabs, records ended by LF, and no field may hold a tab or line break, so those become
 *       spaces (lossy for line breaks).
 * </ul>
 *
 * Lossy: segments and slices are dropped. Stateless, thread-safe.
 */
public final class DelimitedTable implements ExportFormat {
  /** The columns, in order. */
  public static final List<String> COLUMNS =
      List.of(
          "clip_id",
          "audio",
          "duration",
          "sample_rate",
          "channels",
          "speaker_id",
          "language",
          "transcript",
          "hypothesis");

  private final boolean tabs;

  private DelimitedTable(boolean tabs) {
    this.tabs = tabs;
  }

  /** Comma-separated values (RFC 4180), {@code labels.csv}. */
  public static DelimitedTable csv() {
    return new DelimitedTable(false);
  }

  /** Tab-separated values, {@code labels.tsv}. */
  public static DelimitedTable tsv() {
    return new DelimitedTable(true);
  }

  @Override
  public String id() {
    return tabs ? "tsv" : "csv";
  }

  @Override
  public List<Path> write(List<ExportClip> clips, Path outDir) {
    StringBuilder out = new StringBuilder();
    row(out, COLUMNS);
    for (ExportClip clip : FormatFiles.sorted(clips)) {
      List<String> values = new ArrayList<>();
      values.add(clip.clipId());
      values.add(FormatFiles.audioReference(clip));
      values.add(FormatFiles.seconds(clip.durationSeconds()));
      values.add(Integer.toString(clip.sampleRate()));
      values.add(Integer.toString(clip.channels()));
      values.add(clip.speakerId());
      values.add(clip.language());
      values.add(clip.transcript());
      values.add(clip.hypothesis());
      row(out, values);
    }
    return List.of(FormatFiles.writeText(outDir.resolve("labels." + id()), out.toString()));
  }

  private void row(StringBuilder out, List<String> values) {
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        out.append(tabs ? '\t' : ',');
      }
      String value = values.get(i) == null ? "" : values.get(i);
      out.append(tabs ? value.replaceAll("[\\t\\r\\n]", " ") : csvField(value));
    }
    out.append(tabs ? "\n" : "\r\n");
  }

  static String csvField(String value) {
    if (value.matches("(?s).*[,\"\\r\\n].*")) {
      return "\"" + value.replace("\"", "\"\"") + "\"";
    }
    return value;
  }
}
