package dev.earmark.app.gui.project;

import dev.earmark.storage.project.Project;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The welcome screen's state: why no project is open (if something went wrong), the recent
 * projects, and the "create a project" form with its validation as plain sentences. Used on the
 * JavaFX thread.
 */
public final class WelcomeModel {
  /** Why the welcome screen shows: the project it tried, and what went wrong. */
  public record Problem(Path project, String reason) {}

  private final ReadOnlyObjectWrapper<Problem> problem = new ReadOnlyObjectWrapper<>();
  private final ObservableList<Path> recent = FXCollections.observableArrayList();
  private final StringProperty name = new SimpleStringProperty("");
  private final StringProperty folder = new SimpleStringProperty("");
  private final StringProperty user = new SimpleStringProperty("");
  private final SimpleBooleanProperty importNext = new SimpleBooleanProperty(true);
  private final ObservableList<String> problems = FXCollections.observableArrayList();

  /**
   * A welcome screen.
   *
   * @param problem why no project is open; empty on a first run
   * @param recent the recent projects, newest first
   * @param defaultFolder where new projects go unless the user says otherwise
   * @param userId who is acting; becomes the new project's lead
   */
  public WelcomeModel(
      Optional<Problem> problem, List<Path> recent, Path defaultFolder, String userId) {
    this.problem.set(problem.orElse(null));
    this.recent.setAll(recent);
    this.folder.set(defaultFolder.toString());
    this.user.set(userId);
  }

  public ReadOnlyObjectProperty<Problem> problemProperty() {
    return problem.getReadOnlyProperty();
  }

  /** The recent projects, newest first. */
  public ObservableList<Path> recent() {
    return recent;
  }

  /** The new project's folder name. */
  public StringProperty nameProperty() {
    return name;
  }

  /** The folder the new project is made in. */
  public StringProperty folderProperty() {
    return folder;
  }

  /** The user who creates the project and becomes its lead. */
  public StringProperty userProperty() {
    return user;
  }

  /** Whether the import wizard follows the creation. */
  public SimpleBooleanProperty importNextProperty() {
    return importNext;
  }

  /** What stops the form, as sentences; filled by {@link #newProject}. */
  public ObservableList<String> problems() {
    return problems;
  }

  /** Whether {@code project} still holds an Earmark project (for the recent list's hints). */
  public static boolean stillThere(Path project) {
    return Project.exists(project);
  }

  /**
   * The project the form describes, or empty with {@link #problems} saying what to fix. Does not
   * touch the disk beyond checking that the target does not hold a project already.
   */
  public Optional<NewProject> newProject() {
    List<String> found = new ArrayList<>();
    String projectName = name.get() == null ? "" : name.get().strip();
    if (projectName.isEmpty()) {
      found.add("Give the project a name; it becomes the name of its folder.");
    } else if (!NewProject.usableName(projectName)) {
      found.add(
          "The name '"
              + projectName
              + "' cannot be a folder name here: use letters, digits, spaces, '.', '_' or '-'.");
    }
    Path parent = null;
    String folderText = folder.get() == null ? "" : folder.get().strip();
    if (folderText.isEmpty()) {
      found.add("Choose the folder the project is made in.");
    } else {
      try {
        parent = Path.of(folderText);
      } catch (InvalidPathException e) {
        found.add("The folder '" + folderText + "' is not a path this system accepts.");
      }
    }
    String userId = user.get() == null ? "" : user.get().strip();
    if (!NewProject.usableUser(userId)) {
      found.add(
          "Say who you are with a user id made of letters, digits, '.', '_' or '-'; you become"
              + " the project's lead.");
    }
    if (found.isEmpty()) {
      NewProject project = new NewProject(parent, projectName, userId);
      if (stillThere(project.directory())) {
        found.add(
            project.directory()
                + " already holds an Earmark project: open it from the list, or choose another"
                + " name.");
      }
      if (found.isEmpty()) {
        problems.clear();
        return Optional.of(project);
      }
    }
    problems.setAll(found);
    return Optional.empty();
  }
}
