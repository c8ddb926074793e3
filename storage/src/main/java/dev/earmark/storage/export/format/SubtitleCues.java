package dev.earmark.storage.export.format;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The cues of a clip shared by the subtitle formats (WebVTT, SRT): its text stretches ({@link
 * FormatFiles#textSegments}) with text, in time order, in whole milliseconds, each with the speaker
 * named by the label (never the clip id fallback). Stateless.
 */
final class SubtitleCues {
  private SubtitleCues() {}

  /** One cue. {@code speaker} is null when the label names none. */
  record Cue(long startMillis, long endMillis, String speaker, String text) {}

  static List<Cue> of(ExportClip clip) {
    List<Cue> cues = new ArrayList<>();
    for (ExportClip.Segment segment : FormatFiles.textSegments(clip)) {
      String text = FormatFiles.oneLine(segment.text());
      long start = FormatFiles.millis(segment.startSeconds());
      long end = FormatFiles.millis(segment.endSeconds());
      if (text.isEmpty() || end <= start) {
        continue;
      }
      String speaker = segment.speakerId() != null ? segment.speakerId() : clip.speakerId();
      cues.add(new Cue(start, end, speaker, text));
    }
    cues.sort(Comparator.comparingLong(Cue::startMillis).thenComparingLong(Cue::endMillis));
    return cues;
  }

  /** {@code HH:MM:SS} + {@code fraction separator} + three-digit milliseconds. */
  static String timestamp(long millis, char separator) {
    return String.format(
        Locale.ROOT,
        "%02d:%02d:%02d%c%03d",
        millis / 3_600_000,
        millis / 60_000 % 60,
        millis / 1000 % 60,
        separator,
        millis % 1000);
  }
}
