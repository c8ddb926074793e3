package dev.earmark.app.gui.packs;

import java.io.File;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;

/**
 * The annotator's "Open assignment pack" page: the pack, the folder for the working project, Open,
 * and progress. Binds to {@link OpenAssignmentPackModel}. Used on the JavaFX thread.
 */
public final class OpenAssignmentPackView extends VBox {

  public OpenAssignmentPackView(OpenAssignmentPackModel model) {
    setId("openPackView");
    Label title = new Label("Open an assignment pack");
    title.getStyleClass().add("title-3");
    Label help =
        new Label(
            "Your lead sent you a .pack file with your clips, the rubric and your drafts. Earmark"
                + " makes a working project of it in a new or empty folder; label there, then"
                + " send your labels back with Project › Export my labels… No network is needed.");
    help.setWrapText(true);
    TextField pack = new TextField();
    pack.setId("openPackFile");
    pack.textProperty().bindBidirectional(model.packFileProperty());
    HBox.setHgrow(pack, Priority.ALWAYS);
    Button choosePack = new Button("Choose…");
    choosePack.setOnAction(
        event -> {
          FileChooser chooser = new FileChooser();
          chooser.setTitle("The assignment pack");
          chooser
              .getExtensionFilters()
              .add(new FileChooser.ExtensionFilter("Earmark pack", "*.pack"));
          File chosen = chooser.showOpenDialog(getScene() == null ? null : getScene().getWindow());
          if (chosen != null) {
            model.packFileProperty().set(chosen.getPath());
          }
        });
    TextField folder = new TextField();
    folder.setId("openPackFolder");
    folder.textProperty().bindBidirectional(model.folderProperty());
    HBox.setHgrow(folder, Priority.ALWAYS);
    Button chooseFolder = new Button("Choose…");
    chooseFolder.setOnAction(
        event -> {
          DirectoryChooser chooser = new DirectoryChooser();
          chooser.setTitle("A new or empty folder for your working project");
          File chosen = chooser.showDialog(getScene() == null ? null : getScene().getWindow());
          if (chosen != null) {
            model.folderProperty().set(chosen.getPath());
          }
        });
    GridPane form = new GridPane();
    form.setHgap(8);
    form.setVgap(8);
    HBox packRow = new HBox(6, pack, choosePack);
    HBox folderRow = new HBox(6, folder, chooseFolder);
    GridPane.setHgrow(packRow, Priority.ALWAYS);
    GridPane.setHgrow(folderRow, Priority.ALWAYS);
    form.addRow(0, new Label("Pack"), packRow);
    form.addRow(1, new Label("Folder"), folderRow);
    Button open = new Button("Open");
    open.setId("openPackRun");
    open.getStyleClass().add("accent");
    open.disableProperty().bind(model.runningProperty());
    open.setOnAction(event -> model.open());
    ProgressBar progress = new ProgressBar(ProgressBar.INDETERMINATE_PROGRESS);
    progress.visibleProperty().bind(model.runningProperty());
    HBox actions = new HBox(10, open, progress);
    actions.setAlignment(Pos.CENTER_LEFT);
    Label message = new Label();
    message.setId("openPackMessage");
    message.setWrapText(true);
    message.textProperty().bind(model.messageProperty());
    getChildren().addAll(title, help, form, actions, message);
    setSpacing(12);
    setPadding(new Insets(16));
    setMaxWidth(760);
  }
}
