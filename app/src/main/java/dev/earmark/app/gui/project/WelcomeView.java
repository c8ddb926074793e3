package dev.earmark.app.gui.project;

import java.io.File;
import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;

/**
 * The welcome screen: shown on a first run and whenever no project is open or the project could not
 * be opened (then it names the project and the reason first). It offers the demo project, opening a
 * project (a folder chooser and the recent projects), and creating a project, optionally followed
 * by the import wizard. Binds to a {@link WelcomeModel}; what the buttons do is the shell's,
 * through {@link Actions}. Used on the JavaFX thread.
 */
public final class WelcomeView {

  /** What the welcome screen's buttons ask the shell to do. */
  public interface Actions {
    void openDemo();

    void open(Path project);

    void create(NewProject project, boolean importNext);
  }

  private final WelcomeModel model;
  private final Actions actions;
  private final ScrollPane root;

  public WelcomeView(WelcomeModel model, Actions actions, String version) {
    this.model = model;
    this.actions = actions;
    Label title = new Label("Welcome to Earmark");
    title.getStyleClass().add("title-1");
    Label subtitle =
        new Label(
            "Label speech clips, adjudicate disagreements and export batches you can defend. "
                + version);
    subtitle.getStyleClass().add("text-muted");
    subtitle.setWrapText(true);
    VBox page = new VBox(18, title, subtitle);
    WelcomeModel.Problem problem = model.problemProperty().get();
    if (problem != null) {
      page.getChildren().add(problemBox(problem));
    }
    HBox columns = new HBox(24, left(), createBox());
    HBox.setHgrow(columns.getChildren().get(0), Priority.ALWAYS);
    HBox.setHgrow(columns.getChildren().get(1), Priority.ALWAYS);
    page.getChildren().add(columns);
    Label terminal =
        new Label(
            "From a terminal: ./earmark --project DIR opens a project; ./earmark demo --project DIR"
                + " builds the demo; ./earmark import --project DIR --manifest M --contract C"
                + " imports headless.");
    terminal.getStyleClass().add("text-muted");
    terminal.setWrapText(true);
    page.getChildren().add(terminal);
    page.setPadding(new Insets(28, 32, 28, 32));
    page.setMaxWidth(1100);
    page.setId("welcomeScreen");
    root = new ScrollPane(page);
    root.setFitToWidth(true);
  }

  /** The screen's root node. */
  public Node view() {
    return root;
  }

  public WelcomeModel model() {
    return model;
  }

  private Node problemBox(WelcomeModel.Problem problem) {
    Label heading = new Label("Could not open " + problem.project());
    heading.setId("welcomeProblemProject");
    heading.getStyleClass().addAll("title-4", "danger");
    heading.setWrapText(true);
    Label reason = new Label(problem.reason());
    reason.setId("welcomeProblem");
    reason.setWrapText(true);
    VBox box = new VBox(6, heading, reason);
    box.setPadding(new Insets(12));
    box.setStyle(
        "-fx-border-color: -color-danger-emphasis; -fx-border-radius: 6; -fx-background-radius: 6;"
            + " -fx-background-color: -color-danger-subtle;");
    return box;
  }

  private Node left() {
    Label demoTitle = new Label("Try it on the demo project");
    demoTitle.getStyleClass().add("title-3");
    Label demoText =
        new Label(
            "Synthetic clips with a policy, three simulated annotators' labels, gold items and"
                + " disputes: every screen has something to show.");
    demoText.setWrapText(true);
    Button demo = new Button("Open the demo project");
    demo.setId("welcomeDemo");
    demo.getStyleClass().add("accent");
    demo.setDefaultButton(model.problemProperty().get() == null);
    demo.setOnAction(event -> actions.openDemo());

    Label openTitle = new Label("Open a project");
    openTitle.getStyleClass().add("title-3");
    Button choose = new Button("Choose a project folder…");
    choose.setId("welcomeOpen");
    choose.setOnAction(event -> chooseFolder(choose.getScene().getWindow(), actions::open));
    ListView<Path> recent = new ListView<>(model.recent());
    recent.setId("welcomeRecent");
    recent.setPrefHeight(150);
    recent.setCellFactory(list -> new RecentCell());
    recent.setOnMouseClicked(
        event -> {
          if (event.getClickCount() == 2 && recent.getSelectionModel().getSelectedItem() != null) {
            actions.open(recent.getSelectionModel().getSelectedItem());
          }
        });
    recent.setOnKeyPressed(
        event -> {
          if (event.getCode() == KeyCode.ENTER
              && recent.getSelectionModel().getSelectedItem() != null) {
            actions.open(recent.getSelectionModel().getSelectedItem());
          }
        });
    Button openRecent = new Button("Open");
    openRecent.setId("welcomeOpenRecent");
    openRecent.disableProperty().bind(recent.getSelectionModel().selectedItemProperty().isNull());
    openRecent.setOnAction(event -> actions.open(recent.getSelectionModel().getSelectedItem()));
    Label recentTitle = new Label("Recent projects");
    recentTitle.getStyleClass().add("title-4");
    Label noRecent = new Label("None yet: projects you open appear here.");
    noRecent.getStyleClass().add("text-muted");
    noRecent.visibleProperty().bind(Bindings.isEmpty(model.recent()));
    noRecent.managedProperty().bind(noRecent.visibleProperty());
    recent.visibleProperty().bind(Bindings.isNotEmpty(model.recent()));
    recent.managedProperty().bind(recent.visibleProperty());
    openRecent.visibleProperty().bind(recent.visibleProperty());
    openRecent.managedProperty().bind(recent.visibleProperty());
    VBox box =
        new VBox(
            10,
            demoTitle,
            demoText,
            demo,
            spacer(),
            openTitle,
            choose,
            recentTitle,
            noRecent,
            recent,
            openRecent);
    box.setMinWidth(380);
    box.setPrefWidth(480);
    return box;
  }

