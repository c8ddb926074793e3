package dev.earmark.storage.export.format;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * SubRip subtitles, one file {@code CLIP.srt} per clip (file names as in {@link PraatTextGrid}):
 * numbered cues from 1, each {@code N}, {@code HH:MM:SS,mmm --> HH:MM:SS,mmm}, the text on one line
 * and a blank line. SubRip has no speaker markup and no escapes, so a speaker named by the label is
 * written as a {@code NAME: } prefix. Stretches with no text give no cue. Lossy: hypotheses,
 * slices, language, audio paths and line breaks are dropped. Stateless, thread-safe.
 */
public final class SrtSubtitles implements ExportFormat {
  @Override
  public String id() {
    return "srt";
  }

  @Override
  public List<Path> write(List<ExportClip> clips, Path outDir) {
    List<Path> written = new ArrayList<>();
    for (ExportClip clip : FormatFiles.sorted(clips)) {
      StringBuilder out = new StringBuilder();
      int number = 0;
      for (SubtitleCues.Cue cue : SubtitleCues.of(clip)) {
        out.append(++number)
            .append('\n')
            .append(SubtitleCues.timestamp(cue.startMillis(), ','))
            .append(" --> ")
            .append(SubtitleCues.timestamp(cue.endMillis(), ','))
            .append('\n');
        if (cue.speaker() != null) {
          out.append(FormatFiles.oneLine(cue.speaker())).append(": ");
        }
        out.append(cue.text()).append("\n\n");
      }
      Path file = outDir.resolve(FormatFiles.fileStem(clip.clipId()) + ".srt");
      written.add(FormatFiles.writeText(file, out.toString()));
    }
    return written;
  }
}
