package dev.earmark.app.gui;

import java.io.PrintWriter;
import java.nio.file.Path;
import javafx.application.Application;

/**
 * Starts the JavaFX toolkit. Kept apart from the command line so that headless subcommands never
 * load a JavaFX class.
 */
public final class WorkbenchLauncher {
  private WorkbenchLauncher() {}

  /** Opens the workbench and returns once its window is closed. */
  public static int open(Path project, PrintWriter err) {
    WorkbenchApp.initialProject = project.toAbsolutePath().normalize();
    try {
      Application.launch(WorkbenchApp.class);
      return 0;
    } catch (UnsupportedOperationException | IllegalStateException e) {
      err.println(
          "earmark: cannot open a window ("
              + e.getMessage()
              + "); set DISPLAY, or run a subcommand such as 'earmark --help'");
      err.flush();
      return 2;
    }
  }
}
