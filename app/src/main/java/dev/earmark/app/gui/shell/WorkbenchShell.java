package dev.earmark.app.gui.shell;

import dev.earmark.app.about.Version;
import dev.earmark.app.demo.DemoCreation;
import dev.earmark.app.gui.background.BackgroundExecutor;
import dev.earmark.app.gui.background.FailureSentence;
import dev.earmark.app.gui.packs.OpenAssignmentPackModel;
import dev.earmark.app.gui.packs.OpenAssignmentPackView;
import dev.earmark.app.gui.project.ImportWizardModel;
import dev.earmark.app.gui.project.ImportWizardView;
import dev.earmark.app.gui.project.NewProject;
import dev.earmark.app.gui.project.QeImportFollowUps;
import dev.earmark.app.gui.project.RecentProjects;
import dev.earmark.app.gui.project.WelcomeModel;
import dev.earmark.app.gui.project.WelcomeView;
import dev.earmark.app.gui.screen.ScreenFactory;
import dev.earmark.app.gui.screen.Theme;
import dev.earmark.app.gui.screen.WorkbenchContext;
import dev.earmark.app.gui.screen.WorkbenchScreen;
import dev.earmark.app.gui.window.UiZoom;
import dev.earmark.app.gui.window.WindowState;
import dev.earmark.storage.StorageException;
import dev.earmark.storage.identity.OsAccount;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.user.Role;
import dev.earmark.storage.user.User;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Stage;

/**
 * The window's frame: a menu (open a project, the demo project, a new project, import a manifest,
 * theme), a navigation bar with one button per screen the acting user's roles allow, who is acting
 * (and "act as" another user of the project), and the screen in front. With no project open, or
 * when one cannot be opened, the centre shows the welcome screen (naming the project and the
 * reason); the import wizard takes the centre while a lead imports. Opening a project, and
 * everything a screen does with the database or audio, runs off the JavaFX thread. Used on the
 * JavaFX thread.
 */
public final class WorkbenchShell {
  private final Stage stage;
  private final Clock clock;
  private final Path demoProject;
  private final Path lastProjectFile;
  private final Theme theme = new Theme();
  private final BackgroundExecutor executor;
  private final RecentProjects recent;
  private final MenuItem importItem = new MenuItem("Import manifest…");
  private Menu projectMenu;

  private final BorderPane root = new BorderPane();
  private final HBox navigation = new HBox(4);
  private final ToggleGroup navigationGroup = new ToggleGroup();
  private final Label who = new Label();
  private final MenuButton actAs = new MenuButton("Act as");
  private final StackPane content = new StackPane();

  private final ShellModel state;
  private OsAccount osAccount = OsAccount.system();
  private WelcomeView welcome;
  private ImportWizardView importWizard;
  private final VBox top = new VBox();
  private HBox firstRunBanner;
  private final UiZoom zoom;

  /**
   * A shell for {@code stage}.
   *
   * @param demoProject where "Open the demo project" builds or finds the demo
   * @param lastProjectFile where the last project opened is remembered
   * @param factories the screens on offer, in navigation order
   * @param executor the window's background executor, shared by its screens; the shell shuts it
   *     down with the window
   */
  public WorkbenchShell(
      Stage stage,
      Clock clock,
      Path demoProject,
      Path lastProjectFile,
      List<ScreenFactory> factories,
      BackgroundExecutor executor) {
    this.stage = stage;
    this.executor = executor;
    this.clock = clock;
    this.demoProject = demoProject;
    this.lastProjectFile = lastProjectFile;
    this.state = new ShellModel(factories, System.getProperty("user.name", "lead"));
    this.recent = RecentProjects.besides(lastProjectFile);
    root.getStyleClass().add("workbench-shell");
    this.zoom = new UiZoom(root, WindowState.DEFAULT_ZOOM);
    top.getChildren().setAll(menuBar(), navigationBar());
    root.setTop(top);
    root.setCenter(content);
    message("Earmark " + Version.current(), "Opening…");
  }

  /** The window's root node. */
  public Parent view() {
    return root;
  }

  /** The window's UI zoom (View › Zoom in / Zoom out / Actual size). */
  public UiZoom zoom() {
    return zoom;
  }

