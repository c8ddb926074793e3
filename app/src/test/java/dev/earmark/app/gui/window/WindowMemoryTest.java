package dev.earmark.app.gui.window;

import static dev.earmark.app.gui.FxThread.fx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.earmark.app.gui.WorkbenchWindow;
import dev.earmark.app.gui.shell.WorkbenchShell;
import java.nio.file.Path;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.Label;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCode;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Size, position and UI zoom in a real (headless) window: restored from the preferences file at
 * start, clamped onto the screen, changed from the View menu and its keys, saved when the window
 * closes.
 */
@ExtendWith(ApplicationExtension.class)
class WindowMemoryTest {
  @TempDir Path dir;

  @RegisterExtension final WorkbenchWindow window = WorkbenchWindow.empty(() -> dir).unshown();
  private Path file;
  private Stage stage;
  private WorkbenchShell shell;

  @BeforeEach
  void nothingRememberedYet() {
    stage = window.stage();
    shell = window.shell();
    file = dir.resolve("config").resolve("window.properties");
    assertThat(file).doesNotExist();
  }

  /** The next test restores the window before it is shown, as at start. */
  @AfterEach
  void hide() {
    fx(
        () -> {
          stage.hide();
          return null;
        });
  }

  @Test
  void theRememberedSizePositionAndZoomAreRestoredAtStart() {
    new WindowPreferences(file).save(new WindowState(30, 40, 1000, 700, false, 130));

    restoreAndShow();

    fx(
        () -> {
          assertThat(stage.getX()).isEqualTo(30);
          assertThat(stage.getY()).isEqualTo(40);
          assertThat(stage.getWidth()).isEqualTo(1000);
          assertThat(stage.getHeight()).isEqualTo(700);
          assertThat(shell.zoom().percent()).isEqualTo(130);
          assertThat(shell.view().getStyle()).contains("-fx-font-size: 18.20px");
          Label any = new Label("text");
          ((javafx.scene.layout.BorderPane) shell.view()).setBottom(any);
          any.applyCss();
          assertThat(any.getFont().getSize())
              .isEqualTo(18.2, org.assertj.core.data.Offset.offset(0.01));
          return null;
        });
  }

  @Test
  void aPositionOffTheScreenIsBroughtBackOntoIt() {
    new WindowPreferences(file).save(new WindowState(9000, -3000, 1000, 700, false, 100));

    restoreAndShow();

    Rectangle2D screen = fx(() -> Screen.getPrimary().getVisualBounds());
    fx(
        () -> {
          assertThat(stage.getX()).isBetween(screen.getMinX(), screen.getMaxX() - 1000);
          assertThat(stage.getY()).isBetween(screen.getMinY(), screen.getMaxY() - 700);
          return null;
        });
  }

  @Test
  void closingTheWindowSavesItsPlaceAndTheZoomChosenInTheViewMenu() {
    WindowMemory memory = restoreAndShow();
    fx(
        () -> {
          stage.setX(12);
          stage.setY(34);
          stage.setWidth(1100);
          stage.setHeight(720);
          menuItem("menuZoomIn").fire();
          menuItem("menuZoomIn").fire();
          return null;
        });

    fx(
        () -> {
          stage.fireEvent(
              new javafx.stage.WindowEvent(stage, javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST));
          stage.hide();
          return null;
        });

    assertThat(memory).isNotNull();
    assertThat(new WindowPreferences(file).load())
        .isEqualTo(new WindowState(12, 34, 1100, 720, false, 120));
  }

  @Test
  void zoomStaysWithinNinetyAndOneHundredFiftyPercent() {
    restoreAndShow();

    fx(
        () -> {
          for (int i = 0; i < 10; i++) {
            menuItem("menuZoomIn").fire();
          }
          assertThat(shell.zoom().percent()).isEqualTo(150);
          assertThat(menuItem("menuZoomIn").isDisable()).isTrue();
          for (int i = 0; i < 10; i++) {
            menuItem("menuZoomOut").fire();
          }
          assertThat(shell.zoom().percent()).isEqualTo(90);
          assertThat(menuItem("menuZoomOut").isDisable()).isTrue();
          menuItem("menuZoomReset").fire();
          assertThat(shell.zoom().percent()).isEqualTo(100);
          return null;
        });
  }

  @Test
  void ctrlAltEqualsZoomsTheInterfaceAndCtrlAltZeroResetsIt(FxRobot robot) {
    restoreAndShow();

    robot
        .press(KeyCode.CONTROL, KeyCode.ALT, KeyCode.EQUALS)
        .release(KeyCode.EQUALS, KeyCode.ALT, KeyCode.CONTROL);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(fx(() -> shell.zoom().percent())).isEqualTo(110);

    robot
        .press(KeyCode.CONTROL, KeyCode.ALT, KeyCode.DIGIT0)
        .release(KeyCode.DIGIT0, KeyCode.ALT, KeyCode.CONTROL);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(fx(() -> shell.zoom().percent())).isEqualTo(100);
  }

  private WindowMemory restoreAndShow() {
    return fx(
        () -> {
          WindowMemory memory = new WindowMemory(new WindowPreferences(file));
          memory.restore(stage, shell.zoom());
          stage.show();
          stage.toFront();
          return memory;
        });
  }

  private MenuItem menuItem(String id) {
    MenuBar bar = (MenuBar) shell.view().lookup(".menu-bar");
    return bar.getMenus().stream()
        .flatMap(menu -> menu.getItems().stream())
        .filter(item -> id.equals(item.getId()))
        .findFirst()
        .orElseThrow();
  }
}
