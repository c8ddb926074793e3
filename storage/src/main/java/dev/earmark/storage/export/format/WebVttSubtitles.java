package dev.earmark.storage.export.format;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * WebVTT subtitles, one file {@code CLIP.vtt} per clip (file names as in {@link PraatTextGrid}):
 * the {@code WEBVTT} signature line, a blank line, then one cue per text stretch ({@code
 * HH:MM:SS.mmm --> HH:MM:SS.mmm}, then the payload, then a blank line). A speaker named by the
 * label becomes a voice span {@code <v NAME>}. Payloads are one line; {@code &}, {@code <} and
 * {@code >} are written as character references, so a payload never holds {@code -->} or a tag of
 * its own. Stretches with no text give no cue. Lossy: hypotheses, slices, language, audio paths and
 * line breaks are dropped. Stateless, thread-safe.
 */
public final class WebVttSubtitles implements ExportFormat {
  @Override
  public String id() {
    return "webvtt";
  }

  @Override
  public List<Path> write(List<ExportClip> clips, Path outDir) {
    List<Path> written = new ArrayList<>();
    for (ExportClip clip : FormatFiles.sorted(clips)) {
      StringBuilder out = new StringBuilder("WEBVTT\n\n");
      for (SubtitleCues.Cue cue : SubtitleCues.of(clip)) {
        out.append(SubtitleCues.timestamp(cue.startMillis(), '.'))
            .append(" --> ")
            .append(SubtitleCues.timestamp(cue.endMillis(), '.'))
            .append('\n');
        if (cue.speaker() != null) {
          out.append("<v ").append(escape(FormatFiles.oneLine(cue.speaker()))).append('>');
        }
        out.append(escape(cue.text())).append("\n\n");
      }
      Path file = outDir.resolve(FormatFiles.fileStem(clip.clipId()) + ".vtt");
      written.add(FormatFiles.writeText(file, out.toString()));
    }
    return written;
  }

  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
