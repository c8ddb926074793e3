package dev.earmark.app.gui.packs;

import java.io.File;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * The Packs screen: for a lead, "Send work to an annotator" (assignment pack) and "Bring their
 * labels back" (label pack import, with what was merged) and "Labels made elsewhere" (a JSONL file
 * imported as one annotator's submissions, line by line); in a working project made from an
 * assignment pack, "Export my labels". Binds to {@link PacksViewModel} in one place. Used on the
 * JavaFX thread.
 */
public final class PacksView extends BorderPane {

  public PacksView(PacksViewModel model) {
    setId("packsView");
    Label title = new Label("Offline packs and labels made elsewhere");
    title.getStyleClass().add("title-3");
    VBox sections = new VBox(12, title);
    if (model.lead()) {
      sections
          .getChildren()
          .addAll(sendSection(model), bringBackSection(model), labelFileSection(model));
    }
    sections.getChildren().add(myLabelsSection(model));
    ProgressIndicator progress = new ProgressIndicator();
    progress.setId("packsProgress");
    progress.setPrefSize(22, 22);
    progress.visibleProperty().bind(model.runningProperty());
    Label message = new Label();
    message.setId("packsMessage");
    message.setWrapText(true);
    message.textProperty().bind(model.messageProperty());
    HBox status = new HBox(8, progress, message);
    status.setAlignment(Pos.CENTER_LEFT);
    sections.getChildren().add(status);
    sections.setPadding(new Insets(12));
    ScrollPane scroll = new ScrollPane(sections);
    scroll.setFitToWidth(true);
    setCenter(scroll);
  }

  private Node sendSection(PacksViewModel model) {
    ComboBox<String> annotator = new ComboBox<>(model.annotators());
    annotator.setId("packAnnotator");
    annotator.valueProperty().bindBidirectional(model.annotatorProperty());
    HBox file =
        fileRow(
            "packAssignmentFile",
            model.assignmentPackFileProperty(),
            "Where the assignment pack goes",
            true);
    Button export = new Button("Write assignment pack");
    export.setId("packExportAssignments");
    export.getStyleClass().add("accent");
    export.disableProperty().bind(model.runningProperty());
    export.setOnAction(event -> model.exportAssignmentPack());
    Label help =
        new Label(
            "The pack holds the annotator's open assignments with their clips' audio, the"
                + " published policy and their drafts, in one checksummed file.");
    help.setWrapText(true);
    help.getStyleClass().add("text-muted");
    VBox body =
        new VBox(
            8, help, row(new Label("Annotator"), annotator), row(new Label("File"), file), export);
    TitledPane pane = new TitledPane("Send work to an annotator (assignment pack)", body);
    pane.setCollapsible(false);
    return pane;
  }

  private Node bringBackSection(PacksViewModel model) {
    HBox file = fileRow("packLabelFile", model.labelPackFileProperty(), "A label pack", false);
    Button importLabels = new Button("Import label pack");
    importLabels.setId("packImportLabels");
    importLabels.getStyleClass().add("accent");
    importLabels.disableProperty().bind(model.runningProperty());
    importLabels.setOnAction(event -> model.importLabelPack());
    ListView<String> merged = new ListView<>(model.merged());
    merged.setId("packMerged");
    merged.setPrefHeight(140);
    merged.setPlaceholder(new Label("What a label pack merged shows here."));
    Label help =
        new Label(
            "Each label lands on its annotator's own assignment; a submitted label is never"
                + " overwritten (it is listed as skipped).");
    help.setWrapText(true);
    help.getStyleClass().add("text-muted");
    VBox body = new VBox(8, help, row(new Label("File"), file), importLabels, merged);
    TitledPane pane = new TitledPane("Bring labels back (label pack)", body);
    pane.setCollapsible(false);
    return pane;
  }

