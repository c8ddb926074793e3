package dev.earmark.app.gui;

import static dev.earmark.app.gui.FxThread.fx;
import static dev.earmark.app.gui.WindowNodes.await;
import static dev.earmark.app.gui.WindowNodes.text;

import dev.earmark.app.TestClocks;
import dev.earmark.app.demo.DemoCreation;
import dev.earmark.app.gui.background.FxTaskExecutor;
import dev.earmark.app.gui.desk.ProjectDeskScreen;
import dev.earmark.app.gui.shell.WorkbenchShell;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real workbench window for a window test, as one JUnit 5 extension: a project in the test's
 * {@code @TempDir} folder (the demo built on the fixed clock, one the test builds, or none), and
 * for each test a new shell on TestFX's stage with every screen and a real background executor.
 *
 * <pre>
 * &#64;ExtendWith(ApplicationExtension.class)
 * class SomeWindowTest {
 *   &#64;TempDir static Path dir;
 *   &#64;RegisterExtension static final WorkbenchWindow window = WorkbenchWindow.withDemo(() -&gt; dir);
 * </pre>
 *
 * <p>The order is what keeps the window tests apart (an earlier version, which built the shell in
 * TestFX's start method and stopped it without waiting for its background work, made three of them
 * fail now and then on a loaded machine):
 *
 * <ol>
 *   <li>TestFX's {@link ApplicationExtension} runs first (the class must carry it, and a field
 *       registration comes after the class's extensions): it sets up the primary stage.
 *   <li>This extension's {@code beforeEach} builds the shell on that stage on the JavaFX thread and
 *       waits for it ({@link FxToolkit#setupFixture}).
 *   <li>Its {@code afterEach} (after the test's own {@code @AfterEach} methods, before TestFX's)
 *       shuts the shell down on the JavaFX thread, waits for the background work that was running
 *       to end and for its last callbacks to be delivered, closes any project such a callback
 *       opened, and puts the shared stage back at 0,0 1280×800: every test class gets the same
 *       stage, and one left elsewhere makes a 1280×800 scene overflow Monocle's 1280×800 headless
 *       screen, whose painter then fails for every later window test.
 * </ol>
 *
 * <p>The project is built once per folder: with a static registration and a static {@code @TempDir}
 * before the class's {@code @BeforeAll} methods (which may add to it), with an instance one before
 * each test.
 */
public final class WorkbenchWindow
    implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback {
  private static final Duration QUIET = Duration.ofSeconds(30);

  /** Builds the project the window opens by default into its (not yet existing) folder. */
  @FunctionalInterface
  public interface ProjectBuilder {
    void build(Path project) throws IOException;
  }

  private final Supplier<Path> folder;
  private final ProjectBuilder builder;
  private String projectName = "demo";
  private Path lastProject;
  private double height = 800;
  private Consumer<WorkbenchShell> beforeShow = shell -> {};
  private boolean show = true;
  private Path builtIn;
  private Stage stage;
  private FxTaskExecutor executor;
  private WorkbenchShell shell;
  private Scene scene;

  private WorkbenchWindow(Supplier<Path> folder, ProjectBuilder builder) {
    this.folder = folder;
    this.builder = builder;
  }

  /** The demo project in {@code folder}, created for lead-demo on the fixed clock. */
  public static WorkbenchWindow withDemo(Supplier<Path> folder) {
    return new WorkbenchWindow(
        folder, project -> DemoCreation.create(project, "lead-demo", TestClocks.FIXED));
  }

  /** A project the test builds itself into the given folder (inside {@code folder}). */
  public static WorkbenchWindow building(Supplier<Path> folder, ProjectBuilder builder) {
    return new WorkbenchWindow(folder, builder);
  }

  /** No project in {@code folder}: the shell's demo folder does not exist yet (a first run). */
  public static WorkbenchWindow empty(Supplier<Path> folder) {
    return new WorkbenchWindow(folder, project -> {});
  }

  /** Names the project's folder inside the temporary one ({@code demo} unless told). */
  public WorkbenchWindow named(String name) {
    this.projectName = name;
    return this;
  }

  /**
   * Where the shell remembers the last project, relative to the folder ({@code config/last-project}
   * unless told); the recent projects are kept beside it.
   */
  public WorkbenchWindow rememberingIn(Path relative) {
    this.lastProject = relative;
    return this;
  }

  /** The scene's height (800 unless told; the width is always 1280). */
  public WorkbenchWindow height(double pixels) {
    this.height = pixels;
    return this;
  }

  /** Sets the new shell up (on the JavaFX thread) before its scene is shown. */
  public WorkbenchWindow beforeShow(Consumer<WorkbenchShell> setUp) {
    this.beforeShow = setUp;
    return this;
  }

  /** Puts the shell's scene on the stage without showing it: the test shows it. */
  public WorkbenchWindow unshown() {
    this.show = false;
    return this;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    buildProject();
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    requireTestFxFirst(context.getRequiredTestClass());
    buildProject();
    // The primary stage TestFX's beforeEach has just set up (the call hands back the same one).
    stage = FxToolkit.toolkitContext().getRegisteredStage();
    executor = new FxTaskExecutor(2);
    FxToolkit.setupFixture(
        () -> {
          shell =
              new WorkbenchShell(
                  stage, TestClocks.FIXED, project(), lastProject(), Screens.all(), executor);
          beforeShow.accept(shell);
          scene = new Scene(shell.view(), 1280, height);
          shell.install(scene);
          stage.setScene(scene);
          if (show) {
            stage.show();
          }
        });
    WaitForAsyncUtils.waitForFxEvents();
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    WorkbenchShell closing = shell;
    shell = null;
    scene = null;
    if (closing == null) {
      return;
    }
    // Closes the screens and the project, and stops the executor taking work.
    FxToolkit.setupFixture(closing::shutdown);
    if (!executor.awaitTermination(QUIET)) {
      throw new IllegalStateException("the window's background work did not end in " + QUIET);
    }
    // The work that ended may have handed the JavaFX thread a last callback (say, a project
    // opened): let it run, then close whatever it opened.
    WaitForAsyncUtils.waitForFxEvents();
    FxToolkit.setupFixture(
        () -> {
          closing.closeProject();
          stage.setMaximized(false);
          stage.setX(0);
          stage.setY(0);
          stage.setWidth(1280);
          stage.setHeight(800);
        });
    WaitForAsyncUtils.waitForFxEvents();
  }

  private static void requireTestFxFirst(Class<?> testClass) {
    boolean declared =
        Arrays.stream(testClass.getAnnotationsByType(ExtendWith.class))
            .flatMap(extendWith -> Arrays.stream(extendWith.value()))
            .anyMatch(ApplicationExtension.class::equals);
    if (!declared) {
      throw new ExtensionConfigurationException(
          testClass.getSimpleName()
              + " registers WorkbenchWindow without @ExtendWith(ApplicationExtension.class) on the"
              + " class: TestFX must set up the stage before the shell is put on it.");
    }
  }

  private void buildProject() throws IOException {
    Path dir = folder.get();
    if (dir == null || dir.equals(builtIn)) {
      return;
    }
    Files.createDirectories(dir);
    builder.build(dir.resolve(projectName));
    builtIn = dir;
  }

  /** The temporary folder everything is in. */
  public Path dir() {
    return folder.get();
  }

  /** The project's folder (the shell's demo folder). */
  public Path project() {
    return dir().resolve(projectName);
  }

  /** Where the shell remembers the last project (its config folder is this file's parent). */
  public Path lastProject() {
    return dir().resolve(lastProject == null ? Path.of("config", "last-project") : lastProject);
  }

  /** TestFX's primary stage, which the shell is shown in. */
  public Stage stage() {
    return stage;
  }

  /** This test's shell. */
  public WorkbenchShell shell() {
    return shell;
  }

  /** The shell's scene. */
  public Scene scene() {
    return scene;
  }

  /** Opens the project as {@code userId} and waits for the navigation to name them. */
  public void open(FxRobot robot, String userId) throws Exception {
    fx(
        () -> {
          shell.open(project(), userId);
          return null;
        });
    await(30, () -> text(robot, "#whoLabel").startsWith(userId + " · "));
    WaitForAsyncUtils.waitForFxEvents();
  }

  /** Opens {@code project} as {@code user} and brings screen {@code id} up. */
  public void openScreen(FxRobot robot, Path project, String user, String id) throws Exception {
    fx(
        () -> {
          shell.open(project, user);
          return null;
        });
    // open() closes the screens at once; the project is open when its first screen is in front.
    await(90, () -> fx(() -> shell.activeScreen().isPresent()));
    show(id);
  }

  /** Brings screen {@code id} to the front and waits until it exists. */
  public void show(String id) throws Exception {
    fx(
        () -> {
          shell.show(id);
          return null;
        });
    // The screen exists before its view joins the window's scene (on a later pulse): wait for the
    // view itself.
    await(
        30,
        () ->
            fx(
                () ->
                    shell.activeScreen().isPresent()
                        && shell.screen(id).map(s -> s.view().getScene() != null).orElse(false)));
    // Controls build their skins in a CSS pass (a ScrollPane or TitledPane adds its content to the
    // scene graph only then): run that pass now, so every node of the screen can be looked up.
    fx(
        () -> {
          Node view = shell.screen(id).orElseThrow().view();
          view.applyCss();
          if (view instanceof Parent parent) {
            parent.layout();
          }
          return null;
        });
  }

  /** Brings the Project screen and its tab {@code part} to the front. */
  public ProjectDeskScreen desk(ProjectDeskScreen.Part part) throws Exception {
    show("project");
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
}
