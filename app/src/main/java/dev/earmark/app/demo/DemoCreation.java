package dev.earmark.app.demo;

import dev.earmark.fixtures.DemoDataset;
import dev.earmark.storage.demo.DemoProgress;
import dev.earmark.storage.demo.DemoProject;
import dev.earmark.storage.demo.DemoReport;
import dev.earmark.storage.project.Project;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;

/**
 * Builds the bundled demo project: {@code earmark demo} and the workbench's first run (and its
 * "Open the demo project") both come here, so both make the same project. Stateless.
 */
public final class DemoCreation {
  /** The folder under the project directory that holds the copied demo dataset. */
  public static final String DATA_FOLDER = "demo-data";

  private DemoCreation() {}

  /**
   * Creates (or completes) the demo project in the embedded project directory {@code projectDir} on
   * behalf of {@code user}. {@code clock} gives the day the demo is built on: its retention dates
   * are set relative to it.
   */
  public static DemoReport create(Path projectDir, String user, Clock clock) {
    return create(projectDir, user, clock, DemoProgress.NONE);
  }

  /**
   * As {@link #create(Path, String, Clock)}, telling {@code progress} of each step: creating the
   * database and copying the data, then each of {@link DemoProject#STEPS}.
   */
  public static DemoReport create(
      Path projectDir, String user, Clock clock, DemoProgress progress) {
    int steps = DemoProject.STEPS.size() + 1;
    progress.step(1, steps, "Creating the project and copying the demo clips");
    try (Project project = Project.openEmbedded(projectDir, true, clock)) {
      return build(
          project,
          projectDir.resolve(DATA_FOLDER),
          user,
          (step, of, what) -> progress.step(step + 1, steps, what));
    }
  }

  /**
   * Copies the demo dataset to {@code data} and builds the demo in the open {@code project}.
   *
   * @throws CopyFailed when the data cannot be copied; its message names the folder
   */
  public static DemoReport build(Project project, Path data, String user, DemoProgress progress) {
    try {
      DemoDataset.copyTo(data, LocalDate.now(project.clock()));
    } catch (IOException e) {
      throw new CopyFailed("cannot copy the demo data to " + data + ": " + e.getMessage(), e);
    }
    return new DemoProject(project).build(data, user, progress);
  }

  /** The demo dataset could not be copied into the project (the user's to fix: space, rights). */
  public static final class CopyFailed extends UncheckedIOException {
    private static final long serialVersionUID = 1L;

    CopyFailed(String message, IOException cause) {
      super(message, cause);
    }
  }
}
