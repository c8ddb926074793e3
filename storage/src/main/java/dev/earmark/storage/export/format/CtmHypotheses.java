package dev.earmark.storage.export.format;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * NIST CTM hypotheses ({@code hypothesis.ctm}) for sclite: one line {@code FILE 1 BEGIN DURATION
 * WORD} per word of each clip's ASR hypothesis (clips without one write nothing; sclite then counts
 * their reference words as deletions). File ids are those of {@link StmReferences}.
 *
 * <p>Times are invented: Earmark stores a hypothesis as text, so its words are spread evenly, in
 * whole milliseconds, over the clip's speech time (the union of its segments, or the whole clip
 * when it has none) and never fall into a gap between segments. With several segments a word may
 * still be scored against a neighbouring segment than the one it was spoken in; per-clip scores of
 * unsegmented clips are exact. Words are escaped as {@link SclText} describes. Stateless,
 * thread-safe.
 */
public final class CtmHypotheses implements ExportFormat {
  /** The file this format writes. */
  public static final String FILE_NAME = "hypothesis.ctm";

  @Override
  public boolean scoresWords() {
    return true;
  }

  @Override
  public String id() {
    return "ctm";
  }

  @Override
  public List<Path> write(List<ExportClip> clips, Path outDir) {
    List<ExportClip> ordered = new ArrayList<>(FormatFiles.sorted(clips));
    ordered.sort(Comparator.comparing(SclText::fileId));
    List<String> lines = new ArrayList<>();
    for (ExportClip clip : ordered) {
      if (clip.hypothesis() == null) {
        continue;
      }
      List<String> words = SclText.words(clip.hypothesis());
      List<long[]> spans = speechSpans(clip);
      long total = spans.stream().mapToLong(span -> span[1] - span[0]).sum();
      for (int i = 0; i < words.size(); i++) {
        long from = total * i / words.size();
        long to = total * (i + 1) / words.size();
        long[] placed = place(spans, from, to);
        lines.add(
            SclText.fileId(clip)
                + " 1 "
                + FormatFiles.millisAsSeconds(placed[0])
                + " "
                + FormatFiles.millisAsSeconds(placed[1])
                + " "
                + words.get(i));
      }
    }
    return List.of(FormatFiles.writeLines(outDir.resolve(FILE_NAME), lines));
  }

  /** The clip's speech time in milliseconds: merged segments, or the whole clip. */
  static List<long[]> speechSpans(ExportClip clip) {
    List<long[]> spans = new ArrayList<>();
    if (clip.segments().isEmpty()) {
      spans.add(new long[] {0, FormatFiles.millis(clip.durationSeconds())});
      return spans;
    }
    for (ExportClip.Segment segment : FormatFiles.timeOrdered(clip.segments())) {
      long start = FormatFiles.millis(segment.startSeconds());
      long end = FormatFiles.millis(segment.endSeconds());
      long[] last = spans.isEmpty() ? null : spans.get(spans.size() - 1);
      if (last != null && start <= last[1]) {
        last[1] = Math.max(last[1], end);
      } else if (end > start) {
        spans.add(new long[] {start, end});
      }
    }
    return spans;
  }

  /**
   * Maps the stretch [{@code from}, {@code to}) of concatenated speech time to a real start and a
   * duration that stays inside the span where it starts.
   */
  private static long[] place(List<long[]> spans, long from, long to) {
    long offset = from;
    for (long[] span : spans) {
      long length = span[1] - span[0];
      if (offset < length || span == spans.get(spans.size() - 1)) {
        long start = span[0] + Math.min(offset, length);
        return new long[] {start, Math.min(to - from, span[1] - start)};
      }
      offset -= length;
    }
    return new long[] {0, 0};
  }
}
