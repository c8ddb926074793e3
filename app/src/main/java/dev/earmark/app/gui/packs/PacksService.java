package dev.earmark.app.gui.packs;

import dev.earmark.app.about.Version;
import dev.earmark.storage.StorageException;
import dev.earmark.storage.labelimport.LabelImportReport;
import dev.earmark.storage.labelimport.LabelImporter;
import dev.earmark.storage.pack.AssignmentPackExport;
import dev.earmark.storage.pack.AssignmentPackImport;
import dev.earmark.storage.pack.AssignmentPacks;
import dev.earmark.storage.pack.LabelPackExport;
import dev.earmark.storage.pack.LabelPackImport;
import dev.earmark.storage.pack.LabelPacks;
import dev.earmark.storage.pack.PackFile;
import dev.earmark.storage.policy.Policies;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.user.Role;
import dev.earmark.storage.user.User;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The storage calls of the Packs screen and the annotator's pack menu items, the same as {@code
 * earmark pack export|import|export-labels} and {@code earmark labels import} make them. Blocks:
 * call through the background executor. Thread-safe.
 */
public class PacksService {
  private final Project project;
  private final String userId;

  public PacksService(Project project, String userId) {
    this.project = project;
    this.userId = userId;
  }

  /** The project's active annotators, by id. */
  public List<String> annotators() {
    return project.users().list().stream()
        .filter(User::active)
        .filter(user -> user.roles().contains(Role.ANNOTATOR))
        .map(User::id)
        .sorted()
        .toList();
  }

  /** The assignment pack this project was made from, when it is an annotator's working copy. */
  public Optional<AssignmentPacks.SourceLink> source() {
    return new AssignmentPacks(project, new Policies(project)).source();
  }

  /** Writes {@code annotator}'s assignment pack to {@code out} (leads only). */
  public AssignmentPackExport exportAssignments(String annotator, Path out) {
    createParent(out);
    return new AssignmentPacks(project, new Policies(project))
        .export(project.users().actor(userId), annotator, out, Version.current());
  }

  /** Merges the label pack {@code file} into this project (leads only). */
  public LabelPackImport importLabels(Path file) {
    return new LabelPacks(project, new Policies(project))
        .importInto(project.users().actor(userId), file);
  }

  /**
   * Imports {@code file} (JSONL, docs/formats/label-import.md) as {@code annotator}'s submitted
   * labels (leads only), as {@code earmark labels import} does.
   */
  public LabelImportReport importLabelFile(String annotator, Path file) {
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new StorageException(
          "cannot read " + file + ": choose a readable JSONL file of labels");
    }
    return new LabelImporter(project).run(project.users().actor(userId), annotator, file);
  }

  /** Writes this working project's label pack to {@code out}. */
  public LabelPackExport exportLabels(Path out) {
    createParent(out);
    return new LabelPacks(project, new Policies(project))
        .export(project.users().actor(userId), out, Version.current());
  }

  /**
   * Makes a new working project in {@code directory} (new or empty) from the assignment pack {@code
   * pack}, its audio under {@code directory}/audio, as {@code earmark pack import} does; the pack
   * is checked before the project is created, so a refused pack leaves nothing behind.
   */
  public static AssignmentPackImport openAssignmentPack(Path pack, Path directory, Clock clock) {
    Path target = directory.toAbsolutePath().normalize();
    if (Project.exists(target)) {
      throw new StorageException(
          target + " already holds a project; choose a new or empty folder for the pack.");
    }
    if (Files.isDirectory(target) && !Project.interruptedCreation(target)) {
      try (Stream<Path> entries = Files.list(target)) {
        if (entries.findAny().isPresent()) {
          throw new StorageException(
              target + " is not empty; choose a new or empty folder for the pack.");
        }
      } catch (IOException e) {
        throw new StorageException(target + " cannot be read: " + e.getMessage(), e);
      }
    }
    PackFile.open(pack);
    // As `earmark pack import` does: the project is created behind a marker that only a finished
    // import removes, so a refused or interrupted import leaves no half-made project behind.
    boolean finished = false;
    try (Project working = Project.createEmbedded(target, clock)) {
      AssignmentPackImport imported =
          new AssignmentPacks(working, new Policies(working))
              .importInto(pack, target.resolve("audio"));
      working.finishCreation();
      finished = true;
      return imported;
    } finally {
      if (!finished && Project.interruptedCreation(target)) {
        Project.discardCreation(target);
      }
    }
  }

  private static void createParent(Path out) {
    Path parent = out.toAbsolutePath().getParent();
    try {
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (IOException e) {
      throw new StorageException("Cannot create " + parent + ": " + e.getMessage(), e);
    }
  }
}
