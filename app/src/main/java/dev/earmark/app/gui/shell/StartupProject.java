package dev.earmark.app.gui.shell;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Which project the workbench opens when started (issue 7): the one named with {@code --project}
 * (or {@code $EARMARK_PROJECT}); else the last project opened, if it still exists; else the default
 * project, which is created as the demo project when it does not exist yet. Plain logic with no
 * JavaFX, so it is tested without a window. Stateless and thread-safe.
 */
public final class StartupProject {
  private StartupProject() {}

  /**
   * The project to open and whether to create the demo project there first.
   *
   * @param createDemo the default project does not exist yet: build the demo in it
   */
  public record Choice(Path project, boolean createDemo) {}

  /**
   * Chooses the project to open.
   *
   * @param named the project the user named, if any
   * @param defaultProject the default project location
   * @param last the last project opened, if one was remembered
   * @param exists whether a directory holds a project
   */
  public static Choice choose(
      Optional<Path> named, Path defaultProject, Optional<Path> last, Predicate<Path> exists) {
    Path project =
        named.orElseGet(() -> last.filter(exists).orElse(defaultProject)).toAbsolutePath();
    Path normalized = project.normalize();
    boolean isDefault = normalized.equals(defaultProject.toAbsolutePath().normalize());
    return new Choice(normalized, isDefault && !exists.test(normalized));
  }

  /**
   * The file that remembers the last project opened: {@code $XDG_CONFIG_HOME/earmark/last-project},
   * or {@code ~/.config/earmark/last-project} when that variable is unset or empty.
   */
  public static Path lastProjectFile(Map<String, String> environment, String userHome) {
    String config = environment.get("XDG_CONFIG_HOME");
    Path base = config == null || config.isBlank() ? Path.of(userHome, ".config") : Path.of(config);
    return base.resolve("earmark").resolve("last-project");
  }

  /** The project remembered in {@code file}; empty when there is none or it is unreadable. */
  public static Optional<Path> readLast(Path file) {
    try {
      if (!Files.isRegularFile(file)) {
        return Optional.empty();
      }
      String text = Files.readString(file, StandardCharsets.UTF_8).strip();
      return text.isEmpty() ? Optional.empty() : Optional.of(Path.of(text));
    } catch (IOException | java.nio.file.InvalidPathException e) {
      return Optional.empty();
    }
  }

  /** Remembers {@code project} in {@code file}, creating its folder. */
  public static void remember(Path file, Path project) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, project.toAbsolutePath().normalize() + "\n", StandardCharsets.UTF_8);
  }
}
