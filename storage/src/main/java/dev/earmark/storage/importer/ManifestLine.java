package dev.earmark.storage.importer;

/** What one manifest line turned into: a clip entry, or an error naming the line. */
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
}
