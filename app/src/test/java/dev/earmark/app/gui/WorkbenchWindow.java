package dev.earmark.app.gui;

import dev.earmark.app.TestClocks;
import dev.earmark.app.demo.DemoCreation;
import dev.earmark.app.gui.background.FxTaskExecutor;
import dev.earmark.app.gui.desk.ProjectDeskScreen;
import dev.earmark.app.gui.shell.WorkbenchShell;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextInputControl;
import javafx.stage.Stage;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real workbench window for window tests, as one JUnit 5 extension: a temporary folder with a
 * project in it (the demo built on the fixed clock, another built by the test, or none), the shell
 * shown on TestFX's stage with every screen and a real background executor, and after each test the
 * shell shut down and the shared stage put back; after the class (or the test, when registered on
 * an instance field) the folder is removed.
 *
 * <pre>
 * &#64;RegisterExtension static final WorkbenchWindow window = WorkbenchWindow.withDemo("lead-demo");
 * &#64;Start void start(Stage stage) { window.start(stage); }
 * </pre>
 *
 * <p>The static helpers act through the fx thread on nodes found by id (no clicks at screen
 * coordinates, which miss on a loaded machine).
 */
public final class WorkbenchWindow
    implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {

  /** Builds the project the window opens by default into its (not yet existing) folder. */
  @FunctionalInterface
  public interface ProjectBuilder {
    void build(Path project) throws IOException;
  }

  private final ProjectBuilder builder;
  private String projectName = "demo";
  private double height = 800;
  private Path dir;
  private boolean perTest;
  private Stage stage;
  private WorkbenchShell shell;
  private Scene scene;

  private WorkbenchWindow(ProjectBuilder builder) {
    this.builder = builder;
  }

  /** The demo project, created for {@code user} on the fixed clock. */
  public static WorkbenchWindow withDemo(String user) {
    return new WorkbenchWindow(project -> DemoCreation.create(project, user, TestClocks.FIXED));
  }

  /** A project the test builds itself into the given folder. */
  public static WorkbenchWindow building(ProjectBuilder builder) {
    return new WorkbenchWindow(builder);
  }

  /** No project: the shell's demo folder does not exist yet (a first run). */
  public static WorkbenchWindow empty() {
    return new WorkbenchWindow(project -> {});
  }

  /** Names the project's folder inside the temporary one ({@code demo} unless told). */
  public WorkbenchWindow named(String folder) {
    this.projectName = folder;
    return this;
  }

  /** The scene's height (800 unless told; the width is always 1280). */
  public WorkbenchWindow height(double pixels) {
    this.height = pixels;
    return this;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    create();
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    perTestFolder();
  }

  /**
   * Registered on an instance field, the window has no folder until its test starts; TestFX's start
   * method may come before this extension's {@code beforeEach}, so whichever is first creates it.
   */
  private void perTestFolder() throws IOException {
    if (dir == null) {
      perTest = true;
      create();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) throws IOException {
    close();
    if (perTest) {
      delete();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    delete();
  }

  private void create() throws IOException {
    dir = Files.createTempDirectory("earmark-window");
    builder.build(demo());
  }

  private void delete() throws IOException {
    if (dir == null) {
      return;
    }
    try (var files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    dir = null;
  }

  /** Shows the shell in {@code stage} (call it from the TestFX start method). */
  public void start(Stage stage) {
    start(stage, shell -> {});
  }

  /** Shows the shell in {@code stage} after {@code before} has set it up. */
  public void start(Stage stage, Consumer<WorkbenchShell> before) {
    install(stage, before);
    stage.show();
  }

  /** Puts the shell's scene on {@code stage} without showing it (the test shows it). */
  public void install(Stage stage, Consumer<WorkbenchShell> before) {
    try {
      perTestFolder();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.stage = stage;
    shell =
        new WorkbenchShell(
            stage, TestClocks.FIXED, demo(), lastProject(), Screens.all(), new FxTaskExecutor(2));
    before.accept(shell);
    scene = new Scene(shell.view(), 1280, height);
    shell.install(scene);
    stage.setScene(scene);
  }

  /** The temporary folder everything is in. */
  public Path dir() {
    return dir;
  }

  /** The project's folder (the shell's demo folder). */
  public Path demo() {
    return dir.resolve(projectName);
  }

  /** Where the shell remembers the last project (its config folder is this file's parent). */
  public Path lastProject() {
    return dir.resolve("config").resolve("last-project");
  }

  public WorkbenchShell shell() {
    return shell;
  }

  public Scene scene() {
    return scene;
  }

  /**
   * Shuts the shell down and puts TestFX's shared primary stage back where the other window tests
   * expect it: every test class gets the same stage, and one left elsewhere (say at 12, 34) makes a
   * 1280×800 scene overflow Monocle's 1280×800 headless screen, whose painter then fails for every
   * later window test.
   */
  public void close() {
    if (shell == null) {
      return;
    }
    WorkbenchShell closing = shell;
    Stage used = stage;
    shell = null;
    scene = null;
    fx(
        () -> {
          closing.shutdown();
          used.hide();
          used.setMaximized(false);
          used.setX(0);
          used.setY(0);
          used.setWidth(1280);
          used.setHeight(800);
          return null;
        });
  }

  /** Opens the project as {@code userId} and waits for the navigation. */
  public void open(FxRobot robot, String userId) throws Exception {
    fx(
        () -> {
          shell.open(demo(), userId);
          return null;
        });
    await(30, () -> text(robot, "#whoLabel").startsWith(userId + " · "));
    WaitForAsyncUtils.waitForFxEvents();
  }

  /** Opens {@code project} as {@code user} in {@code shell} and brings screen {@code id} up. */
  public static void openScreen(
      FxRobot robot, WorkbenchShell shell, Path project, String user, String id) throws Exception {
    fx(
        () -> {
          shell.open(project, user);
          return null;
        });
    // open() closes the screens at once; the project is open when its first screen is in front.
    await(90, () -> fx(() -> shell.activeScreen().isPresent()));
    fx(
        () -> {
          shell.show(id);
          return null;
        });
    await(30, () -> fx(() -> shell.activeScreen().isPresent() && shell.screen(id).isPresent()));
  }

  /** Brings the Project screen and its tab {@code part} to the front. */
  public ProjectDeskScreen desk(ProjectDeskScreen.Part part) throws Exception {
    fx(
        () -> {
          shell.show("project");
          return null;
        });
    await(20, () -> fx(() -> shell.screen("project").isPresent()));
    ProjectDeskScreen desk = (ProjectDeskScreen) fx(() -> shell.screen("project").orElseThrow());
    fx(
        () -> {
          desk.select(part);
          return null;
        });
    // The tab's content joins the scene on a later pulse: let lookups find it.
    WaitForAsyncUtils.waitForFxEvents();
    return desk;
  }

  /** Runs {@code call} on the JavaFX thread and returns its result (see {@link FxThread}). */
  public static <T> T fx(Callable<T> call) {
    return FxThread.fx(call);
  }

  /** Waits up to {@code seconds} for {@code condition}. */
  public static void await(int seconds, Callable<Boolean> condition) throws Exception {
    WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
  }

  /** Waits until the text of {@code id} satisfies {@code check}. */
  public static void awaitText(FxRobot robot, String id, Predicate<String> check) throws Exception {
    await(20, () -> check.test(text(robot, id)));
  }

  /** The node {@code id} (with its #), failing when absent. */
  public static Node node(FxRobot robot, String id) {
    return robot.lookup(id).query();
  }

  /** Whether a node {@code id} is in the scene and itself visible. */
  public static boolean present(FxRobot robot, String id) {
    return robot.lookup(id).tryQuery().map(Node::isVisible).orElse(false);
  }

  /** Whether node {@code id} is in the scene and visible, with every node above it. */
  public static boolean shown(FxRobot robot, String id) {
    return robot
        .lookup(id)
        .tryQuery()
        .map(
            node ->
                fx(
                    () -> {
                      for (Node at = node; at != null; at = at.getParent()) {
                        if (!at.isVisible()) {
                          return false;
                        }
                      }
                      return node.getScene() != null;
                    }))
        .orElse(false);
  }

  /** The text of a label, button or text field {@code id}; empty when absent. */
  public static String text(FxRobot robot, String id) {
    return robot
        .lookup(id)
        .tryQuery()
        .map(
            node ->
                fx(
                    () ->
                        node instanceof Labeled labeled
                            ? labeled.getText()
                            : node instanceof TextInputControl input ? input.getText() : ""))
        .orElse("");
  }

  /** Types {@code text} into the text field {@code id} (replacing what it holds). */
  public static void type(FxRobot robot, String id, String text) {
    TextInputControl field = (TextInputControl) node(robot, id);
    fx(
        () -> {
          field.requestFocus();
          field.setText(text);
          return null;
        });
  }

  /** Ticks or unticks the checkbox {@code id}. */
  public static void tick(FxRobot robot, String id, boolean on) {
    CheckBox box = (CheckBox) node(robot, id);
    fx(
        () -> {
          box.setSelected(on);
          return null;
        });
  }

  /** Fires the button {@code id}, as a click or Enter on it would (a disabled one fails). */
  public static void press(FxRobot robot, String id) {
    ButtonBase button = (ButtonBase) node(robot, id);
    fx(
        () -> {
          if (button.isDisabled()) {
            throw new IllegalStateException(id + " is disabled");
          }
          button.fire();
          return null;
        });
  }
}
