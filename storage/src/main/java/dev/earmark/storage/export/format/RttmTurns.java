package dev.earmark.storage.export.format;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * NIST RTTM speaker turns ({@code reference.rttm}) for diarization scoring (md-eval, dscore,
 * pyannote): one line {@code SPEAKER FILE 1 TBEG TDUR <NA> <NA> NAME <NA> <NA>} per segment, ten
 * space-separated fields as the RT-09 evaluation plan defines them. A clip without segments is one
 * turn of its speaker over the whole clip when its transcript is not blank (an empty transcript is
 * no speech, so no turn). File and speaker names are the STM ids ({@code [A-Za-z0-9_-]}, {@code
 * _HH}), so they hold no whitespace. Times are seconds with three decimals; lines are sorted by
 * file, then onset, then speaker. Lossy: every text, audio paths, slices and language are dropped.
 * Stateless, thread-safe.
 */
public final class RttmTurns implements ExportFormat {
  /** The file this format writes. */
  public static final String FILE_NAME = "reference.rttm";

  @Override
  public String id() {
    return "rttm";
  }

  @Override
  public List<Path> write(List<ExportClip> clips, Path outDir) {
    List<ExportClip> ordered = new ArrayList<>(FormatFiles.sorted(clips));
    ordered.sort(Comparator.comparing(SclText::fileId));
    List<String> lines = new ArrayList<>();
    for (ExportClip clip : ordered) {
      List<ExportClip.Segment> turns = new ArrayList<>(FormatFiles.timeOrdered(clip.segments()));
      if (turns.isEmpty() && !clip.transcript().isBlank()) {
        turns.add(new ExportClip.Segment(0, clip.durationSeconds(), null, clip.transcript()));
      }
      turns.sort(
          Comparator.comparingLong((ExportClip.Segment s) -> FormatFiles.millis(s.startSeconds()))
              .thenComparing(s -> SclText.speaker(FormatFiles.speakerOf(clip, s))));
      for (ExportClip.Segment turn : turns) {
        long start = FormatFiles.millis(turn.startSeconds());
        long end = FormatFiles.millis(turn.endSeconds());
        lines.add(
            "SPEAKER "
                + SclText.fileId(clip)
                + " 1 "
                + FormatFiles.millisAsSeconds(start)
                + " "
                + FormatFiles.millisAsSeconds(end - start)
                + " <NA> <NA> "
                + SclText.speaker(FormatFiles.speakerOf(clip, turn))
                + " <NA> <NA>");
      }
    }
    return List.of(FormatFiles.writeLines(outDir.resolve(FILE_NAME), lines));
  }
}
