package dev.earmark.storage.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The path check of {@link BatchVerifier} for a batch that carries its audio: every audio path any
 * format wrote (NeMo {@code audio_filepath}, Hugging Face {@code file_name}, {@code labels.jsonl},
 * EAF {@code MEDIA_URL}/{@code RELATIVE_MEDIA_URL}, Kaldi {@code wav.scp}, Lhotse sources, Label
 * Studio tasks, CSV/TSV) must be relative, resolve from the directory of the file that holds it to
 * a file inside the batch, and no project path may be left. Checks only what is on disk, so a copy
 * of the batch moved elsewhere passes exactly when the original does. Stateless.
 */
final class BatchAudioPaths {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern MEDIA_URL =
      Pattern.compile("\\b(MEDIA_URL|RELATIVE_MEDIA_URL)=\"([^\"]*)\"");
  private static final Pattern SOX_SOURCE = Pattern.compile("^sox '((?:[^']|'\\\\'')*)' .*\\|$");

  private BatchAudioPaths() {}

  /** Adds an {@code unresolved-path} problem for every audio path that does not resolve. */
  static void check(Path dir, JsonNode manifest, List<BatchVerification.Problem> problems) {
    if (manifest.path("audio_directory").asText("").isEmpty()) {
      return; // without its audio a batch names the project's files; nothing to resolve here
    }
    for (Iterator<String> it = manifest.path("files").fieldNames(); it.hasNext(); ) {
      String relative = it.next();
      Path file = dir.resolve(relative).normalize();
      if (!file.startsWith(dir) || !Files.isRegularFile(file)) {
        continue; // the file checks report it
      }
      List<String> paths;
      try {
        paths = audioPaths(relative, file);
      } catch (IOException | RuntimeException e) {
        problems.add(
            new BatchVerification.Problem(
                "unresolved-path",
                relative,
                relative + " cannot be read for its audio paths: " + e.getMessage()));
        continue;
      }
      for (String path : paths) {
        String why = unresolved(dir, file, path);
        if (why != null) {
          problems.add(
              new BatchVerification.Problem(
                  "unresolved-path", relative, relative + " names audio " + path + ": " + why));
        }
      }
    }
  }

  /** Why {@code path}, written in {@code file}, does not resolve inside the batch, or null. */
  private static String unresolved(Path dir, Path file, String path) {
    if (path == null || path.isEmpty()) {
      return "the path is empty.";
    }
    Path target;
    try {
      if (Path.of(path).isAbsolute() || path.startsWith("/") || path.matches("^[A-Za-z]:.*")) {
        return "an absolute path; a batch with its audio must point at its own copy.";
      }
      target = file.getParent().resolve(path).normalize();
    } catch (InvalidPathException e) {
      return "not a usable path.";
    }
    if (!target.startsWith(dir)) {
      return "it leads outside the batch.";
    }
    if (!Files.isRegularFile(target)) {
      return "no file is there.";
    }
    return null;
  }

  /** The audio paths written in one file of the batch, by the file's kind; empty for others. */
  static List<String> audioPaths(String relative, Path file) throws IOException {
    String name = file.getFileName().toString();
    List<String> paths = new ArrayList<>();
    if (name.endsWith(".eaf")) {
      Matcher matcher = MEDIA_URL.matcher(Files.readString(file, StandardCharsets.UTF_8));
      while (matcher.find()) {
        paths.add(fromUrl(xmlText(matcher.group(2))));
      }
    } else if (name.equals("wav.scp")) {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String value = line.contains(" ") ? line.substring(line.indexOf(' ') + 1) : "";
        Matcher sox = SOX_SOURCE.matcher(value);
        paths.add(sox.matches() ? sox.group(1).replace("'\\''", "'") : value);
      }
    } else if (name.equals("manifest.json") || name.equals("labels.jsonl")) {
      for (JsonNode line : jsonLines(file)) {
        paths.add(line.path("audio_filepath").asText(null));
        if (line.hasNonNull("audio_absolute_path")) {
          paths.add(line.get("audio_absolute_path").asText());
        }
      }
    } else if (name.equals("metadata.jsonl")) {
      for (JsonNode line : jsonLines(file)) {
        paths.add(line.path("file_name").asText(null));
      }
    } else if (name.equals("recordings.jsonl")) {
      for (JsonNode line : jsonLines(file)) {
        for (JsonNode source : line.path("sources")) {
          paths.add(source.path("source").asText(null));
        }
      }
    } else if (name.equals("tasks.json")) {
      for (JsonNode task : JSON.readTree(file.toFile())) {
        paths.add(task.path("data").path("audio").asText(null));
      }
    } else if (name.equals("labels.csv") || name.equals("labels.tsv")) {
      paths.addAll(tableColumn(file, name.endsWith(".csv") ? ',' : '\t', "audio"));
    }
    return paths;
  }

  private static List<JsonNode> jsonLines(Path file) throws IOException {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        lines.add(JSON.readTree(line));
      }
    }
    return lines;
  }

  /** One column of a CSV (RFC 4180 quoting) or TSV file with a header line. */
  private static List<String> tableColumn(Path file, char separator, String column)
      throws IOException {
    List<List<String>> rows = new ArrayList<>();
    String text = Files.readString(file, StandardCharsets.UTF_8);
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"' && separator == ',' && field.length() == 0) {
        quoted = true;
      } else if (c == separator) {
        row.add(field.toString());
        field.setLength(0);
      } else if (c == '\n') {
        row.add(field.toString().replaceAll("\r$", ""));
        field.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
      } else {
        field.append(c);
      }
    }
    List<String> values = new ArrayList<>();
    if (rows.isEmpty()) {
      return values;
    }
    int index = rows.get(0).indexOf(column);
    for (List<String> data : rows.subList(1, rows.size())) {
      values.add(index >= 0 && index < data.size() ? data.get(index) : null);
    }
    return values;
  }

  private static String xmlText(String attribute) {
    return attribute
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
  }

  /** A relative URL as a path; an absolute ({@code file:}) URL stays absolute. */
  private static String fromUrl(String url) {
    try {
      URI uri = new URI(url);
      if (uri.isAbsolute()) {
        return uri.getScheme().equals("file") ? Path.of(uri).toString() : url;
      }
      return uri.getPath();
    } catch (URISyntaxException | IllegalArgumentException e) {
      return url;
    }
  }
}