  /** The window's theme. */
  public Theme theme() {
    return theme;
  }

  /**
   * Routes key presses on {@code scene} to the screen in front, and makes closing the window wait
   * until the screens' last edits are stored.
   */
  public void install(Scene scene) {
    scene.addEventFilter(KeyEvent.KEY_PRESSED, event -> route(scene, event));
    scene.addEventFilter(KeyEvent.KEY_TYPED, event -> route(scene, event)); // "?" and the like
    stage.setOnCloseRequest(
        event -> {
          if (!state.unsaved().isEmpty()) {
            event.consume(); // close once the last edits are stored; a failed save keeps it open
            saveAllThen(stage::close);
          }
        });
  }

  /** Runs the shell as {@code account} (tests fix it; the default is the JVM's OS account). */
  void osAccount(OsAccount account) {
    this.osAccount = account;
  }

  /** Opens the project in {@code directory} for {@code userId}, in the background. */
  public void open(Path directory, String userId) {
    state.userId(userId);
    saveAllThen(
        () -> {
          closeProject();
          message("Earmark " + Version.current(), "Opening " + directory + "…");
          executor.inBackground(
              "open the project " + directory,
              () -> OpenedProject.open(directory, userId, osAccount, clock),
              this::opened,
              failure -> cannotOpen(directory, failure));
        });
  }

  /**
   * Opens the project {@code preload} has been opening since before the window existed (the
   * start-up path); like {@link #open(Path, String)} otherwise.
   */
  public void open(ProjectPreload preload) {
    state.userId(preload.userId());
    closeProject();
    message("Earmark " + Version.current(), "Opening " + preload.directory() + "…");
    executor.inBackground(
        "open the project " + preload.directory(),
        preload::await,
        this::opened,
        failure -> cannotOpen(preload.directory(), failure));
  }

  /**
   * Shows the welcome screen (the demo project, open, create, import) with no project open, as on a
   * first run; {@code userId} becomes the lead of a project created there.
   */
  public void welcome(String userId) {
    state.userId(userId);
    saveAllThen(
        () -> {
          closeProject();
          showWelcome(Optional.empty());
        });
  }

  /**
   * The first run (issue 7 and the README's first command): builds the demo project in the
   * background, opens it for {@code userId}, and greets with a banner offering the welcome screen's
   * other choices (open, create, import) — the welcome screen of issue 11 without keeping the
   * newcomer from the workbench.
   */
  public void firstRun(String userId) {
    state.userId(userId);
    state.afterOpen(this::showFirstRunBanner);
    openDemo();
  }

  /** The first-run banner, while it is shown. */
  public Optional<Node> firstRunBanner() {
    return Optional.<Node>ofNullable(firstRunBanner).filter(top.getChildren()::contains);
  }

  /** The welcome screen, while it is shown. */
  public Optional<WelcomeView> welcomeView() {
    return Optional.ofNullable(welcome).filter(view -> content.getChildren().contains(view.view()));
  }

  /**
   * Creates {@code project} in the background (its creator becomes lead), opens it, and then shows
   * the import wizard when {@code importNext}.
   */
  public void create(NewProject project, boolean importNext) {
    state.userId(project.userId());
    saveAllThen(
        () -> {
          closeProject();
          message("Earmark " + Version.current(), "Creating " + project.directory() + "…");
          executor.inBackground(
              "create the project " + project.directory(),
              () -> project.create(clock),
              directory -> {
                state.afterOpen(importNext ? this::importManifest : null);
                open(directory, project.userId());
              },
              failure -> cannotOpen(project.directory(), failure));
        });
  }

