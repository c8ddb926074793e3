package dev.earmark.storage.export.format;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * NVIDIA NeMo's ASR manifest ({@code manifest.json}, one JSON object per line): {@code
 * audio_filepath} ({@code ../audio/NAME} when the audio travels with the batch, which NeMo resolves
 * against the manifest's directory; else the absolute source path), {@code duration} in seconds and
 * {@code text}. Lossy: speakers, segments, hypotheses, slices and language are dropped (use {@link
 * EarmarkJsonl} to keep them). Stateless, thread-safe.
 */
public final class NemoManifest implements ExportFormat {
  /** The file this format writes. */
  public static final String FILE_NAME = "manifest.json";

  @Override
  public String id() {
    return "nemo";
  }

  @Override
  public List<Path> write(List<ExportClip> clips, Path outDir) {
    List<String> lines = new ArrayList<>();
    for (ExportClip clip : FormatFiles.sorted(clips)) {
      ObjectNode line = FormatFiles.object();
      line.put("audio_filepath", FormatFiles.audioReference(clip));
      line.put("duration", FormatFiles.secondsNumber(clip.durationSeconds()));
      line.put("text", clip.transcript());
      lines.add(FormatFiles.jsonLine(line));
    }
    return List.of(FormatFiles.writeLines(outDir.resolve(FILE_NAME), lines));
  }
}
