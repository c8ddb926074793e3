package dev.earmark.storage.importer.interchange;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.stream.Collectors;

/**
 * JSON shapes shared by the interchange sources (the {@code segments} of Earmark's labels.jsonl).
 */
final class Payloads {
  static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private Payloads() {}

  /** {@code [{start, end, speaker_id, text}]} (and {@code labels} when a segment has any). */
  static ArrayNode segments(List<Segment> segments) {
    ArrayNode array = JSON.arrayNode();
    for (Segment segment : segments) {
      ObjectNode node = array.addObject();
      node.put("start", segment.startSeconds());
      node.put("end", segment.endSeconds());
      node.put("speaker_id", segment.speakerId());
      node.put("text", segment.text());
      if (!segment.labels().isEmpty()) {
        ArrayNode labels = node.putArray("labels");
        segment.labels().forEach(labels::add);
      }
    }
    return array;
  }

  /** The segments' texts in time order, the empty ones left out, joined by spaces. */
  static String text(List<Segment> segments) {
    return segments.stream()
        .map(Segment::text)
        .filter(text -> !text.isBlank())
        .collect(Collectors.joining(" "))
        .strip();
  }

  /** The one speaker of all segments, or null when they have none or several. */
  static String onlySpeaker(List<Segment> segments) {
    List<String> speakers = segments.stream().map(Segment::speakerId).distinct().limit(2).toList();
    return speakers.size() == 1 ? speakers.get(0) : null;
  }
}
