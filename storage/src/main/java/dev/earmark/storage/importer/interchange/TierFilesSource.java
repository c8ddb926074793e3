package dev.earmark.storage.importer.interchange;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.earmark.engine.contract.DatasetContract;
import dev.earmark.storage.StorageException;
import dev.earmark.storage.importer.Checksums;
import dev.earmark.storage.importer.EarmarkBatch;
import dev.earmark.storage.importer.ManifestEntry;
import dev.earmark.storage.importer.ManifestLine;
import dev.earmark.storage.importer.ManifestSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Praat TextGrids or ELAN EAF documents as an import source: one clip per file (a folder gives
 * every {@code *.TextGrid} or {@code *.eaf} in it, sorted by name). The clip id is the file name
 * without extension, with Earmark's {@code =HH} escapes decoded; the interval tiers become the
 * clip's {@code segments} (speaker = tier, or none for a tier named like the clip, which is how
 * Earmark writes a clip without speaker) and their texts in time order its reference. The audio is
 * the EAF's media, else a file with the same base name next to the document, in the audio root, or
 * in the batch's {@code audio/} folder. Mapping: docs/formats/interchange.md. Not thread-safe.
 */
public final class TierFilesSource implements ManifestSource {
  /** Which documents. */
  public enum Kind {
    TEXTGRID(".textgrid"),
    EAF(".eaf");

    private final String extension;

    Kind(String extension) {
      this.extension = extension;
    }
  }

  private final Path path;
  private final Kind kind;
  private final Path audioRoot;
  private List<Path> files;

  /**
   * @param path one document, or a folder of them
   * @param audioRoot another folder to look for audio in, or null
   */
  public TierFilesSource(Path path, Kind kind, Path audioRoot) {
    this.path = path.toAbsolutePath().normalize();
    this.kind = kind;
    this.audioRoot = audioRoot == null ? null : audioRoot.toAbsolutePath().normalize();
  }

  /** The documents read, in order (record N is the N-th). */
  public List<Path> files() {
    if (files == null) {
      if (Files.isDirectory(path)) {
        try (Stream<Path> listing = Files.list(path)) {
          files =
              listing
                  .filter(Files::isRegularFile)
                  .filter(
                      file ->
                          file.getFileName()
                              .toString()
                              .toLowerCase(Locale.ROOT)
                              .endsWith(kind.extension))
                  .sorted(Comparator.comparing(file -> file.getFileName().toString()))
                  .toList();
        } catch (IOException e) {
          throw new StorageException("cannot list " + path + ": " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
          throw new StorageException(
              path
                  + " holds no *"
                  + kind.extension.substring(1)
                  + " file; name a file or a folder"
                  + " with some");
        }
      } else {
        files = List.of(path);
      }
    }
    return files;
  }

  @Override
  public Path path() {
    return path;
  }

  @Override
  public String sha256() {
    try {
      if (files().size() == 1 && files().get(0).equals(path)) {
        return Checksums.sha256(path);
      }
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (Path file : files()) {
        digest.update(file.getFileName().toString().getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(Checksums.sha256(file).getBytes(StandardCharsets.UTF_8));
        digest.update((byte) '\n');
      }
      return "sha256:" + HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new StorageException("cannot read " + path + ": " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from the JVM", e);
    }
  }

  @Override
  public long size() {
    return files().size();
  }

  @Override
  public void read(DatasetContract contract, Consumer<ManifestLine> sink) {
    int record = 0;
    for (Path file : files()) {
      record++;
      try {
        readOne(file, record, sink);
      } catch (StorageException e) {
        sink.accept(new ManifestLine.Error(record, e.getMessage()));
      }
    }
  }

  private void readOne(Path file, int record, Consumer<ManifestLine> sink) {
    TierDocument document =
        kind == Kind.EAF ? ElanEafReader.read(file) : PraatTextGridReader.read(file);
    String name = file.getFileName().toString();
    String baseName = name.substring(0, name.length() - kind.extension.length());
    String clipId = AudioReferences.decodeClipId(baseName);
    Path folder = file.getParent();
    EarmarkBatch batch =
        EarmarkBatch.around(folder, new com.fasterxml.jackson.databind.ObjectMapper());
    Path audio = audio(document, folder, baseName, clipId, batch);
    if (audio == null) {
      sink.accept(
          new ManifestLine.Error(
              record,
              file
                  + ": no audio found for clip "
                  + clipId
                  + (kind == Kind.EAF ? " (MEDIA_DESCRIPTOR names none that exists, and" : " (")
                  + " no "
                  + baseName
                  + ".wav, .flac, .mp3 or .ogg next to it"
                  + (audioRoot == null ? "" : " or in " + audioRoot)
                  + "); put the audio there or give --audio-root"));
      return;
    }
    List<Segment> segments = segments(document, clipId);
    ObjectNode payload = Payloads.JSON.objectNode();
    payload.set("segments", Payloads.segments(segments));
    ObjectNode origin = payload.putObject(kind == Kind.EAF ? "eaf" : "textgrid");
    origin.put("file", file.toString());
    ArrayNode tiers = origin.putArray("tiers");
    document.tiers().forEach(tier -> tiers.add(tier.name()));
    ManifestEntry entry =
        new ManifestEntry(
            record,
            clipId,
            audio,
            null,
            "asr-transcript",
            Payloads.text(segments),
            null,
            Map.of(),
            Payloads.onlySpeaker(segments),
            null,
            null,
            null,
            null,
            null,
            payload);
    sink.accept(new ManifestLine.Entry(batch == null ? entry : batch.complete(entry)));
    for (String skipped : document.skipped()) {
      sink.accept(new ManifestLine.Note(record, clipId, "tier-skipped", file + ": " + skipped));
    }
  }

  /**
   * The segments of all tiers in time order; a tier named like the clip (with no other participant)
   * is Earmark's tier of a clip without speaker, so its segments get none.
   */
  public static List<Segment> segments(TierDocument document, String clipId) {
    List<Segment> segments = new ArrayList<>();
    for (TierDocument.Tier tier : document.tiers()) {
      boolean clipTier =
          tier.name().equals(clipId)
              && (tier.participant() == null || tier.participant().equals(clipId));
      for (Segment segment : tier.segments()) {
        segments.add(
            new Segment(
                segment.startSeconds(),
                segment.endSeconds(),
                clipTier ? null : segment.speakerId(),
                segment.text()));
      }
    }
    segments.sort(
        Comparator.comparingDouble(Segment::startSeconds)
            .thenComparing(segment -> segment.speakerId() == null ? "" : segment.speakerId()));
    return segments;
  }

  private Path audio(
      TierDocument document, Path folder, String baseName, String clipId, EarmarkBatch batch) {
    for (String url : document.mediaUrls()) {
      try {
        Path candidate = AudioReferences.resolve(url, folder);
        if (Files.isRegularFile(candidate)) {
          return candidate;
        }
      } catch (AudioReferences.Unresolvable e) {
        // an http: or other remote media URL: look for the audio locally instead
      }
    }
    Path sibling =
        AudioReferences.sibling(
            baseName,
            java.util.Arrays.asList(
                folder,
                audioRoot,
                folder.getParent() == null ? null : folder.resolveSibling("audio")));
    if (sibling != null) {
      return sibling;
    }
    Path inBatch = batch == null ? null : batch.audioOf(clipId);
    return inBatch != null && Files.isRegularFile(inBatch) ? inBatch : null;
  }
}
