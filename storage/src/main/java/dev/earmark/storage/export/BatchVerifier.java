package dev.earmark.storage.export;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.earmark.engine.version.ContentHash;
import dev.earmark.storage.importer.Checksums;
import dev.earmark.storage.project.Project;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Re-checks a batch directory written by {@link BatchExporter}, anywhere and without the project:
 * the manifest's shape and own checksum, and that every file it lists is present with its SHA-256
 * and no other file is there. A directory named like an export's temporary directory is never
 * intact, so a killed export leaves nothing that verifies. Stateless and thread-safe.
 */
public final class BatchVerifier {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Top-level manifest members and the JSON type each must have. */
  private static final Map<String, String> SHAPE =
      Map.ofEntries(
          Map.entry("format", "string"),
          Map.entry("batch", "object"),
          Map.entry("policy", "object"),
          Map.entry("datasets", "array"),
          Map.entry("formats", "array"),
          Map.entry("overrides", "array"),
          Map.entry("agreement", "object"),
          Map.entry("items", "array"),
          Map.entry("excluded", "array"),
          Map.entry("files", "object"),
          Map.entry("manifest_sha256", "string"));

  private BatchVerifier() {}

  /** Checks {@code directory}; never throws for a damaged batch, it reports every problem. */
  public static BatchVerification verify(Path directory) {
    return check(directory).verification();
  }

  /** A verification and the manifest as it was read (items slimmed), or null when unread. */
  private record Checked(BatchVerification verification, JsonNode manifest) {}

  private static Checked check(Path directory) {
    AtomicReference<JsonNode> read = new AtomicReference<>();
    BatchVerification verification = checkManifest(directory, read);
    return new Checked(verification, read.get());
  }

