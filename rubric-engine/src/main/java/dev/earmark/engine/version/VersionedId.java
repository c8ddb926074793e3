package dev.earmark.engine.version;

import dev.earmark.engine.EngineException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The id of one published version of a definition, written {@code name@N} (for example {@code
 * asr-transcript@3}, {@code en-asr@2}). Names are lower-case letters, digits and dashes; versions
 * start at 1. Immutable and thread-safe.
 */
public record VersionedId(String name, int version) implements Comparable<VersionedId> {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(?:-[a-z0-9]+)*");
  private static final Pattern ID = Pattern.compile("(" + NAME.pattern() + ")@([1-9][0-9]{0,8})");

  public VersionedId {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new EngineException(
          "'" + name + "' is not a valid name: use lower-case letters, digits and dashes");
    }
    if (version < 1) {
      throw new EngineException("version of '" + name + "' must be 1 or more, not " + version);
    }
  }

  /** Parses {@code name@N}; the message of the exception says what a valid id looks like. */
  public static VersionedId parse(String text) {
    Matcher matcher = ID.matcher(text == null ? "" : text.strip());
    if (!matcher.matches()) {
      throw new EngineException(
          "'" + text + "' is not a versioned id: write name@N, for example en-asr@1");
    }
    return new VersionedId(matcher.group(1), Integer.parseInt(matcher.group(2)));
  }

  /** True when {@code text} has the {@code name@N} form. */
  public static boolean looksLikeId(String text) {
    return text != null && ID.matcher(text.strip()).matches();
  }

  /** The id of the version an edit of this one publishes. */
  public VersionedId next() {
    return new VersionedId(name, version + 1);
  }

  @Override
  public int compareTo(VersionedId other) {
    int byName = name.compareTo(other.name);
    return byName != 0 ? byName : Integer.compare(version, other.version);
  }

  @Override
  public String toString() {
    return name + "@" + version;
  }
}
