package dev.earmark.app.gui.project;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The projects opened lately, newest first, kept one path a line in a small file beside the
 * last-project file ({@code ~/.config/earmark/recent-projects}). Reading never fails: an unreadable
 * file is an empty list, since the list is a convenience. Not thread-safe; used on the JavaFX
 * thread.
 */
public final class RecentProjects {
  /** How many projects the list keeps. */
  public static final int LIMIT = 10;

  private final Path file;

  /** The list stored in {@code file} (created on the first {@link #add}). */
  public RecentProjects(Path file) {
    this.file = file;
  }

  /** The list file beside the last-project file {@code lastProjectFile}. */
  public static RecentProjects besides(Path lastProjectFile) {
    return new RecentProjects(lastProjectFile.resolveSibling("recent-projects"));
  }

  /**
   * The projects, newest first; those that no longer exist are kept (the welcome screen says so).
   */
  public List<Path> list() {
    try {
      if (!Files.isRegularFile(file)) {
        return List.of();
      }
      List<Path> projects = new ArrayList<>();
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String text = line.strip();
        if (!text.isEmpty()) {
          Path path = Path.of(text);
          if (!projects.contains(path)) {
            projects.add(path);
          }
        }
      }
      return List.copyOf(projects.subList(0, Math.min(LIMIT, projects.size())));
    } catch (IOException | InvalidPathException e) {
      return List.of();
    }
  }

  /**
   * Puts {@code project} first, dropping an older entry for it and anything beyond {@link #LIMIT}.
   */
  public void add(Path project) throws IOException {
    Path normalized = project.toAbsolutePath().normalize();
    List<Path> projects = new ArrayList<>();
    projects.add(normalized);
    for (Path known : list()) {
      if (!known.equals(normalized) && projects.size() < LIMIT) {
        projects.add(known);
      }
    }
    write(projects);
  }

  /** Forgets {@code project} (e.g. after the user removes it from the list). */
  public void remove(Path project) throws IOException {
    Path normalized = project.toAbsolutePath().normalize();
    write(list().stream().filter(known -> !known.equals(normalized)).toList());
  }

  private void write(List<Path> projects) throws IOException {
    Files.createDirectories(file.getParent());
    StringBuilder text = new StringBuilder();
    projects.forEach(path -> text.append(path).append('\n'));
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
