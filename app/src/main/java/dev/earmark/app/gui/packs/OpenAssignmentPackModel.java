package dev.earmark.app.gui.packs;

import dev.earmark.app.gui.background.BackgroundExecutor;
import dev.earmark.app.gui.background.FailureSentence;
import dev.earmark.storage.pack.AssignmentPackImport;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.BiConsumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Project › Open assignment pack…: the pack file and a new or empty folder; Open makes the working
 * project there ({@link PacksService#openAssignmentPack}) and hands the folder and the pack's
 * annotator to the shell, which opens it as them. No JavaFX nodes; not thread-safe.
 */
public final class OpenAssignmentPackModel {
  private final BackgroundExecutor executor;
  private final Clock clock;
  private final BiConsumer<Path, String> opened;
  private final StringProperty packFile = new SimpleStringProperty("");
  private final StringProperty folder = new SimpleStringProperty("");
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);

  /**
   * @param opened receives the working project's folder and the pack's annotator once it is made
   */
  public OpenAssignmentPackModel(
      BackgroundExecutor executor, Clock clock, BiConsumer<Path, String> opened) {
    this.executor = executor;
    this.clock = clock;
    this.opened = opened;
  }

  /** Makes the working project and opens it. */
  public void open() {
    if (packFile.get().isBlank() || folder.get().isBlank()) {
      message.set("Choose the assignment pack and a new or empty folder for your work.");
      return;
    }
    Path pack = Path.of(packFile.get().strip());
    Path directory = Path.of(folder.get().strip());
    running.set(true);
    message.set("Checking the pack and copying its clips into " + directory + "…");
    executor.inBackground(
        "open the assignment pack " + pack.getFileName(),
        () -> PacksService.openAssignmentPack(pack, directory, clock),
        (AssignmentPackImport imported) -> {
          running.set(false);
          message.set(
              "Made your working project: "
                  + imported.assignments()
                  + " assignments, "
                  + imported.clips()
                  + " clips, "
                  + imported.drafts()
                  + " drafts for "
                  + imported.annotator()
                  + ".");
          opened.accept(directory.toAbsolutePath().normalize(), imported.annotator());
        },
        error -> {
          running.set(false);
          message.set(FailureSentence.reason(error));
        });
  }

  public StringProperty packFileProperty() {
    return packFile;
  }

  public StringProperty folderProperty() {
    return folder;
  }

  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty runningProperty() {
    return running.getReadOnlyProperty();
  }
}
