package dev.earmark.engine.rubric;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.earmark.engine.EngineException;
import dev.earmark.engine.version.VersionedId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The JSON form of a label value: {@code {"rubric": "tts-rating@1", "fields": {"naturalness": 4,
 * …}}}. Text and choices are strings, scale points integers, flags booleans, tags a list of
 * strings, word marks a list of integers, segments a list of {@code {"start", "end", "speaker"}}
 * objects, stimulus scores an object of integers keyed by clip id ({@code {"p01-ref": 100,
 * "p01-sys-a": 72}}) and a stimulus choice the preferred clip id or {@code "no-preference"}.
 * Reading needs the rubric version the label names, so a label is never read under another version.
 * Thread-safe.
 */
public final class LabelValueJson {
  private static final JsonNodeFactory NODES = JsonMapper.builder().build().getNodeFactory();

  private LabelValueJson() {}

  /** The canonical JSON form; its {@link dev.earmark.engine.version.ContentHash} is the label's. */
  public static ObjectNode toJson(LabelValue label) {
    ObjectNode root = NODES.objectNode();
    root.put("rubric", label.rubric().toString());
    ObjectNode fields = root.putObject("fields");
    label.fields().forEach((name, value) -> fields.set(name, toJson(value)));
    return root;
  }

  private static JsonNode toJson(FieldValue value) {
    if (value instanceof FieldValue.Text text) {
      return NODES.textNode(text.text());
    } else if (value instanceof FieldValue.ScalePoint point) {
      return NODES.numberNode(point.point());
    } else if (value instanceof FieldValue.Choice choice) {
      return NODES.textNode(choice.option());
    } else if (value instanceof FieldValue.Flag flag) {
      return NODES.booleanNode(flag.set());
    } else if (value instanceof FieldValue.Tags tags) {
      ArrayNode array = NODES.arrayNode();
      tags.tags().forEach(array::add);
      return array;
    } else if (value instanceof FieldValue.WordMarks marks) {
      ArrayNode array = NODES.arrayNode();
      marks.indices().forEach(array::add);
      return array;
    } else if (value instanceof FieldValue.StimulusScores scores) {
      ObjectNode object = NODES.objectNode();
      scores.scores().forEach(object::put);
      return object;
    }
    ArrayNode array = NODES.arrayNode();
    for (Segment segment : ((FieldValue.Segments) value).segments()) {
      ObjectNode node = array.addObject();
      node.put("start", segment.start());
      node.put("end", segment.end());
      node.put("speaker", segment.speaker());
    }
    return array;
  }

  /**
   * Reads a label value made under {@code rubric}. Each field is read in the shape its definition
   * expects; a value of another shape, or a field the rubric does not have, is read as what it
   * looks like so that {@link Rubric#validate(LabelValue)} can name the problem.
   *
   * @throws RubricVersionMismatchException if the document names another rubric version
   * @throws EngineException if the document is not a label value at all
   */
  public static LabelValue read(JsonNode document, Rubric rubric) {
    if (document == null || !document.isObject()) {
      throw new EngineException("a label value must be a JSON object with 'rubric' and 'fields'");
    }
    JsonNode rubricNode = document.get("rubric");
    if (rubricNode == null || !rubricNode.isTextual()) {
      throw new EngineException(
          "a label value must name its rubric version in 'rubric', for example \"tts-rating@1\"");
    }
    VersionedId labelRubric = VersionedId.parse(rubricNode.asText());
    if (!labelRubric.equals(rubric.id())) {
      throw new RubricVersionMismatchException(labelRubric, rubric.id());
    }
    JsonNode fieldsNode = document.path("fields");
    if (!fieldsNode.isObject()) {
      throw new EngineException("a label value must hold its answers in an object 'fields'");
    }
    Map<String, FieldValue> fields = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = fieldsNode.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      fields.put(
          entry.getKey(), value(entry.getKey(), entry.getValue(), rubric.field(entry.getKey())));
    }
    return new LabelValue(labelRubric, fields);
  }

  private static FieldValue value(String name, JsonNode node, Optional<FieldSpec> spec) {
    if (node.isBoolean()) {
      return new FieldValue.Flag(node.asBoolean());
    }
    if (node.isIntegralNumber()) {
      return new FieldValue.ScalePoint(node.asInt());
    }
    if (node.isObject()
        && spec.isPresent()
        && spec.get() instanceof FieldSpec.StimulusScoresField) {
      SortedMap<String, Integer> scores = new TreeMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        if (!entry.getValue().isIntegralNumber()) {
          throw new EngineException(
              "field "
                  + name
                  + ": stimulus "
                  + entry.getKey()
                  + " must have a whole-number score, not "
                  + entry.getValue());
        }
        scores.put(entry.getKey(), entry.getValue().asInt());
      }
      return new FieldValue.StimulusScores(scores);
    }
    if (node.isTextual()) {
      boolean choice =
          spec.isPresent()
              && (spec.get() instanceof FieldSpec.CategoricalField
                  || spec.get() instanceof FieldSpec.StimulusChoiceField);
      return choice ? new FieldValue.Choice(node.asText()) : new FieldValue.Text(node.asText());
    }
    if (node.isArray()) {
      boolean allInts = true;
      boolean allStrings = true;
      boolean allObjects = true;
      for (JsonNode element : node) {
        allInts &= element.isIntegralNumber();
        allStrings &= element.isTextual();
        allObjects &= element.isObject();
      }
      if (node.isEmpty()) {
        return emptyList(spec);
      }
      if (allInts) {
        List<Integer> indices = new ArrayList<>();
        node.forEach(element -> indices.add(element.asInt()));
        return new FieldValue.WordMarks(indices);
      }
      if (allStrings) {
        List<String> tags = new ArrayList<>();
        node.forEach(element -> tags.add(element.asText()));
        return new FieldValue.Tags(tags);
      }
      if (allObjects) {
        List<Segment> segments = new ArrayList<>();
        for (JsonNode element : node) {
          if (!element.path("start").isNumber() || !element.path("end").isNumber()) {
            throw new EngineException(
                "field " + name + ": each segment needs numeric 'start' and 'end' in seconds");
          }
          segments.add(
              new Segment(
                  element.get("start").asDouble(),
                  element.get("end").asDouble(),
                  element.path("speaker").asText("")));
        }
        return new FieldValue.Segments(segments);
      }
    }
    throw new EngineException(
        "field " + name + ": " + node + " cannot be read as a label value of any field type");
  }

  private static FieldValue emptyList(Optional<FieldSpec> spec) {
    if (spec.isPresent() && spec.get() instanceof FieldSpec.WordMarksField) {
      return new FieldValue.WordMarks(List.of());
    }
    if (spec.isPresent() && spec.get() instanceof FieldSpec.SegmentsField) {
      return new FieldValue.Segments(List.of());
    }
    return new FieldValue.Tags(List.of());
  }
}
