package dev.earmark.app.gui;

import static dev.earmark.app.gui.FxThread.fx;

import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import javafx.scene.Node;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextInputControl;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Node-lookup helpers for window tests: they act through the fx thread on nodes found by id (no
 * clicks at screen coordinates, which miss on a loaded machine).
 */
public final class WindowNodes {
  private WindowNodes() {}

  /** Waits up to {@code seconds} for {@code condition}. */
  public static void await(int seconds, Callable<Boolean> condition) throws Exception {
    WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
  }

  /**
   * The node {@code id} (with its #), failing when absent. Where several nodes carry the id (a
   * table keeps recycled, hidden cells in its scene graph), the one shown on screen is taken.
   */
  public static Node node(FxRobot robot, String id) {
    Set<Node> all = robot.lookup(id).queryAll();
    return fx(() -> all.stream().filter(WindowNodes::onScreen).findFirst())
        .orElseGet(() -> robot.lookup(id).query());
  }

  private static boolean onScreen(Node node) {
    for (Node at = node; at != null; at = at.getParent()) {
      if (!at.isVisible()) {
        return false;
      }
    }
    return node.getScene() != null;
  }

  /** Waits up to 20 s until the text of {@code id} satisfies {@code check}. */
  public static void awaitText(FxRobot robot, String id, Predicate<String> check) throws Exception {
    await(20, () -> check.test(text(robot, id)));
  }

  /** Whether a node {@code id} is in the scene and itself visible. */
  public static boolean present(FxRobot robot, String id) {
    Set<Node> all = robot.lookup(id).queryAll();
    return fx(() -> all.stream().anyMatch(Node::isVisible));
  }

  /** Whether node {@code id} is in the scene and visible, with every node above it. */
  public static boolean shown(FxRobot robot, String id) {
    Set<Node> all = robot.lookup(id).queryAll();
    return fx(() -> all.stream().anyMatch(WindowNodes::onScreen));
  }

  /** The text of a label, button or text field {@code id}; empty when absent. */
  public static String text(FxRobot robot, String id) {
    return read(
        robot,
        id,
        node ->
            node instanceof Labeled labeled
                ? labeled.getText()
                : node instanceof TextInputControl input ? input.getText() : "",
        "");
  }

  /**
   * What {@code reading} finds on node {@code id}, read on the fx thread; {@code absent} if none.
   */
  private static <T> T read(FxRobot robot, String id, Function<Node, T> reading, T absent) {
    Set<Node> all = robot.lookup(id).queryAll();
    return fx(
        () -> {
          return all.stream()
              .filter(WindowNodes::onScreen)
              .findFirst()
              .or(() -> all.stream().findFirst())
              .map(reading)
              .orElse(absent);
        });
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

  /** Fires the button {@code id}, as a click or Enter on it would; a disabled one fails. */
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