  /**
   * Shows the import wizard for the open project (Project › Import manifest…). Only a lead imports;
   * anyone else is told so. "Done" reopens the project so every screen sees the new clips.
   */
  public void importManifest() {
    if (state.opened().isEmpty()) {
      showWelcome(Optional.empty());
      return;
    }
    OpenedProject current = state.opened().get();
    if (!state.leads()) {
      message(
          current.title(),
          current.userId()
              + " cannot import clips: that needs the lead role. Act as a lead of the project,"
              + " or ask one to import the manifest.");
      return;
    }
    saveAllThen(
        () -> {
          Path contracts = current.directory().resolve("contracts");
          ImportWizardModel model =
              new ImportWizardModel(
                  current.project(),
                  current.userId(),
                  contracts,
                  executor,
                  new QeImportFollowUps(current.userId()));
          importWizard =
              new ImportWizardView(model, () -> open(current.directory(), current.userId()));
          // Switching project or screen mid-import would close the project under it.
          projectMenu.disableProperty().bind(model.runningProperty());
          navigation.disableProperty().bind(model.runningProperty());
          state.noneInFront();
          navigationGroup.selectToggle(null);
          content.getChildren().setAll(importWizard.view());
        });
  }

  /**
   * Shows Project › Open assignment pack…: an annotator makes a working project from a pack their
   * lead sent, which then opens as the pack's annotator.
   */
  public void openAssignmentPack() {
    saveAllThen(
        () -> {
          OpenAssignmentPackModel model = new OpenAssignmentPackModel(executor, clock, this::open);
          state.noneInFront();
          navigationGroup.selectToggle(null);
          content.getChildren().setAll(new OpenAssignmentPackView(model));
        });
  }

  /** The import wizard, while it is shown. */
  public Optional<ImportWizardView> importWizard() {
    return Optional.ofNullable(importWizard)
        .filter(view -> content.getChildren().contains(view.view()));
  }

  /**
   * Acts as another user of the open project: only in a training sandbox (the demo), where identity
   * is declared; a real project ignores it, since the OS account decides who acts.
   */
  public void actAs(String userId) {
    if (!state.mayActAs()) {
      return;
    }
    OpenedProject current = state.opened().get();
    saveAllThen(
        () -> {
          closeScreens();
          executor.inBackground(
              "read the roles of " + userId,
              () -> current.actingAs(userId),
              this::opened,
              failure -> cannotOpen(current.directory(), failure));
        });
  }

  /** Brings the screen {@code screenId} to the front, creating it the first time. */
  public void show(String screenId) {
    Optional<WorkbenchScreen> shown =
        state.bringToFront(screenId, factory -> factory.create(context()));
    if (shown.isEmpty()) {
      return;
    }
    WorkbenchScreen screen = shown.get();
    content.getChildren().setAll(screen.view());
    navigationGroup.getToggles().stream()
        .filter(toggle -> ("nav-" + screenId).equals(((ToggleButton) toggle).getId()))
        .findFirst()
        .ifPresent(toggle -> toggle.setSelected(true));
    screen.shown();
  }

  /** The screen in front, if any. */
  public Optional<WorkbenchScreen> activeScreen() {
    return state.activeScreen();
  }

  /** The screen {@code screenId} if it has been opened. */
  public Optional<WorkbenchScreen> screen(String screenId) {
    return state.screen(screenId);
  }

  /** The acting user's roles in the open project; empty when none is open. */
  public Set<Role> roles() {
    return state.roles();
  }

  /** The users of the open project, who may be acted as; empty when none is open. */
  public List<User> users() {
    return state.users();
  }

  /** Stores every screen's pending edits, then runs {@code next} (not if a save fails). */
  public void saveAllThen(Runnable next) {
    List<WorkbenchScreen> unsaved = state.unsaved();
    Runnable chain = next;
    for (int i = unsaved.size() - 1; i >= 0; i--) {
      WorkbenchScreen screen = unsaved.get(i);
      Runnable after = chain;
      chain = () -> screen.saveThen(after);
    }
    chain.run();
  }

  /** Closes the screens and the project; the shell can open another afterwards. */
  public void closeProject() {
    if (firstRunBanner != null) {
      top.getChildren().remove(firstRunBanner);
    }
    projectMenu.disableProperty().unbind();
    projectMenu.setDisable(false);
    navigation.disableProperty().unbind();
    navigation.setDisable(false);
    closeScreens();
    state.closeProject();
  }

  /** Closes everything, for the window's end. */
  public void shutdown() {
    closeProject();
    executor.shutdown();
  }

  // ---- opening ----

