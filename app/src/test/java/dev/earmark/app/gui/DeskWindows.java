package dev.earmark.app.gui;

import static dev.earmark.app.gui.FxThread.fx;

import dev.earmark.app.gui.shell.WorkbenchShell;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextInputControl;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Node-lookup helpers for the window tests of the lead's desk: they act through the fx thread on
 * nodes found by id (no clicks at screen coordinates, which miss on a loaded machine).
 */
public final class DeskWindows {
  private DeskWindows() {}

  /** Waits up to {@code seconds} for {@code condition}. */
  public static void await(int seconds, Callable<Boolean> condition) throws Exception {
    WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
  }

  /** The node {@code id} (with its #), failing when absent. */
  public static Node node(FxRobot robot, String id) {
    return robot.lookup(id).query();
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

  /** Fires the button {@code id}, as a click or Enter on it would. */
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
}
