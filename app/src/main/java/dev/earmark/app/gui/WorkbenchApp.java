package dev.earmark.app.gui;

import dev.earmark.app.gui.background.FxTaskExecutor;
import dev.earmark.app.gui.shell.ProjectPreload;
import dev.earmark.app.gui.shell.StartupProbe;
import dev.earmark.app.gui.shell.StartupProject;
import dev.earmark.app.gui.shell.WorkbenchShell;
import dev.earmark.app.gui.window.WindowMemory;
import dev.earmark.app.gui.window.WindowPreferences;
import dev.earmark.app.gui.window.WindowState;
import java.nio.file.Path;
import java.time.Clock;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The workbench window: the {@link WorkbenchShell} on the project chosen at start-up, for the
 * acting user. When the project cannot be opened the window says why and offers another.
 */
public final class WorkbenchApp extends Application {
  /**
   * Set by {@link WorkbenchLauncher} before the toolkit starts (JavaFX gives no constructor); null
   * shows the welcome screen.
   */
  static volatile Path initialProject = Path.of(".");

  /** A first run: build the demo project in the window, open it, and greet. */
  static volatile boolean firstRun;

  /** The start project, already being opened while the toolkit starts; null when none. */
  static volatile ProjectPreload preload;

  /** The acting user ({@code --user}), set by {@link WorkbenchLauncher}. */
  static volatile String initialUser = System.getProperty("user.name", "annotator");

  /** Where "Open the demo project" builds the demo; set by {@link WorkbenchLauncher}. */
  static volatile Path demoProject = Path.of(System.getProperty("user.home"), "earmark-demo");

  /** Where the last project opened is remembered; set by {@link WorkbenchLauncher}. */
  static volatile Path lastProjectFile =
      StartupProject.lastProjectFile(System.getenv(), System.getProperty("user.home"));

  private WorkbenchShell shell;

  @Override
  public void start(Stage stage) {
    shell =
        new WorkbenchShell(
            stage,
            Clock.systemDefaultZone(),
            demoProject,
            lastProjectFile,
            Screens.all(),
            new FxTaskExecutor(2));
    Scene scene = new Scene(shell.view(), WindowState.DEFAULT_WIDTH, WindowState.DEFAULT_HEIGHT);
    shell.install(scene);
    new WindowMemory(WindowPreferences.atDefaultLocation()).restore(stage, shell.zoom());
    StartupProbe.fromSystemProperties().ifPresent(probe -> probe.watch(shell, scene));
    stage.setTitle("Earmark");
    stage.setScene(scene);
    stage.show();
    if (firstRun) {
      shell.firstRun(initialUser);
    } else if (preload != null) {
      shell.open(preload);
    } else if (initialProject == null) {
      shell.welcome(initialUser);
    } else {
      shell.open(initialProject, initialUser);
    }
  }

  /** The shell of the window (for tests that drive it). */
  WorkbenchShell shell() {
    return shell;
  }

  @Override
  public void stop() {
    if (shell != null) {
      shell.shutdown();
    }
  }
}
