package dev.earmark.storage.export.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;

/**
 * Label Studio tasks ({@code tasks.json}), a JSON array Label Studio's import reads, shaped for its
 * "ASR using segments" template ({@code <Audio name="audio" value="$audio"/>}, {@code <Labels
 * name="labels" toName="audio">}, {@code <TextArea name="transcription" toName="audio"
 * perRegion="true"/>}):
 *
 * <ul>
 *   <li>{@code data}: {@code audio} ({@code ../audio/NAME} when the audio travels with the batch,
 *       else the absolute path; Label Studio needs it served, e.g. as local files), {@code
 *       clip_id}, {@code speaker_id}, {@code language};
 *   <li>{@code annotations}: one annotation whose {@code result} holds, per segment with text, a
 *       {@code labels} region (the speaker) and a {@code textarea} of the same {@code id} with the
 *       region's text; a clip without segments (or with speaker turns only, which are still given
 *       as {@code labels} regions) has one task-level {@code textarea} with the transcript;
 *   <li>{@code predictions}: the ASR hypothesis as a task-level {@code textarea}, when there is
 *       one.
 * </ul>
 *
 * Times are seconds with three decimals. Lossy: slices are dropped. Stateless, thread-safe.
 */
public final class LabelStudioTasks implements ExportFormat {
  /** The file this format writes. */
  public static final String FILE_NAME = "tasks.json";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Override
  public String id() {
    return "label-studio";
  }

  @Override
  public List<Path> write(List<ExportClip> clips, Path outDir) {
    ArrayNode tasks = JSON.createArrayNode();
    for (ExportClip clip : FormatFiles.sorted(clips)) {
      ObjectNode task = tasks.addObject();
      ObjectNode data = task.putObject("data");
      data.put("audio", FormatFiles.audioReference(clip));
      data.put("clip_id", clip.clipId());
      data.put("speaker_id", clip.speakerId());
      data.put("language", clip.language());
      ArrayNode result = task.putArray("annotations").addObject().putArray("result");
      boolean regionTexts = !clip.segments().isEmpty() && !FormatFiles.turnsOnly(clip);
      int number = 0;
      for (ExportClip.Segment segment : FormatFiles.timeOrdered(clip.segments())) {
        String regionId = "seg" + ++number;
        String speaker = FormatFiles.speakerOf(clip, segment);
        ObjectNode labels = region(result, regionId, "labels", clip, segment);
        ((ObjectNode) labels.get("value")).putArray("labels").add(speaker);
        if (regionTexts) {
          ObjectNode text = region(result, regionId, "textarea", clip, segment);
          ((ObjectNode) text.get("value")).putArray("text").add(segment.text());
        }
      }
      if (!regionTexts) {
        textArea(result, "transcript", clip.transcript());
      }
      if (clip.hypothesis() != null) {
        ObjectNode prediction = task.putArray("predictions").addObject();
        prediction.put("model_version", "hypothesis");
        textArea(prediction.putArray("result"), "hypothesis", clip.hypothesis());
      }
    }
    try {
      return List.of(
          FormatFiles.writeText(
              outDir.resolve(FILE_NAME),
              JSON.writeValueAsString(tasks).replace("\r\n", "\n") + "\n"));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A tree of plain values always serializes.", e);
    }
  }

  private static ObjectNode region(
      ArrayNode result, String id, String type, ExportClip clip, ExportClip.Segment segment) {
    ObjectNode node = result.addObject();
    node.put("id", id);
    node.put("from_name", type.equals("labels") ? "labels" : "transcription");
    node.put("to_name", "audio");
    node.put("type", type);
    node.put("original_length", FormatFiles.secondsNumber(clip.durationSeconds()));
    ObjectNode value = node.putObject("value");
    value.put("start", FormatFiles.secondsNumber(segment.startSeconds()));
    value.put("end", FormatFiles.secondsNumber(segment.endSeconds()));
    value.put("channel", 0);
    return node;
  }

  private static void textArea(ArrayNode result, String id, String text) {
    ObjectNode node = result.addObject();
    node.put("id", id);
    node.put("from_name", "transcription");
    node.put("to_name", "audio");
    node.put("type", "textarea");
    node.putObject("value").putArray("text").add(text);
  }
}
