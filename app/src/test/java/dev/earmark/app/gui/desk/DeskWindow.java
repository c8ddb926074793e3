package dev.earmark.app.gui.desk;

import dev.earmark.app.TestClocks;
import dev.earmark.app.demo.DemoCreation;
import dev.earmark.app.gui.Screens;
import dev.earmark.app.gui.background.FxTaskExecutor;
import dev.earmark.app.gui.shell.WorkbenchShell;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Label;
import javafx.scene.control.TextInputControl;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A real workbench window on a real demo project (H2 file, fixed clock) for the lead's desk tests,
 * driven by node lookups and calls on the JavaFX thread rather than clicks at coordinates.
 */
public final class DeskWindow {
  private final Path dir;
  private final Path demo;
  private WorkbenchShell shell;
  private Scene scene;

  private DeskWindow(Path dir, Path demo) {
    this.dir = dir;
    this.demo = demo;
  }

  /** Builds the demo project in a new temporary folder. */
  public static DeskWindow withDemo(String prefix) throws IOException {
    Path dir = Files.createTempDirectory(prefix);
    Path demo = dir.resolve("demo");
    DemoCreation.create(demo, "lead-demo", TestClocks.FIXED);
    return new DeskWindow(dir, demo);
  }

  /** Shows the shell in {@code stage} (the TestFX start method). */
  public void start(Stage stage) {
    shell =
        new WorkbenchShell(
            stage,
            TestClocks.FIXED,
            demo,
            dir.resolve("last-project"),
            Screens.all(),
            new FxTaskExecutor(2));
    scene = new Scene(shell.view(), 1280, 800);
    shell.install(scene);
    stage.setScene(scene);
    stage.show();
  }

  /** The temporary folder the demo project is in. */
  public Path dir() {
    return dir;
  }

  /** The demo project's folder. */
  public Path demo() {
    return demo;
  }

  public WorkbenchShell shell() {
    return shell;
  }

  public Scene scene() {
    return scene;
  }

  /** Opens the demo as {@code userId} and waits for the navigation. */
  public void open(FxRobot robot, String userId) throws Exception {
    fx(
        () -> {
          shell.open(demo, userId);
          return null;
        });
    WaitForAsyncUtils.waitFor(
        30, TimeUnit.SECONDS, () -> text(robot, "#whoLabel").startsWith(userId + " · "));
    WaitForAsyncUtils.waitForFxEvents();
  }

  /** Brings the Project screen and its tab {@code part} to the front. */
  public ProjectDeskScreen desk(ProjectDeskScreen.Part part) throws Exception {
    fx(
        () -> {
          shell.show("project");
          return null;
        });
    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> fx(() -> shell.screen("project").isPresent()));
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

  /** Closes the shell. */
  public void close() {
    fx(
        () -> {
          shell.shutdown();
          return null;
        });
  }

  /** Removes the temporary folder. */
  public void delete() throws IOException {
    try (var files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** Fires the button {@code id} on the JavaFX thread. */
  public static void fire(FxRobot robot, String id) {
    ButtonBase button = robot.lookup(id).query();
    fx(
        () -> {
          button.fire();
          return null;
        });
  }

  /** Types {@code text} into the field {@code id} (replacing its text). */
  public static void type(FxRobot robot, String id, String text) {
    TextInputControl field = robot.lookup(id).query();
    fx(
        () -> {
          field.setText(text);
          return null;
        });
  }

  /** The text of the label {@code id}, or "" when there is none. */
  public static String text(FxRobot robot, String id) {
    return robot
        .lookup(id)
        .tryQuery()
        .map(node -> fx(() -> node instanceof Label label ? label.getText() : ""))
        .orElse("");
  }

  /** Waits until the label {@code id} satisfies {@code check}. */
  public static void awaitText(FxRobot robot, String id, java.util.function.Predicate<String> check)
      throws Exception {
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> check.test(text(robot, id)));
  }

  /** Whether a node {@code id} is in the scene. */
  public static boolean present(FxRobot robot, String id) {
    return robot.lookup(id).tryQuery().map(Node::isVisible).orElse(false);
  }

  /** Runs {@code action} on the JavaFX thread and returns its result. */
  public static <T> T fx(Callable<T> action) {
    try {
      return WaitForAsyncUtils.waitForAsyncFx(10_000, action);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
