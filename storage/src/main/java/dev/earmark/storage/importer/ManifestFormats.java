package dev.earmark.storage.importer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earmark.storage.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Recognizes files that are not line manifests (a Label Studio export, a TextGrid, an EAF, one
 * pretty-printed JSON document) before they are read line by line, so that such a file is refused
 * with one sentence naming the option that imports it instead of hundreds of malformed lines.
 */
final class ManifestFormats {
  private static final int PEEK = 8192;

  private ManifestFormats() {}

  static void refuseOtherFormats(Path manifest, ObjectMapper json) {
    String head;
    try (InputStream in = Files.newInputStream(manifest)) {
      head = new String(in.readNBytes(PEEK), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new StorageException("cannot read the manifest " + manifest + ": " + e.getMessage(), e);
    }
    if (head.startsWith("\uFEFF")) {
      head = head.substring(1);
    }
    String start = head.stripLeading();
    String firstLine = start.lines().findFirst().orElse("").strip();
    String refusal = null;
    if (start.startsWith("File type = \"ooTextFile\"")) {
      refusal =
          "is a Praat TextGrid, not a manifest: import it with earmark import --textgrid FILE";
    } else if (start.startsWith("<") && head.contains("ANNOTATION_DOCUMENT")) {
      refusal = "is an ELAN EAF document, not a manifest: import it with earmark import --eaf FILE";
    } else if (start.startsWith("[")) {
      refusal = describeArray(manifest, json);
    } else if (firstLine.equals("{")) {
      refusal =
          "holds one JSON document over several lines; a manifest has one JSON object per line"
              + " (JSONL)";
    }
    if (refusal != null) {
      throw new StorageException(manifest + " " + refusal.replace("FILE", manifest.toString()));
    }
  }

  private static String describeArray(Path manifest, ObjectMapper ignored) {
    // a plain mapper: the manifest reader's refuses trailing tokens, and an array goes on
    ObjectMapper json = new ObjectMapper();
    JsonNode first = null;
    try (JsonParser parser = json.getFactory().createParser(manifest.toFile())) {
      if (parser.nextToken() == JsonToken.START_ARRAY
          && parser.nextToken() == JsonToken.START_OBJECT) {
        first = json.readTree(parser);
      }
    } catch (IOException e) {
      first = null; // not readable JSON: say what a manifest is
    }
    if (first != null
        && (first.has("annotations") || first.has("completions") || first.has("data"))) {
      return "is a Label Studio JSON export, not a manifest: import it with earmark import"
          + " --label-studio FILE";
    }
    if (first != null
        && (first.has("annotator") || first.has("annotation_id") || first.has("lead_time"))) {
      return "is a Label Studio JSON-MIN export, not a manifest: import it with earmark import"
          + " --label-studio FILE";
    }
    return "holds one JSON array; a manifest has one JSON object per line (JSONL), e.g."
        + " {\"audio_filepath\": \"a.wav\"}";
  }
}
