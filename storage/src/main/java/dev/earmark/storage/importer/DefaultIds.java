package dev.earmark.storage.importer;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Clip ids for manifest lines that give none (docs/formats/import-manifest.md, "Clip ids"): the
 * audio file name without extension; a later line naming a different file with the same name gets
 * the file's path relative to the manifest's folder (without extension, {@code /} separators); a
 * segment ({@code offset} above 0) appends {@code @OFFSET} in seconds with three decimals. Not
 * thread-safe: one per manifest read.
 */
final class DefaultIds {
  private final Path base;
  private final Map<String, Path> fileByName = new HashMap<>();

  DefaultIds(Path base) {
    this.base = base;
  }

  String idOf(Path audio, ManifestEntry.Segment segment) {
    String name = withoutExtension(audio.getFileName().toString());
    Path first = fileByName.putIfAbsent(name, audio);
    String id = first == null || first.equals(audio) ? name : relativeId(audio);
    return segment == null || segment.offsetSeconds() == 0
        ? id
        : id + "@" + String.format(Locale.ROOT, "%.3f", segment.offsetSeconds());
  }

  private String relativeId(Path audio) {
    Path relative = audio.startsWith(base) ? base.relativize(audio) : audio;
    return withoutExtension(relative.toString().replace('\\', '/'));
  }

  private static String withoutExtension(String name) {
    int slash = name.lastIndexOf('/');
    int dot = name.lastIndexOf('.');
    return dot > slash + 1 ? name.substring(0, dot) : name;
  }
}