  /**
   * The checks of {@link #verify(Path)}; {@code read} receives the manifest as read when all of
   * them ran, for the comparison with a project.
   */
  private static BatchVerification checkManifest(Path directory, AtomicReference<JsonNode> read) {
    List<BatchVerification.Problem> problems = new ArrayList<>();
    Path dir = directory.toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)) {
      problems.add(
          new BatchVerification.Problem(
              "missing-manifest", dir.toString(), dir + " is not a directory."));
      return new BatchVerification(dir, "", 0, problems);
    }
    String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
    if (name.contains(BatchExporter.PARTIAL_MARKER)) {
      problems.add(
          new BatchVerification.Problem(
              "unfinished-export",
              name,
              "This is the temporary directory of an export that did not finish; export again."));
    }
    Path manifestFile = dir.resolve(BatchExporter.MANIFEST);
    if (Files.isSymbolicLink(manifestFile)) {
      problems.add(
          new BatchVerification.Problem(
              "symlink",
              BatchExporter.MANIFEST,
              "manifest.json is a symbolic link; a batch holds its own files and is never"
                  + " followed out of its directory."));
      return new BatchVerification(dir, "", 0, problems);
    }
    if (!Files.isRegularFile(manifestFile)) {
      problems.add(
          new BatchVerification.Problem(
              "missing-manifest",
              BatchExporter.MANIFEST,
              "manifest.json is missing, so this is not a finished batch."));
      return new BatchVerification(dir, "", 0, problems);
    }
    Streamed streamed;
    try {
      streamed = read(manifestFile);
    } catch (IOException e) {
      problems.add(
          new BatchVerification.Problem(
              "manifest-field",
              BatchExporter.MANIFEST,
              "manifest.json is not valid JSON: " + e.getMessage()));
      return new BatchVerification(dir, "", 0, problems);
    }
    JsonNode manifest = streamed == null ? null : streamed.manifest();
    if (!(manifest instanceof ObjectNode)) {
      problems.add(
          new BatchVerification.Problem(
              "manifest-field", BatchExporter.MANIFEST, "manifest.json must hold one object."));
      return new BatchVerification(dir, "", 0, problems);
    }
    boolean listeningOnly = listeningOnly(manifest);
    for (Map.Entry<String, String> member : new java.util.TreeMap<>(SHAPE).entrySet()) {
      JsonNode value = manifest.get(member.getKey());
      // A batch of listening tests only may come from a project without an asr-transcript policy.
      boolean noPolicy = member.getKey().equals("policy") && listeningOnly && value.isNull();
      boolean ok =
          value != null
              && (noPolicy
                  || switch (member.getValue()) {
                    case "string" -> value.isTextual();
                    case "object" -> value.isObject();
                    default -> value.isArray();
                  });
      if (!ok) {
        problems.add(
            new BatchVerification.Problem(
                "manifest-field",
                member.getKey(),
                "manifest field "
                    + member.getKey()
                    + " is missing or not a "
                    + member.getValue()
                    + "."));
      }
    }
    if (manifest.path("format").isTextual()
        && !manifest.get("format").asText().equals(BatchExporter.MANIFEST_FORMAT)) {
      problems.add(
          new BatchVerification.Problem(
              "manifest-field",
              "format",
              "manifest field format is "
                  + manifest.get("format").asText()
                  + ", expected "
                  + BatchExporter.MANIFEST_FORMAT
                  + "."));
    }
    String recorded = manifest.path("manifest_sha256").asText("");
    String actual = streamed.contentHash();
    if (!recorded.isEmpty() && !recorded.equals(actual)) {
      problems.add(
          new BatchVerification.Problem(
              "manifest-field",
              "manifest_sha256",
              "manifest field manifest_sha256 does not match the manifest's content: a field was"
                  + " edited."));
    }
    if (manifest.path("items").isArray()
        && manifest.path("agreement").path("items").isNumber()
        && manifest.get("agreement").get("items").asInt() != manifest.get("items").size()) {
      problems.add(
          new BatchVerification.Problem(
              "manifest-field",
              "agreement.items",
              "manifest field agreement.items says "
                  + manifest.get("agreement").get("items").asInt()
                  + " but items lists "
                  + manifest.get("items").size()
                  + "."));
    }

    notWritten(manifest, listeningOnly, problems);
    crossCheck(manifest, problems);
    BatchAudioPaths.check(dir, manifest, problems);
    BatchContentCheck.items(dir, manifest, streamed.labelProblems(), problems);

    JsonNode files = manifest.path("files");
    Map<Path, Checksums.Hashed> hashes = hashListed(dir, files);
    TreeSet<String> listed = new TreeSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = files.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String relative = entry.getKey();
      listed.add(relative);
      Path file = dir.resolve(relative).normalize();
      if (!file.startsWith(dir) || relative.equals(BatchExporter.MANIFEST)) {
        problems.add(
            new BatchVerification.Problem(
                "manifest-field",
                "files." + relative,
                "manifest lists " + relative + ", which is not a data file of this batch."));
        continue;
      }
      Optional<String> link = BatchContentCheck.symlinkOnTheWay(dir, file);
      if (link.isPresent()) {
        problems.add(
            new BatchVerification.Problem(
                "symlink",
                relative,
                link.get()
                    + " is a symbolic link; it was not followed (a batch holds its own files)."));
        continue;
      }
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        problems.add(
            new BatchVerification.Problem(
                "missing-file", relative, relative + " is listed in the manifest but missing."));
        continue;
      }
      try {
        Checksums.Hashed hashed = hashes.get(file);
        if (hashed != null && hashed.failure() != null) {
          throw hashed.failure();
        }
        // Not hashed ahead: the file changed between the two looks; hash it now.
        String sha = hashed != null ? hashed.sha256() : Checksums.sha256(file);
        if (!sha.equals(entry.getValue().asText())) {
          problems.add(
              new BatchVerification.Problem(
                  "altered-file",
                  relative,
                  relative
                      + " was altered: its SHA-256 is "
                      + sha
                      + ", the manifest says "
                      + entry.getValue().asText()
                      + "."));
        }
      } catch (IOException e) {
        problems.add(
            new BatchVerification.Problem(
                "missing-file", relative, relative + " cannot be read: " + e.getMessage()));
      }
    }
    try {
      for (Entry found : entries(dir)) {
        Path file = found.file();
        String relative = dir.relativize(file).toString().replace('\\', '/');
        if (found.symlink()) {
          if (!listed.contains(relative)) {
            problems.add(
                new BatchVerification.Problem(
                    "symlink",
                    relative,
                    relative
                        + " is a symbolic link; it was not followed (a batch holds its own"
                        + " files)."));
          }
          continue;
        }
        if (!relative.equals(BatchExporter.MANIFEST) && !listed.contains(relative)) {
          problems.add(
              new BatchVerification.Problem(
                  "extra-file", relative, relative + " is not listed in the manifest."));
        }
      }
    } catch (IOException e) {
      problems.add(
          new BatchVerification.Problem(
              "missing-file", dir.toString(), "The directory cannot be listed: " + e.getMessage()));
    }
    read.set(manifest);
    return new BatchVerification(
        dir, manifest.path("batch").path("name").asText(""), listed.size(), problems);
  }

  /** A symbolic link or regular file found in the batch directory. */
  private record Entry(Path file, boolean symlink) {}

  /**
   * The symbolic links and regular files under {@code dir}, sorted by path, links never followed;
   * each file's type comes from the one look the walk takes (a walk and two more looks per file
   * cost seconds at a million files).
   */
  private static List<Entry> entries(Path dir) throws IOException {
    List<Entry> entries = new ArrayList<>();
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
            if (attributes.isSymbolicLink()) {
              entries.add(new Entry(file, true));
            } else if (attributes.isRegularFile()) {
              entries.add(new Entry(file, false));
            }
            return FileVisitResult.CONTINUE;
          }
        });
    entries.sort(java.util.Comparator.comparing(Entry::file));
    return entries;
  }

  /**
   * The manifest read as a stream, one item at a time (issue 22: a batch of 800k items held as one
   * tree, and copied again into sorted maps for its hash, needed more than 4 GB). Returns the
   * manifest with each item slimmed to the members the later checks read ({@code clip_id}, {@code
   * final}, {@code transcript}, {@code audio_path}, {@code audio_sha256}), the canonical hash
   * without {@code manifest_sha256} (as {@link ContentHash#of} takes it; the items' canonical bytes
   * are spilled to a temporary file past a few MB), and the problems of each item's own hashes,
   * found as it streamed by; {@code null} when the file holds no JSON object.
   */
  private static Streamed read(Path file) throws IOException {
    try (JsonParser parser = JSON.createParser(file.toFile())) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      ObjectNode manifest = JSON.createObjectNode();
      List<BatchVerification.Problem> labelProblems = new ArrayList<>();
      ArrayNode slimItems = null;
      ManifestHash.Spill itemsSpill = null;
      ManifestHash hash = new ManifestHash();
      try {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.getCurrentName();
          JsonToken token = parser.nextToken();
          if (name.equals("items") && token == JsonToken.START_ARRAY) {
            // A later "items" replaces an earlier one, as it does in a tree.
            labelProblems.clear();
            if (itemsSpill != null) {
              itemsSpill.close();
            }
            slimItems = JSON.createArrayNode();
            itemsSpill = new ManifestHash.Spill();
            try (JsonGenerator out = ManifestHash.generator(itemsSpill)) {
              out.writeStartArray();
              while (parser.nextToken() != JsonToken.END_ARRAY) {
                JsonNode item = tree(parser);
                ManifestHash.write(out, item);
                BatchContentCheck.labelHash(item, item.path("clip_id").asText(), labelProblems);
                slimItems.add(slim(item));
              }
              out.writeEndArray();
            }
            manifest.set(name, slimItems);
          } else {
            manifest.set(name, tree(parser));
          }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = manifest.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> member = it.next();
          if (member.getKey().equals("manifest_sha256")) {
            continue;
          }
          if (member.getValue() == slimItems) {
            hash.put(member.getKey(), itemsSpill);
            itemsSpill = null; // the hash owns it now
          } else {
            hash.member(member.getKey(), member.getValue());
          }
        }
        return new Streamed(manifest, hash.digest(), labelProblems);
      } finally {
        if (itemsSpill != null) {
          itemsSpill.close();
        }
      }
    }
  }

  private record Streamed(
      ObjectNode manifest, String contentHash, List<BatchVerification.Problem> labelProblems) {}

  private static JsonNode tree(JsonParser parser) throws IOException {
    JsonNode node = parser.readValueAsTree();
    return node == null ? NullNode.getInstance() : node;
  }

  /** The members of an item that the checks after reading look at. */
  private static JsonNode slim(JsonNode item) {
    if (!item.isObject()) {
      return item;
    }
    ObjectNode slim = JSON.createObjectNode();
    for (String member : SLIM_ITEM) {
      JsonNode value = item.get(member);
      if (value != null) {
        slim.set(member, value);
      }
    }
    return slim;
  }

  private static final List<String> SLIM_ITEM =
      List.of("clip_id", "final", "transcript", "audio_path", "audio_sha256");

  /**
   * Like {@link #verify(Path)}, and also compares the batch with what {@code project} recorded when
   * it exported it: the manifest must belong to this project, name a batch the project exported,
   * and carry the {@code manifest_sha256} the project stored then. A batch whose manifest was
   * rewritten with every checksum recomputed passes {@link #verify(Path)} but not this.
   */
  public static BatchVerification verify(Path directory, Project project) {
    Checked checked = check(directory);
    BatchVerification plain = checked.verification();
    // The manifest as the check read it, not read a second time.
    JsonNode manifest = checked.manifest();
    if (plain.batchName().isEmpty() || manifest == null) {
      return plain;
    }
    List<BatchVerification.Problem> problems = new ArrayList<>(plain.problems());
    String name = plain.batchName();
    String projectId = manifest.path("batch").path("project_id").asText("");
    if (!projectId.equals(project.projectId())) {
      problems.add(
          new BatchVerification.Problem(
              "other-project",
              "batch.project_id",
              "batch "
                  + name
                  + " says it belongs to project "
                  + projectId
                  + ", not to "
                  + project.description()
                  + " ("
                  + project.projectId()
                  + ")."));
      return new BatchVerification(plain.directory(), name, plain.filesChecked(), problems);
    }
    Optional<String> recorded =
        project
            .jdbi()
            .withHandle(
                handle ->
                    handle
                        .createQuery("SELECT manifest_sha256 FROM batches WHERE name = :name")
                        .bind("name", name)
                        .mapTo(String.class)
                        .findOne());
    String carried = manifest.path("manifest_sha256").asText("");
    if (recorded.isEmpty()) {
      problems.add(
          new BatchVerification.Problem(
              "not-recorded",
              "batch.name",
              "the project has no record of exporting a batch named " + name + "."));
    } else if (!recorded.get().equals(carried)) {
      problems.add(
          new BatchVerification.Problem(
              "manifest-differs",
              "manifest_sha256",
              "the manifest's hash is "
                  + carried
                  + " but the project recorded "
                  + recorded.get()
                  + " when it exported batch "
                  + name
                  + ": the manifest was rewritten."));
    }
    return new BatchVerification(plain.directory(), name, plain.filesChecked(), problems);
  }

  /**
   * A batch exported with its audio lists every item's audio file under {@code audioDirectory} with
   * the item's own {@code audio_sha256}, so copied audio is the audio that was labeled.
   */
  private static void checkAudio(
      JsonNode manifest, String audioDirectory, List<BatchVerification.Problem> problems) {
    JsonNode files = manifest.path("files");
    for (JsonNode item : manifest.path("items")) {
      String audioPath = item.path("audio_path").asText("");
      String name =
          audioPath.isEmpty() ? "" : java.nio.file.Path.of(audioPath).getFileName().toString();
      String relative = audioDirectory + "/" + name;
      String listed = files.path(relative).asText("");
      String clip = item.path("clip_id").asText();
      if (listed.isEmpty()) {
        problems.add(
            new BatchVerification.Problem(
                "manifest-field",
                "items." + clip + ".audio",
                "the batch was exported with its audio but "
                    + relative
                    + " (clip "
                    + clip
                    + ") is not listed in files."));
      } else if (!listed.equals(item.path("audio_sha256").asText())) {
        problems.add(
            new BatchVerification.Problem(
                "manifest-field",
                "items." + clip + ".audio_sha256",
                "files lists "
                    + relative
                    + " with "
                    + listed
                    + " but clip "
                    + clip
                    + " has audio_sha256 "
                    + item.path("audio_sha256").asText()
                    + "."));
      }
    }
  }

  /**
   * True when the manifest describes a batch of listening tests only: no item, and at least one
   * listening test.
   */
  private static boolean listeningOnly(JsonNode manifest) {
    return manifest.path("items").isArray()
        && manifest.get("items").isEmpty()
        && manifest.path("listening").isArray()
        && !manifest.get("listening").isEmpty();
  }

  /**
   * {@code formats_not_written} belongs to a batch of listening tests only, which then names no
   * written format.
   */
  private static void notWritten(
      JsonNode manifest, boolean listeningOnly, List<BatchVerification.Problem> problems) {
    JsonNode notWritten = manifest.get(BatchExporter.NOT_WRITTEN);
    if (notWritten == null) {
      return;
    }
    if (!notWritten.isObject() || !notWritten.path("formats").isArray()) {
      problems.add(
          new BatchVerification.Problem(
              "manifest-field",
              BatchExporter.NOT_WRITTEN,
              "manifest field "
                  + BatchExporter.NOT_WRITTEN
                  + " must be an object with a formats array."));
    } else if (!listeningOnly || !manifest.path("formats").isEmpty()) {
      problems.add(
          new BatchVerification.Problem(
              "manifest-field",
              BatchExporter.NOT_WRITTEN,
              "manifest field "
                  + BatchExporter.NOT_WRITTEN
                  + " belongs to a batch of listening tests only (no items, no written format),"
                  + " which this manifest does not describe."));
    }
  }

  /** Fields that restate other fields: counts by final kind, and formats by directory. */
  private static void crossCheck(JsonNode manifest, List<BatchVerification.Problem> problems) {
    JsonNode items = manifest.path("items");
    JsonNode agreement = manifest.path("agreement");
    if (items.isArray() && agreement.isObject()) {
      Map<String, String> counted =
          Map.of("single_label", "single", "agreed", "consensus", "adjudicated", "adjudicated");
      for (Map.Entry<String, String> count : new java.util.TreeMap<>(counted).entrySet()) {
        long actual = 0;
        for (JsonNode item : items) {
          if (item.path("final").asText().equals(count.getValue())) {
            actual++;
          }
        }
        JsonNode stated = agreement.get(count.getKey());
        if (stated == null || !stated.isNumber() || stated.asLong() != actual) {
          problems.add(
              new BatchVerification.Problem(
                  "manifest-field",
                  "agreement." + count.getKey(),
                  "manifest field agreement."
                      + count.getKey()
                      + " says "
                      + (stated == null ? "nothing" : stated.asText())
                      + " but items has "
                      + actual
                      + " with final "
                      + count.getValue()
                      + "."));
        }
      }
    }
    JsonNode formats = manifest.path("formats");
    JsonNode files = manifest.path("files");
    if (formats.isArray() && files.isObject()) {
      TreeSet<String> directories = new TreeSet<>();
      files.fieldNames().forEachRemaining(file -> directories.add(file.split("/", 2)[0]));
      TreeSet<String> named = new TreeSet<>();
      formats.forEach(format -> named.add(format.asText()));
      String audioDirectory = manifest.path("audio_directory").asText("");
      if (!audioDirectory.isEmpty()) {
        directories.remove(audioDirectory);
        checkAudio(manifest, audioDirectory, problems);
      }
      JsonNode listening = manifest.path("listening");
      if (listening.isArray()) {
        directories.remove(ListeningExport.DIRECTORY);
        for (JsonNode design : listening) {
          for (String member : List.of("labels_file", "report_file")) {
            String file = design.path(member).asText("");
            if (!files.has(file)) {
              problems.add(
                  new BatchVerification.Problem(
                      "manifest-field",
                      "listening." + member,
                      "manifest field listening names "
                          + (file.isEmpty() ? "no " + member : file)
                          + " but files does not list it."));
            }
          }
        }
      }
      if (!directories.equals(named)) {
        problems.add(
            new BatchVerification.Problem(
                "manifest-field",
                "formats",
                "manifest field formats names "
                    + named
                    + " but the files are in "
                    + directories
                    + "."));
      }
    }
  }

  /**
   * The checksums of the files {@code files} lists, taken on every core before they are checked one
   * by one; only files inside the batch, with no symbolic link on the way and regular, are opened
   * (the checks below report the others).
   */
  private static Map<Path, Checksums.Hashed> hashListed(Path dir, JsonNode files) {
    List<Path> paths = new ArrayList<>();
    for (Iterator<String> it = files.fieldNames(); it.hasNext(); ) {
      String relative = it.next();
      Path file = dir.resolve(relative).normalize();
      if (file.startsWith(dir) && !relative.equals(BatchExporter.MANIFEST)) {
        paths.add(file);
      }
    }
    List<Checksums.Hashed> hashed =
        Checksums.sha256All(
            paths,
            file ->
                BatchContentCheck.symlinkOnTheWay(dir, file).isEmpty()
                    && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS));
    Map<Path, Checksums.Hashed> byFile = new HashMap<>();
    for (int i = 0; i < paths.size(); i++) {
      byFile.put(paths.get(i), hashed.get(i));
    }
    return byFile;
  }
}
