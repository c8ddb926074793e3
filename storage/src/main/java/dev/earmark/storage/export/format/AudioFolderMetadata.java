package dev.earmark.storage.export.format;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.earmark.storage.StorageException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Hugging Face {@code audiofolder} metadata ({@code metadata.jsonl}): {@code file_name} (the audio
 * path relative to the folder holding the metadata, so the audio must live inside that folder),
 * {@code transcription}, {@code speaker_id}, {@code language}, {@code duration}, then one column
 * per slice name. Every row carries every column ({@code null} where a clip lacks a slice) so the
 * dataset loader infers one schema. A slice named like a fixed column is written as {@code
 * slice_NAME}. Lossy: segments and hypotheses are dropped. Stateless, thread-safe.
 */
public final class AudioFolderMetadata implements ExportFormat {
  /** The file this format writes. */
  public static final String FILE_NAME = "metadata.jsonl";

  private static final Set<String> FIXED_COLUMNS =
      Set.of("file_name", "transcription", "speaker_id", "language", "duration");

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
    for (ExportClip clip : sorted) {
      ObjectNode line = FormatFiles.object();
      line.put("file_name", insideFolder(clip));
      line.put("transcription", clip.transcript());
      line.put("speaker_id", clip.speakerId());
      line.put("language", clip.language());
      line.put("duration", FormatFiles.secondsNumber(clip.durationSeconds()));
      for (String name : sliceNames) {
        line.put(column(name), clip.slices().get(name));
      }
      lines.add(FormatFiles.jsonLine(line));
    }
    return List.of(FormatFiles.writeLines(outDir.resolve(FILE_NAME), lines));
  }

  /** The column a slice is written under. */
  static String column(String sliceName) {
    return FIXED_COLUMNS.contains(sliceName) ? "slice_" + sliceName : sliceName;
  }

  private static String insideFolder(ExportClip clip) {
    String path = clip.audioRelativePath().replace('\\', '/');
    boolean escapes =
        path.isEmpty()
            || path.startsWith("/")
            || path.matches("^[A-Za-z]:.*")
            || ("/" + path + "/").contains("/../");
    if (escapes) {
      throw new StorageException(
          "Clip "
              + clip.clipId()
              + ": audio path "
              + clip.audioRelativePath()
              + " is not inside the audiofolder; Hugging Face needs file_name relative to the"
              + " folder of metadata.jsonl, so copy the audio into the export first.");
    }
    return path;
  }
}
