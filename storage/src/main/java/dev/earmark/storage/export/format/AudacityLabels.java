package dev.earmark.storage.export.format;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Audacity label tracks, one file {@code CLIP.txt} per clip (file names as in {@link
 * PraatTextGrid}), as Audacity's "Import Labels" reads them: one line {@code
 * START<TAB>END<TAB>LABEL} per text stretch ({@link FormatFiles#textSegments}), seconds with six
 * decimals as Audacity writes them, in time order. A speaker named by the label is a {@code NAME: }
 * prefix of the label. Tabs and line breaks inside a text become spaces. Lossy: hypotheses, slices,
 * language and audio paths are dropped. Stateless, thread-safe.
 */
public final class AudacityLabels implements ExportFormat {
  @Override
  public String id() {
    return "audacity";
  }

  @Override
  public List<Path> write(List<ExportClip> clips, Path outDir) {
    List<Path> written = new ArrayList<>();
    for (ExportClip clip : FormatFiles.sorted(clips)) {
      List<String> lines = new ArrayList<>();
      for (ExportClip.Segment segment : FormatFiles.textSegments(clip)) {
        String speaker = segment.speakerId() != null ? segment.speakerId() : clip.speakerId();
        String label = FormatFiles.oneLine(segment.text());
        if (speaker != null) {
          label = FormatFiles.oneLine(speaker) + ": " + label;
        }
        lines.add(
            String.format(
                Locale.ROOT,
                "%.6f\t%.6f\t%s",
                FormatFiles.millis(segment.startSeconds()) / 1000.0,
                FormatFiles.millis(segment.endSeconds()) / 1000.0,
                label.strip()));
      }
      Path file = outDir.resolve(FormatFiles.fileStem(clip.clipId()) + ".txt");
      written.add(FormatFiles.writeLines(file, lines));
    }
    return written;
  }
}
