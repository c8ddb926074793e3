package dev.earmark.app.gui;

import atlantafx.base.theme.PrimerLight;
import dev.earmark.app.cli.VersionProvider;
import java.nio.file.Path;
import javafx.application.Application;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/** The workbench window. For now it names the open project; the labeling screens come next. */
public final class WorkbenchApp extends Application {
  /** Set by {@link WorkbenchLauncher} before the toolkit starts; JavaFX gives no constructor. */
  static volatile Path initialProject = Path.of(".");

  @Override
  public void start(Stage stage) {
    Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
    Label title = new Label("Earmark " + VersionProvider.version());
    title.getStyleClass().add("title-2");
    Label project = new Label("Project: " + initialProject);
    project.setId("projectLabel");
    VBox root = new VBox(12, title, project);
    root.setPadding(new Insets(24));
    stage.setTitle("Earmark — " + initialProject.getFileName());
    stage.setScene(new Scene(root, 960, 640));
    stage.show();
  }
}
