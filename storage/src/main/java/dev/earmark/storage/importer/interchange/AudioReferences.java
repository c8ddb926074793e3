package dev.earmark.storage.importer.interchange;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns the audio references other tools store (Label Studio's {@code /data/upload/N/NAME} and
 * {@code /data/local-files/?d=PATH}, EAF media URLs, {@code file:} URLs, plain paths) into files
 * under an audio root. Stateless.
 */
final class AudioReferences {
  private static final Pattern URL = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://.*");
  private static final Pattern UPLOAD_PREFIX = Pattern.compile("^[0-9a-f]{8}-(.+)$");
  static final List<String> AUDIO_EXTENSIONS =
      List.of("wav", "flac", "mp3", "ogg", "opus", "m4a", "aiff", "WAV", "FLAC", "MP3");

  private AudioReferences() {}

  /** A reference that cannot name a local file; the message says why and what to do. */
  static final class Unresolvable extends Exception {
    private static final long serialVersionUID = 1L;

    Unresolvable(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * The file {@code reference} names, looked up under {@code root}: the first candidate that
   * exists, else the most likely one (which import then quarantines as missing).
   */
  static Path resolve(String reference, Path root) throws Unresolvable {
    List<Path> candidates = candidates(reference, root);
    for (Path candidate : candidates) {
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    return candidates.get(0);
  }

  private static List<Path> candidates(String reference, Path root) throws Unresolvable {
    List<Path> candidates = new ArrayList<>();
    try {
      if (reference.regionMatches(true, 0, "file:", 0, 5)) {
        candidates.add(Path.of(URI.create(reference)).normalize());
        return candidates;
      }
      if (URL.matcher(reference).matches()) {
        throw new Unresolvable(
            "'"
                + reference
                + "' is a URL ("
                + reference.substring(0, reference.indexOf(':')).toLowerCase(Locale.ROOT)
                + "); download the audio into the audio root and import again");
      }
      if (reference.startsWith("/data/local-files/")) {
        int d = reference.indexOf("d=");
        if (d < 0) {
          throw new Unresolvable("'" + reference + "' has no d= parameter naming the file");
        }
        String relative = URLDecoder.decode(reference.substring(d + 2), StandardCharsets.UTF_8);
        candidates.add(root.resolve(relative).normalize());
        return candidates;
      }
      if (reference.startsWith("/data/upload/")) {
        String rest = reference.substring("/data/upload/".length());
        String name = rest.substring(rest.lastIndexOf('/') + 1);
        candidates.add(root.resolve(name).normalize());
        candidates.add(root.resolve("upload").resolve(rest).normalize());
        var original = UPLOAD_PREFIX.matcher(name);
        if (original.matches()) {
          candidates.add(root.resolve(original.group(1)).normalize());
        }
        return candidates;
      }
      String path = reference.startsWith("./") ? reference.substring(2) : reference;
      candidates.add(root.resolve(path).normalize());
      return candidates;
    } catch (IllegalArgumentException e) {
      throw new Unresolvable("'" + reference + "' is not a usable path (" + e.getMessage() + ")");
    }
  }

  /** The audio file next to {@code document} with its base name, in {@code folders}, or null. */
  static Path sibling(String baseName, List<Path> folders) {
    for (Path folder : folders) {
      if (folder == null) {
        continue;
      }
      for (String extension : AUDIO_EXTENSIONS) {
        Path candidate = folder.resolve(baseName + "." + extension);
        if (Files.isRegularFile(candidate)) {
          return candidate;
        }
      }
    }
    return null;
  }

  /**
   * Decodes the {@code =HH} escapes Earmark writes into per-clip file names (docs/formats/
   * interchange.md, "Id encoding"); a name without valid escapes is returned as it is.
   */
  static String decodeClipId(String fileBaseName) {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    for (int i = 0; i < fileBaseName.length(); ) {
      int c = fileBaseName.codePointAt(i);
      if (c == '=' && isHex(fileBaseName, i + 1)) {
        bytes.write(Integer.parseInt(fileBaseName.substring(i + 1, i + 3), 16));
        i += 3;
      } else {
        byte[] encoded = new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8);
        bytes.write(encoded, 0, encoded.length);
        i += Character.charCount(c);
      }
    }
    String decoded = bytes.toString(StandardCharsets.UTF_8);
    return decoded.contains("\uFFFD") ? fileBaseName : decoded;
  }

  private static boolean isHex(String text, int at) {
    return at + 1 < text.length()
        && Character.digit(text.charAt(at), 16) >= 0
        && Character.digit(text.charAt(at + 1), 16) >= 0
        && !Character.isLowerCase(text.charAt(at))
        && !Character.isLowerCase(text.charAt(at + 1));
  }
}
