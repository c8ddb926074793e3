package dev.earmark.app.gui;

import dev.earmark.app.gui.shell.ProjectPreload;
import dev.earmark.app.gui.shell.StartupProject;
import dev.earmark.storage.project.Project;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
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
  private static final Logger JAVAFX_STARTUP_LOG = Logger.getLogger("javafx");

  private WorkbenchLauncher() {}

  /**
   * Opens the workbench and returns once its window is closed. Without a named project it opens the
   * last project opened, or the default project; when the default project does not exist yet (a
   * first run), the window builds the demo project there the same way {@code earmark demo} does,
   * opens it, and greets with the welcome screen's other choices (open, create, import).
   *
   * @param project the project the command line names (its default when none was given)
   * @param named whether the user named the project ({@code --project} or $EARMARK_PROJECT)
   * @param defaultProject the default project location
   * @param claimed who claims to act ({@code --user}), or null: the OS account's user
   */
  public static int open(
      Path project, boolean named, Path defaultProject, String claimed, PrintWriter err) {
    // The OS login's own name is no claim (OpenedProject); it names the lead of a demo made here.
    String user = claimed != null ? claimed : System.getProperty("user.name", "lead");
    Path lastFile =
        StartupProject.lastProjectFile(System.getenv(), System.getProperty("user.home"));
    StartupProject.Choice choice =
        StartupProject.choose(
            named ? Optional.of(project) : Optional.empty(),
            defaultProject,
            StartupProject.readLast(lastFile),
            Project::exists);
    // First run (no project named, none remembered, no demo yet): the demo project, built in the
    // window with its progress shown, then a welcome banner (issues 7 and 11).
    WorkbenchApp.firstRun = choice.createDemo();
    WorkbenchApp.initialProject = choice.project();
    // Open the project while the toolkit starts: both take about as long (P9).
    ProjectPreload preload =
        choice.createDemo()
            ? null
            : ProjectPreload.start(choice.project(), user, Clock.systemDefaultZone());
    WorkbenchApp.preload = preload;
    WorkbenchApp.initialUser = user;
    WorkbenchApp.demoProject = defaultProject;
    WorkbenchApp.lastProjectFile = lastFile;
    JAVAFX_STARTUP_LOG.setLevel(Level.SEVERE);
    try {
      Application.launch(WorkbenchApp.class);
      return 0;
    } catch (UnsupportedOperationException | IllegalStateException e) {
      if (preload != null) {
        preload.discard();
      }
      err.println(
          "earmark: cannot open a window ("
              + e.getMessage()
              + "); set DISPLAY, or run a subcommand such as 'earmark --help'");
      err.flush();
      return 2;
    }
  }
}
