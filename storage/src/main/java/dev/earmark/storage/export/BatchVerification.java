package dev.earmark.storage.export;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link BatchVerifier} found in a batch directory. Immutable.
 *
 * @param directory the directory checked
 * @param batchName the manifest's batch name, or empty when the manifest could not be read
 * @param filesChecked how many files the manifest lists
 * @param problems every problem found, in a stable order; empty when the batch is intact
 */
public record BatchVerification(
    Path directory, String batchName, int filesChecked, List<Problem> problems) {
  public BatchVerification {
    problems = List.copyOf(problems);
  }

  /** True when every file is present, unaltered and listed, and the manifest is whole. */
  public boolean intact() {
    return problems.isEmpty();
  }

  /**
   * One problem.
   *
   * @param kind {@code missing-file}, {@code extra-file}, {@code altered-file}, {@code
   *     manifest-field}, {@code missing-manifest}, {@code unfinished-export}, {@code
   *     unresolved-path} (an audio path in a batch with its audio that does not lead to a file
   *     inside the batch), {@code symlink} (a symbolic link, never followed), {@code missing-item},
   *     {@code extra-item} or {@code altered-item} (labels.jsonl against the manifest's items), and
   *     with a project {@code other-project}, {@code not-recorded} or {@code manifest-differs}
   * @param subject the file (relative, {@code /}-separated) or manifest field concerned
   * @param detail a plain sentence saying what is wrong
   */
  public record Problem(String kind, String subject, String detail) {}
}
