package dev.earmark.storage.fault;

import dev.earmark.storage.LabelingFixture;
import dev.earmark.storage.TestClocks;
import dev.earmark.storage.importer.Importer;
import dev.earmark.storage.project.Project;
import java.nio.file.Path;

/**
 * Child process of {@link KillTest}: imports a manifest into an embedded project and prints {@code
 * progress <done> <total>} after each committed chunk. The parent kills it with SIGKILL mid-run.
 */
public final class ImportRun {
  private ImportRun() {}

  public static void main(String[] args) {
    Path projectDir = Path.of(args[0]);
    Path manifest = Path.of(args[1]);
    Path contract = Path.of(args[2]);
    try (Project project = Project.openEmbedded(projectDir, false, TestClocks.FIXED)) {
      new Importer(project)
          .run(
              LabelingFixture.LEAD,
              manifest,
              contract,
              (done, total) -> {
                System.out.println("progress " + done + " " + total);
                System.out.flush();
              });
      System.out.println("finished");
    }
  }
}
