package dev.earmark.app.about;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Earmark's version, as Maven wrote it into {@code earmark-version.properties}: the command line's
 * {@code --version}, the workbench's title lines and the lineage of exports and packs all read it
 * here. Stateless and thread-safe.
 */
public final class Version {
  private Version() {}

  /** The version, e.g. {@code 0.1.0-SNAPSHOT}; {@code unknown} when the build wrote none. */
  public static String current() {
    Properties properties = new Properties();
    try (InputStream in = Version.class.getResourceAsStream("/earmark-version.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties.getProperty("version", "unknown");
  }
}