  private WorkbenchContext context() {
    OpenedProject opened = state.opened().orElseThrow();
    return new WorkbenchContext(
        opened.project(),
        opened.title(),
        opened.userId(),
        opened.roles(),
        opened.directory().resolve(".cache"),
        clock,
        theme,
        executor,
        this::show);
  }

  private void opened(OpenedProject project) {
    state.opened(project);
    try {
      StartupProject.remember(lastProjectFile, project.directory());
      recent.add(project.directory());
    } catch (IOException e) {
      // Remembering is a convenience; the project is open all the same.
    }
    importItem.setDisable(!state.leads());
    stage.setTitle("Earmark — " + project.title() + " · " + project.userId());
    who.setText(state.who());
    rebuildNavigation();
    rebuildActAs();
    List<ScreenFactory> available = state.available();
    if (available.isEmpty()) {
      noScreens(project);
    } else {
      show(available.get(0).id());
    }
    state.takeAfterOpen().ifPresent(Runnable::run);
  }

  private void cannotOpen(Path directory, Throwable failure) {
    String reason =
        failure instanceof StorageException
            ? failure.getMessage()
            : "The project could not be opened: " + FailureSentence.reason(failure);
    state.afterOpen(null);
    state.closeProject();
    showWelcome(Optional.of(new WelcomeModel.Problem(directory, reason)));
  }

  private void showWelcome(Optional<WelcomeModel.Problem> problem) {
    stage.setTitle("Earmark");
    who.setText("");
    navigation.getChildren().clear();
    navigationGroup.getToggles().clear();
    actAs.getItems().clear();
    importItem.setDisable(true);
    Path folder =
        demoProject.toAbsolutePath().getParent() == null
            ? demoProject.toAbsolutePath()
            : demoProject.toAbsolutePath().getParent();
    WelcomeModel model = new WelcomeModel(problem, recent.list(), folder, state.userId());
    welcome =
        new WelcomeView(
            model,
            new WelcomeView.Actions() {
              @Override
              public void openDemo() {
                WorkbenchShell.this.openDemo();
              }

              @Override
              public void open(Path project) {
                WorkbenchShell.this.open(project, state.userId());
              }

              @Override
              public void create(NewProject project, boolean importNext) {
                WorkbenchShell.this.create(project, importNext);
              }
            },
            "Earmark " + Version.current());
    content.getChildren().setAll(welcome.view());
  }

  private void showFirstRunBanner() {
    Label text =
        new Label(
            "Welcome: this is the demo project (real clips, simulated annotators, gold items,"
                + " disputes). \"Act as\" shows it as each role.");
    text.setWrapText(true);
    text.setTooltip(
        new Tooltip(
            "Real clips, three simulated annotators, gold items and routed disputes. Use \"Act"
                + " as\" to see it as an annotator, the adjudicator or the lead."));
    // The sentence wraps (at most two lines at 1280 px); the buttons never shrink to "…".
    text.setMinWidth(120);
    HBox.setHgrow(text, Priority.ALWAYS);
    Button open = new Button("Open a project…");
    open.setOnAction(event -> chooseProject());
    Button create = new Button("New project…");
    create.setOnAction(event -> welcome(state.actingUser()));
    Button importButton = new Button("Import a manifest…");
    importButton.setDisable(!state.leads());
    importButton.setOnAction(event -> importManifest());
    Button dismiss = new Button("✕");
    dismiss.setId("dismissFirstRun");
    dismiss.setOnAction(event -> top.getChildren().remove(firstRunBanner));
    for (Button button : List.of(open, create, importButton, dismiss)) {
      button.setMinWidth(Region.USE_PREF_SIZE);
    }
    firstRunBanner = new HBox(8, text, open, create, importButton, dismiss);
    firstRunBanner.setId("firstRunBanner");
    firstRunBanner.setAlignment(Pos.CENTER_LEFT);
    firstRunBanner.setPadding(new Insets(8, 12, 8, 12));
    firstRunBanner.setStyle(
        "-fx-background-color: -color-accent-subtle; -fx-border-color: -color-accent-muted;"
            + " -fx-border-width: 0 0 1 0;");
    top.getChildren().add(firstRunBanner);
  }