  private Node createBox() {
    Label title = new Label("Create a project and import clips");
    title.getStyleClass().add("title-3");
    Label text =
        new Label(
            "A new project on this computer, then the import wizard for your manifest and its"
                + " dataset contract. You become the project's lead: you import clips, set the"
                + " label policy and add annotators.");
    text.setWrapText(true);
    TextField name = new TextField();
    name.setId("newProjectName");
    name.setPromptText("e.g. call-centre-asr");
    name.textProperty().bindBidirectional(model.nameProperty());
    TextField folder = new TextField();
    folder.setId("newProjectFolder");
    folder.textProperty().bindBidirectional(model.folderProperty());
    Button browse = new Button("Browse…");
    browse.setOnAction(
        event ->
            chooseFolder(
                browse.getScene().getWindow(),
                path -> model.folderProperty().set(path.toString())));
    HBox folderRow = new HBox(6, folder, browse);
    HBox.setHgrow(folder, Priority.ALWAYS);
    TextField user = new TextField();
    user.setId("newProjectUser");
    user.textProperty().bindBidirectional(model.userProperty());
    GridPane form = new GridPane();
    form.setHgap(10);
    form.setVgap(8);
    form.addRow(0, new Label("Name"), name);
    form.addRow(1, new Label("In folder"), folderRow);
    form.addRow(2, new Label("Your user id"), user);
    GridPane.setHgrow(name, Priority.ALWAYS);
    GridPane.setHgrow(folderRow, Priority.ALWAYS);
    CheckBox importNext = new CheckBox("Then import a manifest (the import wizard opens)");
    importNext.setId("newProjectImportNext");
    importNext.selectedProperty().bindBidirectional(model.importNextProperty());
    Button create = new Button("Create the project");
    create.setId("newProjectCreate");
    create.setDefaultButton(model.problemProperty().get() != null);
    create.setOnAction(
        event ->
            model
                .newProject()
                .ifPresent(project -> actions.create(project, model.importNextProperty().get())));
    VBox problems = new VBox(4);
    problems.setId("newProjectProblems");
    model
        .problems()
        .addListener(
            (javafx.collections.ListChangeListener<String>)
                change -> {
                  problems.getChildren().clear();
                  for (String problem : model.problems()) {
                    Label line = new Label("• " + problem);
                    line.getStyleClass().add("danger");
                    line.setWrapText(true);
                    problems.getChildren().add(line);
                  }
                });
    VBox box = new VBox(10, title, text, form, importNext, create, problems);
    box.setMinWidth(380);
    box.setPrefWidth(520);
    box.setAlignment(Pos.TOP_LEFT);
    return box;
  }

  private static Node spacer() {
    VBox gap = new VBox();
    gap.setMinHeight(8);
    return gap;
  }

  private static void chooseFolder(Window owner, Consumer<Path> chosen) {
    DirectoryChooser chooser = new DirectoryChooser();
    chooser.setTitle("Choose a folder");
    File folder = chooser.showDialog(owner);
    if (folder != null) {
      chosen.accept(folder.toPath());
    }
  }

  /** A recent project: its folder name over its path, and a hint when it is gone. */
  private static final class RecentCell extends ListCell<Path> {
    @Override
    protected void updateItem(Path project, boolean empty) {
      super.updateItem(project, empty);
      if (empty || project == null) {
        setText(null);
        return;
      }
      Path name = project.getFileName();
      String text = (name == null ? project.toString() : name.toString()) + "\n" + project;
      setText(WelcomeModel.stillThere(project) ? text : text + "  (no project there any more)");
    }
  }
}
