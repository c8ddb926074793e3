package dev.earmark.storage.export.format;

import java.nio.file.Path;
import java.util.List;

/**
 * One interchange format an export can write. Implementations are stateless apart from their
 * construction parameters, thread-safe, and deterministic: the same clips (in any order) give
 * byte-identical files.
 */
public interface ExportFormat {
  /** The short name used on the command line and in manifests, e.g. {@code kaldi}. */
  String id();

  /**
   * Writes {@code clips} into {@code outDir} (created if missing), replacing files of the same
   * names. The directory should belong to this format alone: several formats use fixed file names.
   *
   * @return the files written, in a deterministic order
   * @throws dev.earmark.storage.StorageException when the clips cannot be expressed in the format
   *     (duplicate ids, overlapping segments of one speaker, ...) or a file cannot be written; the
   *     message names the clip or file
   */
  List<Path> write(List<ExportClip> clips, Path outDir);

  /**
   * Like {@link #write}, returning each file with the SHA-256 of what was written where the writer
   * took it on the way ({@code null} where the caller must read the file back). Per-clip formats
   * render, hash and write their documents on every core; the files and their order are those of
   * {@link #write}.
   */
  default List<WrittenFile> writeHashed(List<ExportClip> clips, Path outDir) {
    return write(clips, outDir).stream().map(path -> new WrittenFile(path, null)).toList();
  }

  /**
   * Whether the format carries text that is scored or trained on as words (STM, CTM, Kaldi, trn),
   * so an export asked to normalize hands it transcripts normalized by the policy's rule set.
   */
  default boolean scoresWords() {
    return false;
  }
}
