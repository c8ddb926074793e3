package dev.earmark.app.gui.shell;

import dev.earmark.storage.identity.OsAccount;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A project being opened while the JavaFX toolkit starts. Opening a project (H2, schema migrations,
 * the user table) costs about as much CPU as starting the toolkit; doing both at once on a
 * multi-core machine shortens the cold start (P9, docs/BENCHMARKS.md). The shell then takes the
 * opened project with {@link WorkbenchShell#open(ProjectPreload)}. Thread-safe.
 */
public final class ProjectPreload {
  private final Path directory;
  private final String userId;
  private final CompletableFuture<OpenedProject> opening = new CompletableFuture<>();

  private ProjectPreload(Path directory, String userId) {
    this.directory = directory;
    this.userId = userId;
  }

  /**
   * Starts opening the embedded project in {@code directory} for {@code userId} on its own thread.
   */
  public static ProjectPreload start(Path directory, String userId, Clock clock) {
    ProjectPreload preload = new ProjectPreload(directory, userId);
    Thread thread =
        new Thread(
            () -> {
              try {
                preload.opening.complete(
                    OpenedProject.open(directory, userId, OsAccount.system(), clock));
              } catch (RuntimeException | Error e) {
                preload.opening.completeExceptionally(e);
              }
            },
            "earmark-open-project");
    thread.setDaemon(true);
    thread.start();
    return preload;
  }

  public Path directory() {
    return directory;
  }

  public String userId() {
    return userId;
  }

  /** Closes the project once it is open, for when no window will take it. */
  public void discard() {
    opening.thenAccept(opened -> opened.project().close());
  }

  /** Waits for the project; rethrows what opening it threw. */
  OpenedProject await() throws Exception {
    try {
      return opening.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
  }
}
