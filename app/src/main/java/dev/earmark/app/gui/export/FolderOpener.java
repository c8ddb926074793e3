package dev.earmark.app.gui.export;

import dev.earmark.app.gui.background.BackgroundExecutor;
import dev.earmark.app.gui.background.FailureSentence;
import java.nio.file.Path;
import java.util.function.Consumer;

/** Shows a folder in the desktop's file manager. */
@FunctionalInterface
public interface FolderOpener {
  /**
   * Opens {@code folder}; {@code onFailure} gets a sentence when no file manager can (a headless
   * machine, a desktop without one), on the JavaFX thread.
   */
  void open(Path folder, Consumer<String> onFailure);

  /** The desktop's file manager (xdg-open, open or explorer), run off the JavaFX thread. */
  static FolderOpener desktop(BackgroundExecutor executor) {
    return (folder, onFailure) ->
        executor.inBackground(
            "open the folder " + folder,
            () -> {
              String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
              String command =
                  os.contains("win") ? "explorer" : os.contains("mac") ? "open" : "xdg-open";
              new ProcessBuilder(command, folder.toString()).inheritIO().start();
              return null;
            },
            done -> {},
            error ->
                onFailure.accept(
                    "No file manager could open "
                        + folder
                        + " ("
                        + FailureSentence.reason(error)
                        + "); open it yourself: the path is selectable above."));
  }
}
