package dev.earmark.storage.export.format;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * NIST STM references ({@code reference.stm}) for sclite: one line {@code FILE 1 SPEAKER BEGIN END
 * WORDS} per segment, or per clip (0 to its duration) when it has no segments. File and speaker ids
 * are the clip and speaker ids with every byte outside ASCII letters, digits, {@code . _ -} written
 * as {@code =HH}; a clip without speaker uses its clip id. Lines are sorted by file id, then begin
 * time, as sclite expects. Words are escaped as {@link SclText} describes, except that well-formed
 * alternations ({@code {are not / have not}}) stay, as choices for sclite. Lossy: audio paths,
 * slices, language and line breaks are dropped. Score with {@code sclite -r reference.stm stm -h
 * hypothesis.ctm ctm} (add {@code -s}: without it sclite ignores case). Stateless, thread-safe.
 */
public final class StmReferences implements ExportFormat {
  /** The file this format writes. */
  public static final String FILE_NAME = "reference.stm";

  @Override
  public boolean scoresWords() {
    return true;
  }

  @Override
  public String id() {
    return "stm";
  }

  @Override
  public List<Path> write(List<ExportClip> clips, Path outDir) {
    List<ExportClip> ordered = new ArrayList<>(FormatFiles.sorted(clips));
    ordered.sort(java.util.Comparator.comparing(SclText::fileId));
    List<String> lines = new ArrayList<>();
    for (ExportClip clip : ordered) {
      List<ExportClip.Segment> segments = FormatFiles.textSegments(clip);
      for (ExportClip.Segment segment : segments) {
        StringBuilder line =
            new StringBuilder()
                .append(SclText.fileId(clip))
                .append(" 1 ")
                .append(SclText.speaker(FormatFiles.speakerOf(clip, segment)))
                .append(' ')
                .append(FormatFiles.seconds(segment.startSeconds()))
                .append(' ')
                .append(FormatFiles.seconds(segment.endSeconds()));
        for (String word : SclText.referenceWords(segment.text())) {
          line.append(' ').append(word);
        }
        lines.add(line.toString());
      }
    }
    return List.of(FormatFiles.writeLines(outDir.resolve(FILE_NAME), lines));
  }
}
