package dev.earmark.storage.export.format;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Lhotse manifests ({@code recordings.jsonl} and {@code supervisions.jsonl}), which {@code
 * lhotse.load_manifest} reads as a {@code RecordingSet} and a {@code SupervisionSet}.
 *
 * <p>A recording per clip: {@code id} (the clip id), {@code sources} (one {@code file} source with
 * every channel: {@code ../audio/NAME} when the audio travels with the batch, else the absolute
 * path), {@code sampling_rate}, {@code num_samples} (the duration in whole samples) and {@code
 * duration} ({@code num_samples / sampling_rate}, as lhotse checks), {@code channel_ids}.
 *
 * <p>A supervision per text stretch ({@link FormatFiles#textSegments}): {@code id} (the clip id, or
 * {@code CLIP-NNNN} with segments), {@code recording_id}, {@code start}, {@code duration} (seconds,
 * three decimals, inside the recording), {@code channel} (0, or every channel of a multi-channel
 * clip), {@code text}, {@code language}, {@code speaker}. Lines are sorted by id. Lossy: hypotheses
 * and slices are dropped. Stateless, thread-safe.
 */
public final class LhotseManifests implements ExportFormat {
  /** The recordings file. */
  public static final String RECORDINGS = "recordings.jsonl";

  /** The supervisions file. */
  public static final String SUPERVISIONS = "supervisions.jsonl";

  @Override
  public String id() {
    return "lhotse";
  }

  @Override
  public List<Path> write(List<ExportClip> clips, Path outDir) {
    List<String> recordings = new ArrayList<>();
    List<String> supervisions = new ArrayList<>();
    for (ExportClip clip : FormatFiles.sorted(clips)) {
      long samples = Math.round(clip.durationSeconds() * clip.sampleRate());
      ObjectNode recording = FormatFiles.object();
      recording.put("id", clip.clipId());
      ObjectNode source = recording.putArray("sources").addObject();
      source.put("type", "file");
      ArrayNode channels = source.putArray("channels");
      for (int channel = 0; channel < clip.channels(); channel++) {
        channels.add(channel);
      }
      source.put("source", FormatFiles.audioReference(clip));
      recording.put("sampling_rate", clip.sampleRate());
      recording.put("num_samples", samples);
      recording.put("duration", (double) samples / clip.sampleRate());
      recording.set("channel_ids", channels.deepCopy());
      recordings.add(FormatFiles.jsonLine(recording));

      List<ExportClip.Segment> stretches = FormatFiles.textSegments(clip);
      long endMillis = FormatFiles.millis(clip.durationSeconds());
      for (int i = 0; i < stretches.size(); i++) {
        ExportClip.Segment stretch = stretches.get(i);
        long start = Math.min(FormatFiles.millis(stretch.startSeconds()), endMillis);
        long end = Math.min(FormatFiles.millis(stretch.endSeconds()), endMillis);
        if (end <= start) {
          continue; // a segment past the clip's end: no audio to supervise
        }
        ObjectNode supervision = FormatFiles.object();
        supervision.put(
            "id",
            clip.segments().isEmpty() || FormatFiles.turnsOnly(clip)
                ? clip.clipId()
                : clip.clipId() + "-" + String.format(Locale.ROOT, "%04d", i + 1));
        supervision.put("recording_id", clip.clipId());
        supervision.put("start", BigDecimal.valueOf(start, 3));
        supervision.put("duration", BigDecimal.valueOf(end - start, 3));
        if (clip.channels() == 1) {
          supervision.put("channel", 0);
        } else {
          supervision.set("channel", channels.deepCopy());
        }
        supervision.put("text", stretch.text());
        supervision.put("language", clip.language());
        supervision.put(
            "speaker", stretch.speakerId() != null ? stretch.speakerId() : clip.speakerId());
        supervisions.add(FormatFiles.jsonLine(supervision));
      }
    }
    return List.of(
        FormatFiles.writeLines(outDir.resolve(RECORDINGS), recordings),
        FormatFiles.writeLines(outDir.resolve(SUPERVISIONS), supervisions));
  }
}
