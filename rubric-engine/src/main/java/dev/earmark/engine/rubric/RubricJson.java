package dev.earmark.engine.rubric;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.earmark.engine.EngineException;
import dev.earmark.engine.version.VersionedId;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads and writes the rubric JSON format ({@code docs/formats/rubric.md}). Reading is strict: an
 * unknown key, a missing required key, a value of the wrong type or an incoherent field is a {@link
 * RubricFormatException} naming the file and the field, and a {@code hash} in the file must match
 * the content (a published version never changes). Thread-safe.
 */
public final class RubricJson {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
  private static final Set<String> RUBRIC_KEYS =
      Set.of(
          "id",
          "task_type",
          "title",
          "description",
          "listening_requirement",
          "conventions",
          "fields",
          "hash");
  private static final Set<String> COMMON_FIELD_KEYS =
      Set.of("name", "type", "definition", "group", "required");

  private RubricJson() {}

  /** Reads the rubric in {@code file}. */
  public static Rubric read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return read(file.toString(), in);
    } catch (IOException e) {
      throw new RubricFormatException(
          "rubric file " + file + " cannot be read (" + e.getMessage() + "); check the path", e);
    }
  }

  /** Reads a rubric from {@code in}; {@code source} names it in error messages. */
  public static Rubric read(String source, InputStream in) {
    JsonNode document;
    try {
      document = MAPPER.readTree(in);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new RubricFormatException(
          "rubric file "
              + source
              + " is not valid JSON"
              + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr())
              + ": "
              + e.getOriginalMessage(),
          e);
    } catch (IOException e) {
      throw new RubricFormatException(
          "rubric file " + source + " cannot be read: " + e.getMessage(), e);
    }
    return fromJson(source, document);
  }

  /** Builds a rubric from a parsed document; {@code source} names it in error messages. */
  public static Rubric fromJson(String source, JsonNode document) {
    if (document == null || !document.isObject()) {
      throw new RubricFormatException("rubric file " + source + " must hold one JSON object");
    }
    String where = "rubric file " + source;
    try {
      rejectUnknownKeys(document, RUBRIC_KEYS);
      VersionedId id = VersionedId.parse(text(document, "id", true));
      TaskType taskType = TaskType.fromId(text(document, "task_type", true));
      RubricBuilder builder =
          RubricBuilder.create(id, taskType)
              .title(text(document, "title", true))
              .description(text(document, "description", false))
              .listeningRequirement(number(document, "listening_requirement"))
              .conventions(strings(document, "conventions"));
      JsonNode fields = document.get("fields");
      if (fields == null || !fields.isArray()) {
        throw new EngineException("'fields' must be a list of field objects");
      }
      for (JsonNode field : fields) {
        builder.addField(field(field));
      }
      Rubric rubric = builder.build();
      JsonNode stated = document.get("hash");
      if (stated != null && !stated.asText().equals(rubric.hash())) {
        throw new EngineException(
            "the stated hash "
                + stated.asText()
                + " does not match the content, which hashes to "
                + rubric.hash()
                + "; a published version never changes, so publish the edit as "
                + id.next()
                + " (or remove 'hash' from an unpublished draft)");
      }
      return rubric;
    } catch (RubricFormatException e) {
      throw e;
    } catch (EngineException e) {
      throw new RubricFormatException(where + ": " + e.getMessage(), e);
    }
  }

  /** The canonical JSON form of {@code rubric}, including its hash. */
  public static ObjectNode toJson(Rubric rubric) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("id", rubric.id().toString());
    root.put("task_type", rubric.taskType().id());
    root.put("title", rubric.title());
    root.put("description", rubric.description());
    root.put("listening_requirement", rubric.listeningRequirement());
    ArrayNode conventions = root.putArray("conventions");
    rubric.conventions().forEach(conventions::add);
    ArrayNode fields = root.putArray("fields");
    rubric.fields().forEach(field -> fields.add(toJson(field)));
    if (rubric.hash() != null) {
      root.put("hash", rubric.hash());
    }
    return root;
  }

  /** The canonical JSON form of {@code rubric} as indented text. */
  public static String write(Rubric rubric) {
    try {
      return MAPPER.writeValueAsString(toJson(rubric));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a rubric could not be serialised", e);
    }
  }

  static ObjectNode toJson(FieldSpec field) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("name", field.name());
    node.put("type", field.type());
    node.put("definition", field.definition());
    node.put("group", field.group());
    node.put("required", field.required());
    if (field instanceof FieldSpec.TextField text) {
      ArrayNode tags = node.putArray("event_tags");
      text.eventTags().forEach(tags::add);
    } else if (field instanceof FieldSpec.ScaleField scale) {
      node.put("min", scale.min());
      node.put("max", scale.max());
      ObjectNode anchors = node.putObject("anchors");
      scale.anchors().forEach((point, anchor) -> anchors.put(Integer.toString(point), anchor));
    } else if (field instanceof FieldSpec.CategoricalField categorical) {
      node.set("options", options(categorical.options()));
    } else if (field instanceof FieldSpec.TagsField tags) {
      node.set("options", options(tags.options()));
    } else if (field instanceof FieldSpec.SegmentsField segments) {
      node.put("speaker_required", segments.speakerRequired());
    } else if (field instanceof FieldSpec.FlagField) {
      node.remove("required");
    } else if (field instanceof FieldSpec.StimulusScoresField scores) {
      node.put("min", scores.min());
      node.put("max", scores.max());
      ObjectNode bands = node.putObject("bands");
      scores.bands().forEach((from, band) -> bands.put(Integer.toString(from), band));
    } else if (field instanceof FieldSpec.StimulusChoiceField choice) {
      node.put("allow_no_preference", choice.allowNoPreference());
    }
    return node;
  }

  private static ArrayNode options(List<Option> options) {
    ArrayNode array = MAPPER.createArrayNode();
    for (Option option : options) {
      ObjectNode node = array.addObject();
      node.put("value", option.value());
      node.put("definition", option.definition());
    }
    return array;
  }

  private static FieldSpec field(JsonNode node) {
    if (!node.isObject()) {
      throw new EngineException("each entry of 'fields' must be an object, not " + node);
    }
    String name = text(node, "name", true);
    String prefix = "field " + name + ": ";
    try {
      String type = text(node, "type", true);
      String definition = text(node, "definition", true);
      String group = text(node, "group", false);
      boolean required = node.path("required").asBoolean(false);
      if (node.has("required") && !node.get("required").isBoolean()) {
        throw new EngineException("'required' must be true or false");
      }
      return switch (type) {
        case "text" -> {
          rejectUnknownFieldKeys(node, Set.of("event_tags"));
          yield new FieldSpec.TextField(
              name, definition, group, required, strings(node, "event_tags"));
        }
        case "scale" -> {
          rejectUnknownFieldKeys(node, Set.of("min", "max", "anchors"));
          TreeMap<Integer, String> anchors = new TreeMap<>();
          JsonNode anchorNode = node.get("anchors");
          if (anchorNode == null || !anchorNode.isObject()) {
            throw new EngineException("'anchors' must map each point to its description");
          }
          for (Iterator<String> it = anchorNode.fieldNames(); it.hasNext(); ) {
            String point = it.next();
            try {
              anchors.put(Integer.parseInt(point), anchorNode.get(point).asText());
            } catch (NumberFormatException e) {
              throw new EngineException("anchor '" + point + "' is not a whole number");
            }
          }
          yield new FieldSpec.ScaleField(
              name,
              definition,
              group,
              required,
              integer(node, "min"),
              integer(node, "max"),
              anchors);
        }
        case "categorical" -> {
          rejectUnknownFieldKeys(node, Set.of("options"));
          yield new FieldSpec.CategoricalField(name, definition, group, required, options(node));
        }
        case "tags" -> {
          rejectUnknownFieldKeys(node, Set.of("options"));
          yield new FieldSpec.TagsField(name, definition, group, required, options(node));
        }
        case "flag" -> {
          rejectUnknownFieldKeys(node, Set.of());
          if (required) {
            throw new EngineException("a flag cannot be required; leave 'required' out");
          }
          yield new FieldSpec.FlagField(name, definition, group);
        }
        case "word-marks" -> {
          rejectUnknownFieldKeys(node, Set.of());
          yield new FieldSpec.WordMarksField(name, definition, group, required);
        }
        case "segments" -> {
          rejectUnknownFieldKeys(node, Set.of("speaker_required"));
          yield new FieldSpec.SegmentsField(
              name, definition, group, required, node.path("speaker_required").asBoolean(false));
        }
        case "stimulus-scores" -> {
          rejectUnknownFieldKeys(node, Set.of("min", "max", "bands"));
          TreeMap<Integer, String> bands = new TreeMap<>();
          JsonNode bandNode = node.path("bands");
          if (!bandNode.isMissingNode() && !bandNode.isObject()) {
            throw new EngineException("'bands' must map each band's lower bound to its name");
          }
          for (Iterator<String> it = bandNode.fieldNames(); it.hasNext(); ) {
            String from = it.next();
            try {
              bands.put(Integer.parseInt(from), bandNode.get(from).asText());
            } catch (NumberFormatException e) {
              throw new EngineException("band '" + from + "' is not a whole number");
            }
          }
          yield new FieldSpec.StimulusScoresField(
              name, definition, group, required, integer(node, "min"), integer(node, "max"), bands);
        }
        case "stimulus-choice" -> {
          rejectUnknownFieldKeys(node, Set.of("allow_no_preference"));
          JsonNode allow = node.get("allow_no_preference");
          if (allow == null || !allow.isBoolean()) {
            throw new EngineException("'allow_no_preference' must be true or false");
          }
          yield new FieldSpec.StimulusChoiceField(
              name, definition, group, required, allow.asBoolean());
        }
        default ->
            throw new EngineException(
                "type '"
                    + type
                    + "' is not a field type; use text, scale, categorical, flag, tags, word-marks,"
                    + " segments, stimulus-scores or stimulus-choice");
      };
    } catch (EngineException e) {
      if (e.getMessage().startsWith("field " + name)) {
        throw e;
      }
      throw new EngineException(prefix + e.getMessage(), e);
    }
  }

  private static List<Option> options(JsonNode node) {
    JsonNode options = node.get("options");
    if (options == null || !options.isArray()) {
      throw new EngineException("'options' must be a list of {\"value\", \"definition\"} objects");
    }
    List<Option> result = new ArrayList<>();
    for (JsonNode option : options) {
      if (!option.isObject()) {
        throw new EngineException("each option must be an object with 'value' and 'definition'");
      }
      rejectUnknownKeys(option, Set.of("value", "definition"));
      result.add(new Option(text(option, "value", true), text(option, "definition", true)));
    }
    return result;
  }

  private static void rejectUnknownKeys(JsonNode node, Set<String> allowed) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!allowed.contains(key)) {
        throw new EngineException(
            "'"
                + key
                + "' is not a known key here; check its spelling against docs/formats/rubric.md");
      }
    }
  }

  private static void rejectUnknownFieldKeys(JsonNode node, Set<String> typeKeys) {
    Set<String> allowed = new HashSet<>(COMMON_FIELD_KEYS);
    allowed.addAll(typeKeys);
    rejectUnknownKeys(node, allowed);
  }

  private static String text(JsonNode node, String key, boolean required) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      if (required) {
        throw new EngineException("'" + key + "' is missing");
      }
      return "";
    }
    if (!value.isTextual()) {
      throw new EngineException("'" + key + "' must be a string");
    }
    return value.asText();
  }

  private static double number(JsonNode node, String key) {
    JsonNode value = node.get(key);
    if (value == null || !value.isNumber()) {
      throw new EngineException("'" + key + "' must be a number");
    }
    return value.asDouble();
  }

  private static int integer(JsonNode node, String key) {
    JsonNode value = node.get(key);
    if (value == null || !value.isIntegralNumber()) {
      throw new EngineException("'" + key + "' must be a whole number");
    }
    return value.asInt();
  }

  private static List<String> strings(JsonNode node, String key) {
    JsonNode value = node.get(key);
    if (value == null) {
      return List.of();
    }
    if (!value.isArray()) {
      throw new EngineException("'" + key + "' must be a list of strings");
    }
    List<String> result = new ArrayList<>();
    for (JsonNode element : value) {
      if (!element.isTextual()) {
        throw new EngineException("'" + key + "' must be a list of strings");
      }
      result.add(element.asText());
    }
    return result;
  }
}
