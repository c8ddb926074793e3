package dev.earmark.engine.normalize;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.earmark.engine.EngineException;
import dev.earmark.engine.version.VersionedId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads and writes the rule-set JSON format documented in docs/formats/rule-set.md. Reading
 * validates everything; a bad file gives an {@link EngineException} naming the file, the rule index
 * and field, and what to do. A stored {@code hash} that does not match the content is refused: a
 * published version must not be edited in place. Thread-safe (stateless).
 */
public final class RuleSetJson {
  /** The value of the {@code format} field this version reads and writes. */
  public static final String FORMAT = "earmark-rule-set/1";

  static final String HASH_FIELD = "hash";

  private static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private RuleSetJson() {}

  /** Loads a rule-set file; the exception message names {@code file}. */
  public static RuleSet read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new EngineException(
          "Cannot read the rule-set file " + file + " (" + e.getMessage() + "); check the path.",
          e);
    }
    return parse(text, file.toString());
  }

  /** Parses rule-set JSON; {@code source} names the text in error messages (a path, a resource). */
  public static RuleSet parse(String json, String source) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (StreamConstraintsException e) {
      // Jackson's own bound (nesting over 1000 levels, huge numbers or strings); it carries no
      // location, so it gets its own sentence.
      throw new EngineException(
          "Rule-set file "
              + source
              + " is refused: "
              + e.getOriginalMessage()
              + ". A rule set is a flat list of rules; write it without deep nesting.",
          e);
    } catch (JsonProcessingException e) {
      throw new EngineException(
          "Rule-set file "
              + source
              + " is not valid JSON"
              + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr())
              + ": "
              + e.getOriginalMessage()
              + ". Fix the JSON syntax.",
          e);
    }
    if (root == null || !root.isObject()) {
      throw fail(source, "the top level", "must be a JSON object with format, id and rules");
    }
    String format = text(root, "format", source, "the top level");
    if (!FORMAT.equals(format)) {
      throw fail(
          source,
          "field 'format'",
          "is '" + format + "' but this Earmark reads '" + FORMAT + "'; set it to " + FORMAT);
    }
    String idText = text(root, "id", source, "the top level");
    if (!VersionedId.looksLikeId(idText)) {
      throw fail(source, "field 'id'", "is '" + idText + "'; write name@N, for example en-asr@1");
    }
    VersionedId id = VersionedId.parse(idText);
    JsonNode description = root.get("description");
    JsonNode rulesNode = root.get("rules");
    if (rulesNode == null || !rulesNode.isArray()) {
      throw fail(source, "field 'rules'", "is missing; add \"rules\": [ ... ] (it may be empty)");
    }
    List<Rule> rules = new ArrayList<>();
    for (int i = 0; i < rulesNode.size(); i++) {
      rules.add(rule(rulesNode.get(i), i, source));
    }
    RuleSet ruleSet =
        RuleSet.of(
            id, description == null || description.isNull() ? "" : description.asText(), rules);
    JsonNode stored = root.get(HASH_FIELD);
    if (stored != null && !stored.isNull()) {
      if (!stored.asText().equals(ruleSet.hash())) {
        throw fail(
            source,
            "field 'hash'",
            "does not match the content (the file says "
                + stored.asText()
                + ", the content hashes to "
                + ruleSet.hash()
                + "): a published rule set was edited in place. Publish the change as "
                + id.next()
                + " or remove the hash field");
      }
    }
    return ruleSet;
  }

  /** The JSON text of {@code ruleSet}, with its hash, in the documented field order. */
  public static String write(RuleSet ruleSet) {
    ObjectNode tree = toTree(ruleSet);
    ObjectNode withHash = MAPPER.createObjectNode();
    withHash.put("format", FORMAT);
    withHash.put("id", ruleSet.id().toString());
    withHash.put("description", ruleSet.description());
    withHash.put(HASH_FIELD, ruleSet.hash());
    withHash.set("rules", tree.get("rules"));
    try {
      return MAPPER.writeValueAsString(withHash) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree could not be serialised", e);
    }
  }

  /** Writes {@code ruleSet} to {@code file} (UTF-8). */
  public static void write(RuleSet ruleSet, Path file) {
    try {
      Files.writeString(file, write(ruleSet), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new EngineException(
          "Cannot write the rule-set file " + file + " (" + e.getMessage() + "); check the path.",
          e);
    }
  }

  /** The JSON tree of {@code ruleSet} without its hash: the content the hash is computed over. */
  static ObjectNode toTree(RuleSet ruleSet) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("format", FORMAT);
    root.put("id", ruleSet.id().toString());
    root.put("description", ruleSet.description());
    ArrayNode rules = root.putArray("rules");
    for (Rule rule : ruleSet.rules()) {
      ObjectNode node = rules.addObject();
      node.put("kind", rule.kind());
      if (rule instanceof Rule.Fillers fillers) {
        node.put("action", fillers.action().name().toLowerCase(Locale.ROOT));
        if (fillers.hesitationToken() != null) {
          node.put("token", fillers.hesitationToken());
        }
        fillers.words().forEach(node.putArray("words")::add);
      } else if (rule instanceof Rule.Numbers numbers) {
        node.put(
            "direction", numbers.direction().name().toLowerCase(Locale.ROOT).replace('_', '-'));
      } else if (rule instanceof Rule.Contractions contractions) {
        putMap(node, contractions.expansions());
      } else if (rule instanceof Rule.SpellingVariants spelling) {
        putMap(node, spelling.variants());
      } else if (rule instanceof Rule.ProtectedPhrases protectedPhrases) {
        protectedPhrases.phrases().forEach(node.putArray("phrases")::add);
      } else if (rule instanceof Rule.Rewrite rewrite) {
        putMap(node, rewrite.rewrites());
      } else if (rule instanceof Rule.RegexRewrite regex) {
        node.put("pattern", regex.pattern());
        node.put("replacement", regex.replacement());
      } else if (rule instanceof Rule.Glm glm) {
        node.put("case_sensitive", glm.caseSensitive());
        node.put("copy_no_hit", glm.copyNoHit());
        ArrayNode entries = node.putArray("rules");
        for (Rule.Glm.Entry entry : glm.rules()) {
          ObjectNode line = entries.addObject();
          line.put("from", entry.from());
          line.put("to", entry.to());
          if (!entry.left().isEmpty()) {
            line.put("left", entry.left());
          }
          if (!entry.right().isEmpty()) {
            line.put("right", entry.right());
          }
        }
      } else if (rule instanceof Rule.Alternations alternations) {
        ArrayNode sets = node.putArray("sets");
        for (List<String> set : alternations.sets()) {
          set.forEach(sets.addArray()::add);
        }
      }
    }
    return root;
  }

  private static void putMap(ObjectNode node, Map<String, String> map) {
    ObjectNode object = node.putObject("map");
    map.forEach(object::put);
  }

  private static Rule rule(JsonNode node, int index, String source) {
    String where = "rules[" + index + "]";
    if (!node.isObject()) {
      throw fail(source, where, "must be an object with a \"kind\" field");
    }
    String kind = text(node, "kind", source, where);
    String at = where + " (" + kind + ")";
    try {
      return switch (kind) {
        case "case-fold" -> new Rule.CaseFold();
        case "strip-punctuation" -> new Rule.StripPunctuation();
        case "fillers" -> fillers(node, source, at);
        case "numbers" -> numbers(node, source, at);
        case "contractions" -> new Rule.Contractions(map(node, source, at));
        case "spelling-variants" -> new Rule.SpellingVariants(map(node, source, at));
        case "protected-phrases" -> new Rule.ProtectedPhrases(strings(node, "phrases", source, at));
        case "rewrite" -> new Rule.Rewrite(map(node, source, at));
        case "regex" -> regex(node, source, at);
        case "alternations" -> alternations(node, source, at);
        case "glm" -> glm(node, source, at);
        default ->
            throw fail(
                source,
                where + " field 'kind'",
                "is '"
                    + kind
                    + "', which is not a rule kind; use one of case-fold, strip-punctuation,"
                    + " fillers, numbers, contractions, spelling-variants, protected-phrases,"
                    + " rewrite, regex, alternations, glm");
      };
    } catch (EngineException e) {
      if (e.getMessage().startsWith("Rule-set file ")) {
        throw e;
      }
      throw fail(source, at, e.getMessage());
    }
  }

  private static Rule fillers(JsonNode node, String source, String at) {
    String action = text(node, "action", source, at);
    List<String> words = strings(node, "words", source, at);
    return switch (action) {
      case "drop" -> Rule.Fillers.drop(words);
      case "map" -> Rule.Fillers.map(text(node, "token", source, at), words);
      default -> throw fail(source, at + " field 'action'", "is '" + action + "'; use drop or map");
    };
  }

  private static Rule numbers(JsonNode node, String source, String at) {
    String direction = text(node, "direction", source, at);
    return switch (direction) {
      case "to-digits" -> new Rule.Numbers(Rule.NumberDirection.TO_DIGITS);
      case "to-words" -> new Rule.Numbers(Rule.NumberDirection.TO_WORDS);
      default ->
          throw fail(
              source,
              at + " field 'direction'",
              "is '" + direction + "'; use to-digits or to-words");
    };
  }

  private static Rule regex(JsonNode node, String source, String at) {
    String pattern = text(node, "pattern", source, at);
    JsonNode replacement = node.get("replacement");
    if (replacement == null || !replacement.isTextual()) {
      throw fail(
          source, at + " field 'replacement'", "is missing; give a string (it may be empty)");
    }
    try {
      Pattern.compile(pattern);
    } catch (PatternSyntaxException e) {
      throw fail(
          source,
          at + " field 'pattern'",
          "is not a valid Java regular expression ("
              + e.getDescription()
              + " near index "
              + e.getIndex()
              + "); fix the pattern");
    }
    return new Rule.RegexRewrite(pattern, replacement.asText());
  }

  private static Rule glm(JsonNode node, String source, String at) {
    JsonNode rules = node.get("rules");
    if (rules == null || !rules.isArray() || rules.isEmpty()) {
      throw fail(
          source,
          at + " field 'rules'",
          "is missing or empty; give a list of {\"from\": ..., \"to\": ...} objects");
    }
    List<Rule.Glm.Entry> entries = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      JsonNode entry = rules.get(i);
      String field = at + " field 'rules'[" + i + "]";
      if (!entry.isObject()) {
        throw fail(source, field, "must be an object with 'from' and 'to' strings");
      }
      String from = text(entry, "from", source, field);
      JsonNode to = entry.get("to");
      if (to == null || !to.isTextual()) {
        throw fail(source, field + " field 'to'", "is missing; give a string (it may be empty)");
      }
      entries.add(
          new Rule.Glm.Entry(
              from, to.asText(), optionalText(entry, "left"), optionalText(entry, "right")));
    }
    return new Rule.Glm(
        flag(node, "case_sensitive", source, at), flag(node, "copy_no_hit", source, at), entries);
  }

  private static String optionalText(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isTextual() ? value.asText() : "";
  }

  private static boolean flag(JsonNode node, String field, String source, String at) {
    JsonNode value = node.get(field);
    if (value == null || !value.isBoolean()) {
      throw fail(source, at + " field '" + field + "'", "is missing; give true or false");
    }
    return value.asBoolean();
  }

  private static Rule alternations(JsonNode node, String source, String at) {
    JsonNode sets = node.get("sets");
    if (sets == null || !sets.isArray() || sets.isEmpty()) {
      throw fail(
          source,
          at + " field 'sets'",
          "is missing or empty; give a list of sets, for example [[\"ok\", \"okay\"]]");
    }
    List<List<String>> result = new ArrayList<>();
    for (int i = 0; i < sets.size(); i++) {
      JsonNode set = sets.get(i);
      String field = at + " field 'sets'[" + i + "]";
      if (!set.isArray()) {
        throw fail(source, field, "must be a list of strings");
      }
      List<String> members = new ArrayList<>();
      set.forEach(member -> members.add(member.isTextual() ? member.asText() : null));
      if (members.contains(null)) {
        throw fail(source, field, "must contain only strings");
      }
      result.add(members);
    }
    return new Rule.Alternations(result);
  }

  private static Map<String, String> map(JsonNode node, String source, String at) {
    JsonNode map = node.get("map");
    if (map == null || !map.isObject() || map.isEmpty()) {
      throw fail(
          source,
          at + " field 'map'",
          "is missing or empty; give an object of \"from\": \"to\" pairs");
    }
    Map<String, String> result = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      if (!entry.getValue().isTextual()) {
        throw fail(
            source,
            at + " field 'map' entry '" + entry.getKey() + "'",
            "must map to a string (use \"\" to delete)");
      }
      result.put(entry.getKey(), entry.getValue().asText());
    }
    return result;
  }

  private static List<String> strings(JsonNode node, String field, String source, String at) {
    JsonNode list = node.get(field);
    if (list == null || !list.isArray()) {
      throw fail(source, at + " field '" + field + "'", "is missing; give a list of strings");
    }
    List<String> result = new ArrayList<>();
    for (JsonNode item : list) {
      if (!item.isTextual()) {
        throw fail(source, at + " field '" + field + "'", "must contain only strings");
      }
      result.add(item.asText());
    }
    return result;
  }

  private static String text(JsonNode node, String field, String source, String at) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw fail(source, at + " field '" + field + "'", "is missing or not a string; add it");
    }
    return value.asText();
  }

  private static EngineException fail(String source, String where, String problem) {
    return new EngineException("Rule-set file " + source + ": " + where + " " + problem + ".");
  }
}
