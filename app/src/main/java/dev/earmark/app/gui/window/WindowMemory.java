package dev.earmark.app.gui.window;

import java.util.List;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;

/**
 * Ties a stage and its {@link UiZoom} to the {@link WindowPreferences}: {@link #restore} places the
 * window as it was left (moved back onto a screen if that screen is gone), and closing the window
 * remembers its size, position and zoom. A maximized window remembers the size it had before, so it
 * restores to something sensible. Used on the JavaFX thread.
 */
public final class WindowMemory {
  private final WindowPreferences preferences;
  private Stage stage;
  private UiZoom zoom;
  private Rectangle2D normal;

  /** Memory kept in {@code preferences}. */
  public WindowMemory(WindowPreferences preferences) {
    this.preferences = preferences;
  }

  /**
   * Sizes and places {@code stage} (before it is shown) and sets {@code zoom} as remembered, and
   * saves them when the window is closed.
   */
  public WindowState restore(Stage stage, UiZoom zoom) {
    this.stage = stage;
    this.zoom = zoom;
    WindowState state = preferences.load().onto(visualBounds());
    stage.setWidth(state.width());
    stage.setHeight(state.height());
    if (state.hasPosition()) {
      stage.setX(state.x());
      stage.setY(state.y());
    }
    stage.setMaximized(state.maximized());
    zoom.set(state.zoomPercent());
    normal = new Rectangle2D(state.x(), state.y(), state.width(), state.height());
    stage.xProperty().addListener((obs, old, now) -> track());
    stage.yProperty().addListener((obs, old, now) -> track());
    stage.widthProperty().addListener((obs, old, now) -> track());
    stage.heightProperty().addListener((obs, old, now) -> track());
    stage.addEventHandler(WindowEvent.WINDOW_HIDING, event -> save());
    return state;
  }

  /** The state as it would be remembered now. */
  public WindowState current() {
    return new WindowState(
        normal.getMinX(),
        normal.getMinY(),
        normal.getWidth(),
        normal.getHeight(),
        stage.isMaximized(),
        zoom.percent());
  }

  /** Remembers the current state now (closing the window does it too). */
  public void save() {
    preferences.save(current());
  }

  private void track() {
    if (!stage.isMaximized() && !stage.isIconified()) {
      normal = new Rectangle2D(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight());
    }
  }

  private static List<Rectangle2D> visualBounds() {
    return Screen.getScreens().stream().map(Screen::getVisualBounds).toList();
  }
}
