package dev.earmark.app.gui.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The window preferences file and the clamping of what it remembers, without a window. */
class WindowPreferencesTest {
  private static final List<Rectangle2D> ONE_SCREEN = List.of(new Rectangle2D(0, 0, 1920, 1080));

  @TempDir Path dir;

  @Test
  void aMissingFileGivesTheDefaultSizeAndZoom() {
    WindowState state = new WindowPreferences(dir.resolve("none.properties")).load();

    assertThat(state.width()).isEqualTo(1280);
    assertThat(state.height()).isEqualTo(800);
    assertThat(state.zoomPercent()).isEqualTo(100);
    assertThat(state.hasPosition()).isFalse();
  }

  @Test
  void savedStateIsReadBackByAnotherInstance() {
    Path file = dir.resolve("config").resolve("window.properties");
    new WindowPreferences(file).save(new WindowState(40, 60, 1500, 900, true, 120));

    assertThat(new WindowPreferences(file).load())
        .isEqualTo(new WindowState(40, 60, 1500, 900, true, 120));
  }

  @Test
  void zoomOutsideTheRangeIsClampedWhenRead() throws Exception {
    Path file = dir.resolve("window.properties");
    Files.writeString(file, "zoom=400\n", StandardCharsets.UTF_8);
    assertThat(new WindowPreferences(file).load().zoomPercent()).isEqualTo(150);

    Files.writeString(file, "zoom=10\n", StandardCharsets.UTF_8);
    assertThat(new WindowPreferences(file).load().zoomPercent()).isEqualTo(90);
  }

  @Test
  void garbledValuesFallBackToTheDefaults() throws Exception {
    Path file = dir.resolve("window.properties");
    Files.writeString(file, "x=left\nwidth=-5\nzoom=big\n", StandardCharsets.UTF_8);

    WindowState state = new WindowPreferences(file).load();

    assertThat(state.hasPosition()).isFalse();
    assertThat(state.width()).isEqualTo(1280);
    assertThat(state.zoomPercent()).isEqualTo(100);
  }

  @Test
  void aWindowLeftOnAScreenThatIsGoneComesBackOntoTheRemainingOne() {
    WindowState onSecondScreen = new WindowState(2500, 300, 1280, 800, false, 100);

    WindowState placed = onSecondScreen.onto(ONE_SCREEN);

    assertThat(placed.x()).isEqualTo(1920 - 1280);
    assertThat(placed.y()).isEqualTo(1080 - 800); // whole window on the screen
    assertThat(placed.width()).isEqualTo(1280);
  }

  @Test
  void aTitleBarAboveTheScreenIsMovedDownOntoIt() {
    WindowState placed = new WindowState(100, -500, 1280, 800, false, 100).onto(ONE_SCREEN);

    assertThat(placed.y()).isEqualTo(0);
    assertThat(placed.x()).isEqualTo(100);
  }

  @Test
  void aWindowLargerThanTheScreenIsShrunkToIt() {
    WindowState placed = new WindowState(0, 0, 3000, 2000, false, 100).onto(ONE_SCREEN);

    assertThat(placed.width()).isEqualTo(1920);
    assertThat(placed.height()).isEqualTo(1080);
  }

  @Test
  void aWindowOnTheSecondOfTwoScreensStaysThere() {
    List<Rectangle2D> two =
        List.of(new Rectangle2D(0, 0, 1920, 1080), new Rectangle2D(1920, 0, 1920, 1080));

    WindowState placed = new WindowState(2500, 100, 1280, 800, false, 110).onto(two);

    assertThat(placed).isEqualTo(new WindowState(2500, 100, 1280, 800, false, 110));
  }

  @Test
  void theSystemPropertyOverridesTheXdgLocation() {
    Properties system = new Properties();
    assertThat(WindowPreferences.defaultFile(Map.of("XDG_CONFIG_HOME", "/cfg"), "/home/a", system))
        .isEqualTo(Path.of("/cfg/earmark/window.properties"));
    assertThat(WindowPreferences.defaultFile(Map.of(), "/home/a", system))
        .isEqualTo(Path.of("/home/a/.config/earmark/window.properties"));

    system.setProperty(WindowPreferences.LOCATION_PROPERTY, "/tmp/w.properties");
    assertThat(WindowPreferences.defaultFile(Map.of("XDG_CONFIG_HOME", "/cfg"), "/home/a", system))
        .isEqualTo(Path.of("/tmp/w.properties"));
  }
}
