package dev.earmark.storage.export.format;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * NIST sclite {@code trn} transcripts: {@code reference.trn} and {@code hypothesis.trn}, one line
 * {@code WORDS (SPEAKER-CLIP)} per clip, for {@code sclite -r reference.trn trn -h hypothesis.trn
 * trn -i rm}. The utterance id is the clip's speaker (or clip id) and its clip id in the characters
 * sclite's ids accept, with {@code -} inside the speaker escaped too ({@code _HH}, as {@link
 * StmReferences} maps ids), so the first {@code -} separates speaker and utterance. Words are
 * escaped as in STM/CTM; the reference keeps well-formed alternations. Every clip has a reference
 * line; clips without hypothesis have an empty hypothesis line, so sclite counts their words as
 * deletions. Lines are sorted by id. Lossy: times, segments, audio paths, slices and language are
 * dropped. Stateless, thread-safe.
 */
public final class TrnTranscripts implements ExportFormat {
  /** The reference file. */
  public static final String REFERENCE = "reference.trn";

  /** The hypothesis file. */
  public static final String HYPOTHESIS = "hypothesis.trn";

  @Override
  public boolean scoresWords() {
    return true;
  }

  @Override
  public String id() {
    return "trn";
  }

  /** The trn utterance id of a clip. */
  public static String utteranceId(ExportClip clip) {
    return SclText.speaker(clip.effectiveSpeaker()).replace("-", "_2D")
        + "-"
        + SclText.fileId(clip);
  }

  @Override
  public List<Path> write(List<ExportClip> clips, Path outDir) {
    List<ExportClip> ordered = new ArrayList<>(FormatFiles.sorted(clips));
    ordered.sort(Comparator.comparing(TrnTranscripts::utteranceId));
    List<String> references = new ArrayList<>();
    List<String> hypotheses = new ArrayList<>();
    for (ExportClip clip : ordered) {
      String id = " (" + utteranceId(clip) + ")";
      references.add(String.join(" ", SclText.referenceWords(clip.transcript())) + id);
      String hypothesis = clip.hypothesis() == null ? "" : clip.hypothesis();
      hypotheses.add(String.join(" ", SclText.words(hypothesis)) + id);
    }
    return List.of(
        FormatFiles.writeLines(outDir.resolve(REFERENCE), references),
        FormatFiles.writeLines(outDir.resolve(HYPOTHESIS), hypotheses));
  }
}
