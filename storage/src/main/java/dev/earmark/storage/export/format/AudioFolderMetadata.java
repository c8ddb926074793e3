package dev.earmark.storage.export.format;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.earmark.storage.StorageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Hugging Face {@code audiofolder} metadata ({@code metadata.jsonl}): {@code file_name} (the audio
 * path relative to the folder holding the metadata, so the audio must live inside that folder: when
 * it travels with the batch it is hard-linked there), {@code clip_id}, {@code transcription},
 * {@code speaker_id}, {@code language}, {@code duration}, then one column per slice name. Every row
 * carries every column ({@code null} where a clip lacks a slice) so the dataset loader infers one
 * schema. A slice named like a fixed column is written as {@code slice_NAME}. Lossy: segments and
 * hypotheses are dropped. Stateless, thread-safe.
 */
public final class AudioFolderMetadata implements ExportFormat {
  /** The file this format writes. */
  public static final String FILE_NAME = "metadata.jsonl";

  private static final Set<String> FIXED_COLUMNS =
      Set.of("file_name", "clip_id", "transcription", "speaker_id", "language", "duration");

  @Override
  public String id() {
    return "hf-audiofolder";
  }

  @Override
  public List<Path> write(List<ExportClip> clips, Path outDir) {
    List<ExportClip> sorted = FormatFiles.sorted(clips);
    Set<String> sliceNames = new TreeSet<>();
    for (ExportClip clip : sorted) {
      sliceNames.addAll(clip.slices().keySet());
    }
    List<String> lines = new ArrayList<>();
    List<Path> placed = new ArrayList<>();
    for (ExportClip clip : sorted) {
      ObjectNode line = FormatFiles.object();
      line.put("file_name", fileName(clip, outDir, placed));
      line.put("clip_id", clip.clipId());
      line.put("transcription", clip.transcript());
      line.put("speaker_id", clip.speakerId());
      line.put("language", clip.language());
      line.put("duration", FormatFiles.secondsNumber(clip.durationSeconds()));
      for (String name : sliceNames) {
        line.put(column(name), clip.slices().get(name));
      }
      lines.add(FormatFiles.jsonLine(line));
    }
    List<Path> written = new ArrayList<>();
    written.add(FormatFiles.writeLines(outDir.resolve(FILE_NAME), lines));
    placed.sort(null);
    written.addAll(placed);
    return written;
  }

  /** The column a slice is written under. */
  static String column(String sliceName) {
    return FIXED_COLUMNS.contains(sliceName) ? "slice_" + sliceName : sliceName;
  }

  /**
   * The {@code file_name} of a clip, relative to the folder of {@code metadata.jsonl}. When the
   * audio travels with the batch it is hard-linked (copied where the file system cannot link) to
   * the same place inside this folder, because Hugging Face only finds audio under the metadata's
   * folder; otherwise the name says where to put the audio ({@code audio/NAME}).
   */
  private static String fileName(ExportClip clip, Path outDir, List<Path> placed) {
    if (!clip.audioInBatch()) {
      return "audio/" + clip.audioPath().getFileName();
    }
    String relative = clip.audioRelativePath();
    Path target = outDir.resolve(relative).normalize();
    if (!Files.exists(target)) {
      try {
        Files.createDirectories(target.getParent());
        try {
          Files.createLink(target, clip.audioPath());
        } catch (UnsupportedOperationException | IOException e) {
          Files.copy(clip.audioPath(), target);
        }
      } catch (IOException e) {
        throw new StorageException(
            "Clip "
                + clip.clipId()
                + ": its audio "
                + clip.audioPath()
                + " cannot be placed in the audiofolder ("
                + e.getMessage()
                + "); check the disk and permissions.",
            e);
      }
      placed.add(target);
    }
    return relative;
  }
}
