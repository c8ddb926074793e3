package dev.earmark.app.gui;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.application.Application;

/**
 * Starts the JavaFX toolkit. Kept apart from the command line so that headless subcommands never
 * load a JavaFX class.
 */
public final class WorkbenchLauncher {
  /**
   * JavaFX warns "Unsupported JavaFX configuration" when loaded from the class path, which is how
   * Earmark runs (see docs/decisions/0001-build-layout.md). The warning is harmless, so it is kept
   * out of the user's terminal; the logger is held here so the setting is not garbage collected.
   */
  private static final Logger JAVAFX_STARTUP_LOG =
      Logger.getLogger("com.sun.javafx.application.PlatformImpl");

  private WorkbenchLauncher() {}

  /** Opens the workbench and returns once its window is closed. */
  public static int open(Path project, PrintWriter err) {
    WorkbenchApp.initialProject = project.toAbsolutePath().normalize();
    JAVAFX_STARTUP_LOG.setLevel(Level.SEVERE);
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
