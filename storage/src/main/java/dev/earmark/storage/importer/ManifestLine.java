package dev.earmark.storage.importer;

/**
 * What one manifest line (or one record of another format) turned into: a clip entry, an error
 * naming the line, or a note worth reporting beside an entry (a skipped annotation).
 */
public sealed interface ManifestLine {
  int line();

  /** A well-formed line. */
  record Entry(ManifestEntry entry) implements ManifestLine {
    @Override
    public int line() {
      return entry.line();
    }
  }

  /** A malformed line; {@code message} says what is wrong and does not repeat the line number. */
  record Error(int line, String message) implements ManifestLine {}

  /**
   * Something left out of a line that still imports (e.g. a rejected Label Studio annotation);
   * reported as a warning with {@code code}.
   */
  record Note(int line, String clipId, String code, String message) implements ManifestLine {}
}
