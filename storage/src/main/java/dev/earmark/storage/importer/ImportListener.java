package dev.earmark.storage.importer;

/**
 * Progress of an import, for the workbench's progress bar and the command line. Called from the
 * importing thread; implementations hand over to their own thread if they need to.
 */
public interface ImportListener {
  /** {@code done} of {@code total} manifest lines handled so far. */
  void progress(long done, long total);

  /** Asked between chunks; returning true stops the import after the chunk in hand is saved. */
  default boolean cancelled() {
    return false;
  }

  /** A listener that ignores progress. */
  ImportListener NONE = (done, total) -> {};
}
