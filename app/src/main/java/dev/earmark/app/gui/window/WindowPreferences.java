package dev.earmark.app.gui.window;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The user's window preferences file: size, position and UI zoom, remembered across starts and kept
 * apart from any project (they belong to the user at this machine, not to the data). The file is
 * {@code $XDG_CONFIG_HOME/earmark/window.properties} (else {@code
 * ~/.config/earmark/window.properties}); the system property {@value #LOCATION_PROPERTY} or the
 * constructor names another one (tests). A missing or unreadable file gives the defaults; a failed
 * write is logged, never fatal. Not thread-safe: used on the JavaFX thread.
 */
public final class WindowPreferences {
  /** The system property naming the preferences file instead of the default location. */
  public static final String LOCATION_PROPERTY = "earmark.windowPreferences";

  private static final Logger LOG = Logger.getLogger(WindowPreferences.class.getName());

  private final Path file;

  /** The preferences kept in {@code file}. */
  public WindowPreferences(Path file) {
    this.file = file;
  }

  /** The preferences at the location the system property or the environment names. */
  public static WindowPreferences atDefaultLocation() {
    return new WindowPreferences(
        defaultFile(System.getenv(), System.getProperty("user.home"), System.getProperties()));
  }

  /** Where the preferences are kept for this environment and these system properties. */
  public static Path defaultFile(Map<String, String> env, String home, Properties system) {
    String named = system.getProperty(LOCATION_PROPERTY);
    if (named != null && !named.isBlank()) {
      return Path.of(named);
    }
    String xdg = env.get("XDG_CONFIG_HOME");
    Path config = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(home, ".config");
    return config.resolve("earmark").resolve("window.properties");
  }

  /** The file these preferences are kept in. */
  public Path file() {
    return file;
  }

  /** The remembered state, or the defaults when nothing (usable) was remembered. */
  public WindowState load() {
    WindowState defaults = WindowState.defaults();
    if (!Files.isRegularFile(file)) {
      return defaults;
    }
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
    } catch (IOException | IllegalArgumentException e) {
      LOG.log(Level.WARNING, "cannot read window preferences " + file + "; using defaults", e);
      return defaults;
    }
    double width = number(p, "width", defaults.width());
    double height = number(p, "height", defaults.height());
    return new WindowState(
        number(p, "x", Double.NaN),
        number(p, "y", Double.NaN),
        width > 0 ? width : defaults.width(),
        height > 0 ? height : defaults.height(),
        Boolean.parseBoolean(p.getProperty("maximized", "false")),
        WindowState.clampZoom((int) Math.round(number(p, "zoom", WindowState.DEFAULT_ZOOM))));
  }

  /** Remembers {@code state}; a failure is logged and otherwise ignored. */
  public void save(WindowState state) {
    Properties p = new Properties();
    if (state.hasPosition()) {
      p.setProperty("x", Double.toString(state.x()));
      p.setProperty("y", Double.toString(state.y()));
    }
    p.setProperty("width", Double.toString(state.width()));
    p.setProperty("height", Double.toString(state.height()));
    p.setProperty("maximized", Boolean.toString(state.maximized()));
    p.setProperty("zoom", Integer.toString(WindowState.clampZoom(state.zoomPercent())));
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Path temp = Files.createTempFile(parent, "window", ".tmp");
      try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
        p.store(out, "Earmark window size, position and UI zoom");
      }
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      LOG.log(Level.WARNING, "cannot write window preferences " + file, e);
    }
  }

  private static double number(Properties p, String key, double fallback) {
    String value = p.getProperty(key);
    if (value == null) {
      return fallback;
    }
    try {
      double d = Double.parseDouble(value.strip());
      return Double.isFinite(d) ? d : fallback;
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
