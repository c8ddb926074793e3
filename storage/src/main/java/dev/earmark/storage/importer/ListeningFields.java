package dev.earmark.storage.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.earmark.engine.EngineException;
import dev.earmark.engine.listening.StimulusRole;
import dev.earmark.storage.importer.ManifestReader.LineException;
import java.util.Iterator;
import java.util.Map;

/**
 * Checks a manifest line's TTS listening-test fields ({@code system}, {@code prompt_id}, {@code
 * stimulus_role}, {@code prompt_type}, {@code first_audio_byte_ms}, {@code trap_answer}) and copies
 * {@code prompt_type} into the slices. The fields themselves stay in the clip's payload. See
 * docs/formats/listening-tests.md. Stateless.
 */
final class ListeningFields {
  static final String PROMPT_TYPE = "prompt_type";

  private ListeningFields() {}

  /** Throws a {@link LineException} naming the first broken field; adds the prompt-type slice. */
  static void check(ObjectNode line, String taskType, Map<String, String> slices) {
    boolean mushra = "tts-mushra".equals(taskType);
    boolean preference = "tts-preference".equals(taskType);
    String system = shortText(line, "system");
    String promptId = shortText(line, "prompt_id");
    String roleText = shortText(line, "stimulus_role");
    StimulusRole role = StimulusRole.SYSTEM;
    if (roleText != null) {
      try {
        role = StimulusRole.fromId(roleText);
      } catch (EngineException e) {
        throw new LineException(e.getMessage());
      }
      if (!mushra && role != StimulusRole.SYSTEM) {
        throw new LineException(
            "stimulus_role '"
                + roleText
                + "' belongs to a tts-mushra trial; a "
                + taskType
                + " line is always a system's clip");
      }
    }
    if ((mushra || preference) && promptId == null) {
      throw new LineException(
          "prompt_id is missing: every "
              + taskType
              + " line names the trial (prompt) it belongs to");
    }
    if (system == null && (preference || (mushra && role == StimulusRole.SYSTEM))) {
      throw new LineException(
          "system is missing: a " + taskType + " line names the system that made the clip");
    }
    String promptType = shortText(line, PROMPT_TYPE);
    if (promptType != null) {
      String sliced = slices.get(PROMPT_TYPE);
      if (sliced != null && !sliced.equals(promptType)) {
        throw new LineException(
            "prompt_type '"
                + promptType
                + "' differs from slices.prompt_type '"
                + sliced
                + "': give it once");
      }
      slices.put(PROMPT_TYPE, promptType);
    }
    JsonNode latency = line.get("first_audio_byte_ms");
    if (latency != null && !latency.isNull()) {
      double ms = latency.isNumber() ? latency.asDouble() : parse(latency.asText());
      if (!(ms >= 0) || !Double.isFinite(ms)) {
        throw new LineException(
            "first_audio_byte_ms '"
                + latency.asText()
                + "' must be a number of milliseconds, 0 or more");
      }
    }
    JsonNode trap = line.get("trap_answer");
    if (trap != null && !trap.isNull()) {
      if (!"tts-rating".equals(taskType)) {
        throw new LineException("trap_answer belongs to a tts-rating line, not " + taskType);
      }
      if (!trap.isObject() || trap.isEmpty()) {
        throw new LineException(
            "trap_answer must name the instructed answer per field, e.g. {\"naturalness\": 1}");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = trap.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        if (!field.getValue().isIntegralNumber()) {
          throw new LineException(
              "trap_answer."
                  + field.getKey()
                  + " must be a whole scale point, not "
                  + field.getValue());
        }
      }
    }
  }

  private static String shortText(ObjectNode line, String field) {
    JsonNode node = line.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isContainerNode()) {
      throw new LineException(field + " must be a single value, not " + node);
    }
    String text = node.asText().strip();
    if (text.isEmpty()) {
      return null;
    }
    if (text.length() > 200) {
      throw new LineException(field + " is longer than 200 characters");
    }
    return text;
  }

  private static double parse(String text) {
    try {
      return Double.parseDouble(text.strip());
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