  private void noScreens(OpenedProject project) {
    List<Node> choices = new ArrayList<>();
    for (User user : project.users()) {
      Button button = new Button(user.id() + " · " + ShellModel.roleNames(user.roles()));
      button.setOnAction(event -> actAs(user.id()));
      choices.add(button);
    }
    VBox users = new VBox(6, choices.toArray(Node[]::new));
    if (!project.sandbox()) {
      message(
          project.title(),
          "No screen here is for "
              + ShellModel.roleNames(project.roles())
              + ". Ask the project's lead for the role you need.");
      return;
    }
    message(
        project.title(),
        project.roles().isEmpty()
            ? project.userId()
                + " is not a user of this project. A lead adds users with their roles; to look"
                + " around, act as one of the project's users:"
            : "No screen here is for "
                + ShellModel.roleNames(project.roles())
                + ". Act as another user:",
        users);
  }

  private void openDemo() {
    String user = state.actingUser();
    saveAllThen(
        () -> {
          closeProject();
          DemoPreparation preparation = new DemoPreparation();
          message(
              "Earmark " + Version.current(),
              "Preparing the demo project (the first time takes a little while)…",
              preparation);
          executor.inBackground(
              "create the demo project",
              () -> {
                if (!Project.exists(demoProject)) {
                  DemoCreation.create(
                      demoProject,
                      user,
                      clock,
                      (step, of, what) ->
                          Platform.runLater(() -> preparation.report(step, of, what)));
                }
                return demoProject;
              },
              directory -> open(directory, user),
              failure -> cannotOpen(demoProject, failure));
        });
  }

  private void chooseProject() {
    DirectoryChooser chooser = new DirectoryChooser();
    chooser.setTitle("Open an Earmark project");
    state
        .opened()
        .map(project -> project.directory().getParent())
        .ifPresent(parent -> chooser.setInitialDirectory(parent.toFile()));
    File chosen = chooser.showDialog(stage);
    if (chosen != null) {
      open(chosen.toPath(), state.actingUser());
    }
  }

  private void closeScreens() {
    state.closeScreens();
    content.getChildren().clear();
  }

  // ---- keys ----

  private void route(Scene scene, KeyEvent event) {
    activeScreen()
        .ifPresent(
            screen ->
                screen
                    .keymap()
                    .actionFor(event, scene.getFocusOwner() instanceof TextInputControl)
                    .filter(screen::perform)
                    .ifPresent(action -> event.consume()));
  }

  // ---- parts ----

  private MenuBar menuBar() {
    MenuItem open = new MenuItem("Open project…");
    open.setId("menuOpenProject");
    open.setAccelerator(KeyCombination.keyCombination("Shortcut+O"));
    open.setOnAction(event -> chooseProject());
    MenuItem demo = new MenuItem("Open the demo project");
    demo.setId("menuOpenDemo");
    demo.setOnAction(event -> openDemo());
    MenuItem create = new MenuItem("New project…");
    create.setId("menuNewProject");
    create.setOnAction(event -> welcome(state.actingUser()));
    importItem.setId("menuImportManifest");
    importItem.setAccelerator(KeyCombination.keyCombination("Shortcut+I"));
    importItem.setDisable(true);
    importItem.setOnAction(event -> importManifest());
    MenuItem openPack = new MenuItem("Open assignment pack…");
    openPack.setId("menuOpenAssignmentPack");
    openPack.setOnAction(event -> openAssignmentPack());
    MenuItem exportLabels = new MenuItem("Export my labels…");
    exportLabels.setId("menuExportMyLabels");
    exportLabels.setOnAction(event -> show("packs"));
    MenuItem quit = new MenuItem("Quit");
    quit.setAccelerator(KeyCombination.keyCombination("Shortcut+Q"));
    quit.setOnAction(event -> saveAllThen(stage::close));
    projectMenu =
        new Menu(
            "Project",
            null,
            open,
            demo,
            create,
            new SeparatorMenuItem(),
            importItem,
            new SeparatorMenuItem(),
            openPack,
            exportLabels,
            new SeparatorMenuItem(),
            quit);
    projectMenu.setId("menuProject");

    CheckMenuItem dark = new CheckMenuItem("Dark theme");
    dark.setId("menuDarkTheme");
    dark.setSelected(theme.isDark());
    theme.darkProperty().addListener((obs, old, now) -> dark.setSelected(now));
    dark.setOnAction(event -> theme.toggle());
    Menu view = new Menu("View", null, dark, new SeparatorMenuItem());
    view.getItems().addAll(zoomItems());
    return new MenuBar(projectMenu, view);
  }

