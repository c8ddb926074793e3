package dev.earmark.app.gui;

import atlantafx.base.theme.PrimerLight;
import dev.earmark.app.cli.VersionProvider;
import dev.earmark.app.gui.labeling.LabelingScreen;
import dev.earmark.app.gui.labeling.LabelingService;
import dev.earmark.storage.StorageException;
import dev.earmark.storage.project.Project;
import java.nio.file.Path;
import java.time.Clock;
import javafx.application.Application;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/**
 * The workbench window: opens the project and shows the acting user's labeling screen. When the
 * project cannot be opened the window says why and what to do instead.
 */
public final class WorkbenchApp extends Application {
  /** Set by {@link WorkbenchLauncher} before the toolkit starts; JavaFX gives no constructor. */
  static volatile Path initialProject = Path.of(".");

  /** The acting user ({@code --user}), set by {@link WorkbenchLauncher}. */
  static volatile String initialUser = System.getProperty("user.name", "annotator");

  private Project project;
  private LabelingScreen screen;

  @Override
  public void start(Stage stage) {
    Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
    Path directory = initialProject;
    Scene scene;
    try {
      project = Project.openEmbedded(directory, false, Clock.systemUTC());
      screen =
          new LabelingScreen(
              new LabelingService(project, initialUser),
              directory.resolve(".cache"),
              Clock.systemDefaultZone(),
              String.valueOf(directory.getFileName()));
      scene = new Scene(screen.view(), 1280, 800);
      screen.start(scene);
    } catch (StorageException e) {
      scene = new Scene(cannotOpen(directory, e.getMessage()), 960, 640);
    }
    stage.setOnCloseRequest(
        event -> {
          if (screen != null && screen.model().hasUnsavedWork()) {
            event.consume(); // close once the last edits are stored; a failed save keeps it open
            screen.model().saveThen(stage::close);
          }
        });
    stage.setTitle("Earmark — " + directory.getFileName() + " · " + initialUser);
    stage.setScene(scene);
    stage.show();
  }

  @Override
  public void stop() {
    if (screen != null) {
      screen.close();
    }
    if (project != null) {
      project.close();
    }
  }

  private static VBox cannotOpen(Path directory, String reason) {
    Label title = new Label("Earmark " + VersionProvider.version());
    title.getStyleClass().add("title-2");
    Label project = new Label("Project: " + directory);
    project.setId("projectLabel");
    Label why = new Label(reason);
    why.setWrapText(true);
    Label what =
        new Label(
            "Open another project with ./earmark --project DIR, or create the demo with"
                + " ./earmark demo.");
    what.setWrapText(true);
    VBox root = new VBox(12, title, project, why, what);
    root.setPadding(new Insets(24));
    return root;
  }
}
