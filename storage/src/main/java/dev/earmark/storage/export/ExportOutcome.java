package dev.earmark.storage.export;

import dev.earmark.engine.release.ReleaseBlocker;
import java.nio.file.Path;
import java.util.List;

/** What an export did: wrote a batch, or stopped at release blockers. Immutable. */
public sealed interface ExportOutcome {
  /**
   * The batch directory is in place and the batch is recorded.
   *
   * @param reproduced true when the batch already existed and this export reproduced it
   */
  record Exported(
      long batchId,
      String batchName,
      Path directory,
      int items,
      int excluded,
      String manifestSha256,
      List<String> files,
      boolean reproduced)
      implements ExportOutcome {
    public Exported {
      files = List.copyOf(files);
    }
  }

  /** Nothing was written: these blockers were found and not allowed. */
  record Blocked(List<ReleaseBlocker> blockers) implements ExportOutcome {
    public Blocked {
      blockers = List.copyOf(blockers);
    }
  }
}
