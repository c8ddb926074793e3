package dev.earmark.storage.export.format;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Praat TextGrids in the long text format, one file {@code CLIP.TextGrid} per clip (the clip id
 * with every byte outside ASCII letters, digits, {@code . _ -} written as {@code =HH}). One
 * IntervalTier per speaker, named by the speaker, from the segments; a clip without segments gets
 * one tier (its speaker, or its clip id) with one interval holding the whole transcript. Praat
 * tiers must cover the time axis, so gaps become empty intervals. Times are whole milliseconds; the
 * axis ends at the clip's duration (or a later segment end). Strings are quoted with inner {@code
 * "} doubled; line breaks inside a text are kept (Praat allows them). Files are UTF-8, which Praat
 * reads. Lossy: hypotheses, slices, language and audio paths are dropped. Stateless, thread-safe.
 */
public final class PraatTextGrid implements ExportFormat {
  @Override
  public String id() {
    return "textgrid";
  }

  @Override
  public List<Path> write(List<ExportClip> clips, Path outDir) {
    return writeHashed(clips, outDir).stream().map(WrittenFile::path).toList();
  }

  @Override
  public List<WrittenFile> writeHashed(List<ExportClip> clips, Path outDir) {
    return FormatFiles.writePerClip(
        clips,
        outDir,
        clip -> FormatFiles.fileStem(clip.clipId()) + ".TextGrid",
        clip -> textGrid(SpeakerTiers.of(clip)));
  }

  static String textGrid(SpeakerTiers tiers) {
    String xmax = FormatFiles.millisAsSeconds(tiers.endMillis());
    StringBuilder out = new StringBuilder();
    out.append("File type = \"ooTextFile\"\n");
    out.append("Object class = \"TextGrid\"\n\n");
    out.append("xmin = 0 \n");
    out.append("xmax = ").append(xmax).append(" \n");
    out.append("tiers? <exists> \n");
    out.append("size = ").append(tiers.tiers().size()).append(" \n");
    out.append("item []: \n");
    int tierNumber = 0;
    for (Map.Entry<String, List<SpeakerTiers.Interval>> tier : tiers.tiers().entrySet()) {
      List<SpeakerTiers.Interval> intervals = filled(tier.getValue(), tiers.endMillis());
      out.append("    item [").append(++tierNumber).append("]:\n");
      out.append("        class = \"IntervalTier\" \n");
      out.append("        name = ").append(quoted(tier.getKey())).append(" \n");
      out.append("        xmin = 0 \n");
      out.append("        xmax = ").append(xmax).append(" \n");
      out.append("        intervals: size = ").append(intervals.size()).append(" \n");
      int intervalNumber = 0;
      for (SpeakerTiers.Interval interval : intervals) {
        out.append("        intervals [").append(++intervalNumber).append("]:\n");
        out.append("            xmin = ")
            .append(FormatFiles.millisAsSeconds(interval.startMillis()))
            .append(" \n");
        out.append("            xmax = ")
            .append(FormatFiles.millisAsSeconds(interval.endMillis()))
            .append(" \n");
        out.append("            text = ").append(quoted(interval.text())).append(" \n");
      }
    }
    return out.toString();
  }

  /** The tier's intervals with empty ones filling every gap from 0 to {@code end}. */
  private static List<SpeakerTiers.Interval> filled(List<SpeakerTiers.Interval> tier, long end) {
    List<SpeakerTiers.Interval> filled = new ArrayList<>();
    long cursor = 0;
    for (SpeakerTiers.Interval interval : tier) {
      if (interval.startMillis() > cursor) {
        filled.add(new SpeakerTiers.Interval(cursor, interval.startMillis(), ""));
      }
      filled.add(interval);
      cursor = interval.endMillis();
    }
    if (cursor < end) {
      filled.add(new SpeakerTiers.Interval(cursor, end, ""));
    }
    return filled;
  }

  static String quoted(String text) {
    return "\"" + text.replace("\"", "\"\"") + "\"";
  }
}
