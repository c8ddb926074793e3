package dev.earmark.storage.export.format;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Earmark's own JSONL ({@code labels.jsonl}): one object per clip with every field of {@link
 * ExportClip}. Its keys are those of Earmark's import manifest ({@code id}, {@code audio_filepath},
 * {@code duration}, {@code text}, {@code hypothesis}, {@code slices}, {@code speaker_id}, {@code
 * language}) plus {@code audio_absolute_path}, {@code sample_rate}, {@code channels} and {@code
 * segments}, so the import manifest reader understands the file (the extra keys become payload;
 * consent scope and split are batch facts the manifest carries, not label fields). Nothing of an
 * {@link ExportClip} is lost. Stateless, thread-safe.
 */
public final class EarmarkJsonl implements ExportFormat {
  /** The file this format writes. */
  public static final String FILE_NAME = "labels.jsonl";

  @Override
  public String id() {
    return "earmark-jsonl";
  }

  @Override
  public List<Path> write(List<ExportClip> clips, Path outDir) {
    List<String> lines = new ArrayList<>();
    for (ExportClip clip : FormatFiles.sorted(clips)) {
      ObjectNode line = FormatFiles.object();
      line.put("id", clip.clipId());
      line.put("audio_filepath", FormatFiles.audioReference(clip));
      // A batch that carries its audio names no project path: the copy is what resolves.
      line.put("audio_absolute_path", clip.audioInBatch() ? null : clip.audioPath().toString());
      line.put("duration", FormatFiles.secondsNumber(clip.durationSeconds()));
      line.put("sample_rate", clip.sampleRate());
      line.put("channels", clip.channels());
      line.put("speaker_id", clip.speakerId());
      line.put("language", clip.language());
      line.put("text", clip.transcript());
      ArrayNode segments = line.putArray("segments");
      for (ExportClip.Segment segment : FormatFiles.timeOrdered(clip.segments())) {
        ObjectNode node = segments.addObject();
        node.put("start", FormatFiles.secondsNumber(segment.startSeconds()));
        node.put("end", FormatFiles.secondsNumber(segment.endSeconds()));
        node.put("speaker_id", segment.speakerId());
        node.put("text", segment.text());
      }
      line.put("hypothesis", clip.hypothesis());
      ObjectNode slices = line.putObject("slices");
      for (Map.Entry<String, String> slice : clip.slices().entrySet()) {
        slices.put(slice.getKey(), slice.getValue());
      }
      lines.add(FormatFiles.jsonLine(line));
    }
    return List.of(FormatFiles.writeLines(outDir.resolve(FILE_NAME), lines));
  }
}