  private Node labelFileSection(PacksViewModel model) {
    ComboBox<String> annotator = new ComboBox<>(model.annotators());
    annotator.setId("labelFileAnnotator");
    annotator.valueProperty().bindBidirectional(model.labelFileAnnotatorProperty());
    HBox file =
        fileRow(
            "labelFile",
            model.labelFileProperty(),
            "Labels made elsewhere",
            false,
            new FileChooser.ExtensionFilter("Labels, one per line (JSONL)", "*.jsonl", "*.json"));
    Button importFile = new Button("Import labels");
    importFile.setId("labelFileImport");
    importFile.getStyleClass().add("accent");
    importFile.disableProperty().bind(model.runningProperty());
    importFile.setOnAction(event -> model.importLabelFile());
    ListView<String> lines = new ListView<>(model.labelFileLines());
    lines.setId("labelFileLines");
    lines.setPrefHeight(140);
    lines.setPlaceholder(new Label("Each line's outcome shows here."));
    Label help =
        new Label(
            "Transcripts or ratings from a vendor or another tool, one JSON object per line"
                + " (clip_id, value, optional time_spent_ms), enter as the annotator's submitted"
                + " labels under the policy in force. A clip not yet assigned to them is assigned"
                + " first; a bad line is refused with its reason and the rest are imported;"
                + " importing the same file again changes nothing.");
    help.setWrapText(true);
    help.getStyleClass().add("text-muted");
    VBox body =
        new VBox(
            8,
            help,
            row(new Label("Annotator"), annotator),
            row(new Label("File"), file),
            importFile,
            lines);
    TitledPane pane = new TitledPane("Labels made elsewhere (JSONL file)", body);
    pane.setId("labelFileSection");
    pane.setCollapsible(false);
    return pane;
  }

  private Node myLabelsSection(PacksViewModel model) {
    Label where = new Label();
    where.setId("packSource");
    where.setWrapText(true);
    where
        .textProperty()
        .bind(
            Bindings.createStringBinding(
                () ->
                    model.sourceProperty().get() == null
                        ? "This project was not made from an assignment pack: your labels are"
                            + " already here, nothing to send."
                        : "This is "
                            + model.sourceProperty().get().annotator()
                            + "'s working copy of assignment pack "
                            + model.sourceProperty().get().assignmentPackId()
                            + ". Label in the Label screen, then write your label pack and send"
                            + " it to your lead.",
                model.sourceProperty()));
    HBox file = fileRow("packMyLabelsFile", model.myLabelsFileProperty(), "Your label pack", true);
    Button export = new Button("Export my labels");
    export.setId("packExportMyLabels");
    export.getStyleClass().add("accent");
    export.disableProperty().bind(model.runningProperty().or(model.sourceProperty().isNull()));
    export.setOnAction(event -> model.exportMyLabels());
    VBox body = new VBox(8, where, row(new Label("File"), file), export);
    TitledPane pane = new TitledPane("Export my labels (label pack)", body);
    pane.setId("packMyLabels");
    pane.setCollapsible(false);
    return pane;
  }

  private HBox fileRow(String id, StringProperty property, String title, boolean save) {
    return fileRow(
        id, property, title, save, new FileChooser.ExtensionFilter("Earmark pack", "*.pack"));
  }

  private HBox fileRow(
      String id,
      StringProperty property,
      String title,
      boolean save,
      FileChooser.ExtensionFilter kind) {
    TextField path = new TextField();
    path.setId(id);
    path.textProperty().bindBidirectional(property);
    HBox.setHgrow(path, Priority.ALWAYS);
    Button choose = new Button("Choose…");
    choose.setId(id + "Choose");
    Consumer<File> set = chosen -> property.set(chosen.getPath());
    choose.setOnAction(
        event -> {
          FileChooser chooser = new FileChooser();
          chooser.setTitle(title);
          chooser.getExtensionFilters().add(kind);
          var window = getScene() == null ? null : getScene().getWindow();
          File chosen = save ? chooser.showSaveDialog(window) : chooser.showOpenDialog(window);
          if (chosen != null) {
            set.accept(chosen);
          }
        });
    HBox box = new HBox(6, path, choose);
    HBox.setHgrow(box, Priority.ALWAYS);
    return box;
  }

  private static HBox row(Label label, Node field) {
    label.setMinWidth(80);
    HBox box = new HBox(8, label, field);
    HBox.setHgrow(field, Priority.ALWAYS);
    box.setAlignment(Pos.CENTER_LEFT);
    return box;
  }
}
