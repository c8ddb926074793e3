package dev.earmark.app.gui.rules;

import dev.earmark.engine.EngineException;
import dev.earmark.engine.normalize.GlmImporter;
import dev.earmark.engine.normalize.Rule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A rule's parameters as the plain text a lead edits, one entry per line, and back. The forms:
 *
 * <ul>
 *   <li>case-fold, strip-punctuation: no parameters (empty text);
 *   <li>fillers: {@code drop} or {@code map %hesitation} on the first line, then one word a line;
 *   <li>numbers: {@code to-digits} or {@code to-words};
 *   <li>contractions, spelling variants, rewrites: {@code from => to} a line;
 *   <li>protected phrases: one phrase a line;
 *   <li>regex: the pattern on the first line, the replacement on the second;
 *   <li>alternations: one set a line, members separated by {@code /} ({@code uh / um / @}), braces
 *       optional as in a GLM file;
 *   <li>glm (imported from a GLM file): the file's own lines, {@code * case_sensitive = 'F'} and
 *       {@code * copy_no_hit = 'T'} headers, then one {@code [from] => [to] / [left] __ [right]}
 *       rule a line.
 * </ul>
 *
 * Blank lines are ignored. {@link #parse} throws {@link EngineException} with a sentence naming the
 * line. Stateless and thread-safe.
 */
public final class RuleText {
  private static final String ARROW = "=>";

  private RuleText() {}

  /** The kinds a lead can add, in the order the menu offers them. */
  public static List<String> kinds() {
    return List.of(
        "case-fold",
        "strip-punctuation",
        "fillers",
        "numbers",
        "contractions",
        "spelling-variants",
        "protected-phrases",
        "rewrite",
        "regex",
        "alternations");
  }

  /** A new rule of {@code kind} with an example entry for the lead to replace. */
  public static Rule example(String kind) {
    return switch (kind) {
      case "case-fold" -> new Rule.CaseFold();
      case "strip-punctuation" -> new Rule.StripPunctuation();
      case "fillers" -> Rule.Fillers.drop(List.of("uh", "um"));
      case "numbers" -> new Rule.Numbers(Rule.NumberDirection.TO_DIGITS);
      case "contractions" -> new Rule.Contractions(Map.of("i'm", "i am"));
      case "spelling-variants" -> new Rule.SpellingVariants(Map.of("colour", "color"));
      case "protected-phrases" -> new Rule.ProtectedPhrases(List.of("twenty one pilots"));
      case "rewrite" -> new Rule.Rewrite(Map.of("okay", "ok"));
      case "regex" -> new Rule.RegexRewrite("\\bmr\\b", "mister");
      case "alternations" -> new Rule.Alternations(List.of(List.of("uh", "um", "@")));
      default -> throw new EngineException("There is no rule kind '" + kind + "'.");
    };
  }

  /** The parameters of {@code rule} in the editable form. */
  public static String format(Rule rule) {
    if (rule instanceof Rule.Fillers fillers) {
      String head =
          fillers.action() == Rule.FillerAction.DROP ? "drop" : "map " + fillers.hesitationToken();
      return head + "\n" + String.join("\n", fillers.words());
    } else if (rule instanceof Rule.Numbers numbers) {
      return numbers.direction() == Rule.NumberDirection.TO_DIGITS ? "to-digits" : "to-words";
    } else if (rule instanceof Rule.Contractions contractions) {
      return pairs(contractions.expansions());
    } else if (rule instanceof Rule.SpellingVariants variants) {
      return pairs(variants.variants());
    } else if (rule instanceof Rule.Rewrite rewrite) {
      return pairs(rewrite.rewrites());
    } else if (rule instanceof Rule.ProtectedPhrases phrases) {
      return String.join("\n", phrases.phrases());
    } else if (rule instanceof Rule.RegexRewrite regex) {
      return regex.pattern() + "\n" + regex.replacement();
    } else if (rule instanceof Rule.Alternations alternations) {
      List<String> lines = new ArrayList<>();
      alternations.sets().forEach(set -> lines.add(String.join(" / ", set)));
      return String.join("\n", lines);
    } else if (rule instanceof Rule.Glm glm) {
      return GlmImporter.format(glm);
    }
    return "";
  }

  /** A one-line summary for the rule list, e.g. {@code "protected-phrases: twenty one pilots"}. */
  public static String summary(Rule rule) {
    String parameters = format(rule).replace("\n", "; ");
    if (parameters.isEmpty()) {
      return rule.kind();
    }
    String shortened = parameters.length() > 70 ? parameters.substring(0, 69) + "…" : parameters;
    return rule.kind() + ": " + shortened;
  }

  /** A rule of {@code kind} with the parameters written in {@code text}. */
  public static Rule parse(String kind, String text) {
    List<String> lines = new ArrayList<>();
    List<Integer> numbers = new ArrayList<>();
    String[] raw = (text == null ? "" : text).split("\r?\n", -1);
    for (int i = 0; i < raw.length; i++) {
      if (!raw[i].isBlank() || (kind.equals("regex") && i == 1)) {
        lines.add(kind.equals("regex") ? raw[i] : raw[i].strip());
        numbers.add(i + 1);
      }
    }
    return switch (kind) {
      case "case-fold" -> new Rule.CaseFold();
      case "strip-punctuation" -> new Rule.StripPunctuation();
      case "fillers" -> fillers(lines);
      case "numbers" -> numbers(lines);
      case "contractions" -> new Rule.Contractions(pairs(lines, numbers));
      case "spelling-variants" -> new Rule.SpellingVariants(pairs(lines, numbers));
      case "rewrite" -> new Rule.Rewrite(pairs(lines, numbers));
      case "protected-phrases" -> new Rule.ProtectedPhrases(nonEmpty(lines, "a phrase"));
      case "regex" -> regex(lines);
      case "alternations" -> alternations(lines, numbers);
      case "glm" -> GlmImporter.parseRules(text, "the edited rule");
      default -> throw new EngineException("There is no rule kind '" + kind + "'.");
    };
  }

  private static Rule fillers(List<String> lines) {
    if (lines.isEmpty()) {
      throw new EngineException(
          "Write 'drop' or 'map %hesitation' on the first line, then one filler word a line.");
    }
    String head = lines.get(0);
    List<String> words = nonEmpty(lines.subList(1, lines.size()), "a filler word after line 1");
    if (head.equalsIgnoreCase("drop")) {
      return Rule.Fillers.drop(words);
    }
    if (head.toLowerCase(Locale.ROOT).startsWith("map ")) {
      return Rule.Fillers.map(head.substring(4).strip(), words);
    }
    throw new EngineException(
        "line 1 is '" + head + "'; write 'drop' or 'map' and the hesitation token there.");
  }

  private static Rule numbers(List<String> lines) {
    String direction = lines.isEmpty() ? "" : lines.get(0);
    return switch (direction) {
      case "to-digits" -> new Rule.Numbers(Rule.NumberDirection.TO_DIGITS);
      case "to-words" -> new Rule.Numbers(Rule.NumberDirection.TO_WORDS);
      default -> throw new EngineException("Write 'to-digits' or 'to-words' as the direction.");
    };
  }

  private static Rule regex(List<String> lines) {
    String pattern = lines.isEmpty() ? "" : lines.get(0);
    if (pattern.isBlank()) {
      throw new EngineException("Write the pattern on line 1 and the replacement on line 2.");
    }
    try {
      Pattern.compile(pattern);
    } catch (PatternSyntaxException e) {
      throw new EngineException(
          "the pattern on line 1 is not a valid regular expression ("
              + e.getDescription()
              + "); fix it.");
    }
    return new Rule.RegexRewrite(pattern, lines.size() > 1 ? lines.get(1).strip() : "");
  }

  private static Rule alternations(List<String> lines, List<Integer> numbers) {
    List<List<String>> sets = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.startsWith("{") && line.endsWith("}")) {
        line = line.substring(1, line.length() - 1);
      }
      List<String> members = new ArrayList<>();
      for (String member : line.split("/")) {
        if (!member.isBlank()) {
          members.add(member.strip());
        }
      }
      if (members.size() < 2) {
        throw new EngineException(
            "line "
                + numbers.get(i)
                + " needs at least two spellings separated by '/', e.g. uh / um / @.");
      }
      sets.add(members);
    }
    if (sets.isEmpty()) {
      throw new EngineException("Write at least one set of spellings, e.g. uh / um / @.");
    }
    return new Rule.Alternations(sets);
  }

  private static Map<String, String> pairs(List<String> lines, List<Integer> numbers) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      int arrow = line.indexOf(ARROW);
      if (arrow <= 0) {
        throw new EngineException(
            "line " + numbers.get(i) + " ('" + line + "') needs 'from => to'.");
      }
      String from = line.substring(0, arrow).strip();
      if (map.containsKey(from)) {
        throw new EngineException(
            "line " + numbers.get(i) + " repeats '" + from + "'; keep one of them.");
      }
      map.put(from, line.substring(arrow + ARROW.length()).strip());
    }
    if (map.isEmpty()) {
      throw new EngineException("Write at least one 'from => to' line.");
    }
    return map;
  }

  private static String pairs(Map<String, String> map) {
    List<String> lines = new ArrayList<>();
    map.forEach((from, to) -> lines.add(from + " " + ARROW + " " + to));
    return String.join("\n", lines);
  }

  private static List<String> nonEmpty(List<String> lines, String what) {
    if (lines.isEmpty()) {
      throw new EngineException("Write " + what + " on a line of its own.");
    }
    return List.copyOf(lines);
  }
}