  /**
   * Zoom in / out / actual size. Ctrl+Alt, because Ctrl+= / Ctrl+- / Ctrl+0 zoom the waveform
   * (docs/keys.md).
   */
  private List<MenuItem> zoomItems() {
    MenuItem in = new MenuItem("Zoom in");
    in.setId("menuZoomIn");
    in.setAccelerator(KeyCombination.keyCombination("Shortcut+Alt+Equals"));
    in.setOnAction(event -> zoom.zoomIn());
    MenuItem out = new MenuItem("Zoom out");
    out.setId("menuZoomOut");
    out.setAccelerator(KeyCombination.keyCombination("Shortcut+Alt+Minus"));
    out.setOnAction(event -> zoom.zoomOut());
    MenuItem reset = new MenuItem("Actual size");
    reset.setId("menuZoomReset");
    reset.setAccelerator(KeyCombination.keyCombination("Shortcut+Alt+0"));
    reset.setOnAction(event -> zoom.reset());
    in.disableProperty().bind(zoom.percentProperty().greaterThanOrEqualTo(WindowState.MAX_ZOOM));
    out.disableProperty().bind(zoom.percentProperty().lessThanOrEqualTo(WindowState.MIN_ZOOM));
    return List.of(in, out, reset);
  }

  private HBox navigationBar() {
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    who.setId("whoLabel");
    who.getStyleClass().add("text-muted");
    actAs.setId("actAsMenu");
    actAs.setFocusTraversable(false);
    actAs.visibleProperty().bind(Bindings.isNotEmpty(actAs.getItems()));
    Button themeButton = new Button();
    themeButton.setId("themeButton");
    themeButton.setFocusTraversable(false);
    themeButton
        .textProperty()
        .bind(Bindings.when(theme.darkProperty()).then("☀ Light").otherwise("☾ Dark"));
    themeButton.setOnAction(event -> theme.toggle());
    HBox bar = new HBox(10, navigation, spacer, who, actAs, themeButton);
    bar.setAlignment(Pos.CENTER_LEFT);
    bar.setPadding(new Insets(6, 12, 6, 12));
    bar.setStyle("-fx-border-color: -color-border-default; -fx-border-width: 0 0 1 0;");
    return bar;
  }

  private void rebuildNavigation() {
    navigation.getChildren().clear();
    navigationGroup.getToggles().clear();
    for (ScreenFactory factory : state.available()) {
      ToggleButton button = new ToggleButton(factory.title());
      button.setId("nav-" + factory.id());
      button.setToggleGroup(navigationGroup);
      button.setFocusTraversable(false);
      button.setOnAction(
          event -> {
            button.setSelected(true); // a click on the screen in front keeps it in front
            show(factory.id());
          });
      navigation.getChildren().add(button);
    }
  }

  private void rebuildActAs() {
    actAs.getItems().clear();
    for (User user : state.users()) {
      MenuItem item = new MenuItem(user.id() + " · " + ShellModel.roleNames(user.roles()));
      item.setId("actAs-" + user.id());
      item.setOnAction(event -> actAs(user.id()));
      actAs.getItems().add(item);
    }
  }

  private void message(String heading, String text, Node... more) {
    Label title = new Label(heading);
    title.getStyleClass().add("title-2");
    Label body = new Label(text);
    body.setId("shellMessage");
    body.setWrapText(true);
    VBox box = new VBox(12, title, body);
    box.getChildren().addAll(more);
    box.setPadding(new Insets(24));
    box.setMaxWidth(760);
    box.setAlignment(Pos.TOP_LEFT);
    StackPane.setAlignment(box, Pos.TOP_LEFT);
    content.getChildren().setAll(box);
  }
}
