package dev.earmark.engine.normalize;

import dev.earmark.engine.EngineException;
import dev.earmark.engine.version.VersionedId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Imports an sclite GLM file (the global mapping file of NIST's {@code csrfilt.sh}/{@code
 * rfilter1}, such as {@code en20000405_hub5.glm}) as a rule set.
 *
 * <p>A GLM file has {@code ;;} comments, {@code * name "..."} header lines ({@code case_sensitive =
 * 'F'} among them) and one rule per line, {@code FROM => TO / [ ] __ [ ]}, where the context {@code
 * [ ] __ [ ]} means "between word boundaries". {@code TO} is either words or an alternation {@code
 * { A / B / @ }} ({@code @} is the empty word). Plain rules become one {@link Rule.Rewrite}; a rule
 * with an alternation becomes a {@link Rule.Alternations} set holding {@code FROM} and every
 * alternative, all written as the set's canonical member. Unlike sclite, which expands alternations
 * in the reference only, Earmark applies rules to both sides, which gives the same error count.
 * Rules with any other context are refused with their line number. A case-insensitive file (the
 * default) gets a case-fold rule first and lower-cased words. Later duplicates of a {@code FROM}
 * are ignored, as the first rule wins. Thread-safe (stateless).
 */
public final class GlmImporter {
  private GlmImporter() {}

  /** Imports {@code file} as the rule set {@code id}. */
  public static RuleSet importFile(Path file, VersionedId id) {
    String text;
    try {
      byte[] bytes = Files.readAllBytes(file);
      try {
        text =
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
      } catch (java.nio.charset.CharacterCodingException notUtf8) {
        text = new String(bytes, StandardCharsets.ISO_8859_1); // older NIST files are Latin-1
      }
    } catch (IOException e) {
      throw new EngineException(
          "Cannot read the GLM file " + file + " (" + e.getMessage() + "); check the path.", e);
    }
    return importText(text, file.toString(), id);
  }

  /** Imports GLM text; {@code source} names it in error messages. */
  public static RuleSet importText(String text, String source, VersionedId id) {
    boolean caseSensitive = false;
    String name = null;
    Map<String, String> rewrites = new LinkedHashMap<>();
    List<List<String>> sets = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int number = 1; number <= lines.length; number++) {
      String line = lines[number - 1];
      int comment = line.indexOf(";;");
      if (comment >= 0) {
        line = line.substring(0, comment);
      }
      line = line.strip();
      if (line.isEmpty()) {
        continue;
      }
      if (line.startsWith("*")) {
        String header = line.substring(1).strip();
        String lower = header.toLowerCase(Locale.ROOT);
        if (lower.startsWith("case_sensitive")) {
          caseSensitive = header.replaceAll("[^A-Za-z]", "").toUpperCase(Locale.ROOT).endsWith("T");
        } else if (lower.startsWith("name")) {
          name = header.substring(4).strip().replace("\"", "");
        }
        continue;
      }
      parseRule(line, number, source, caseSensitive, rewrites, sets, seen);
    }
    if (rewrites.isEmpty() && sets.isEmpty()) {
      throw new EngineException(
          "GLM file " + source + " has no rules (lines of the form FROM => TO / [ ] __ [ ]).");
    }
    RuleSet.Builder builder =
        RuleSet.builder(id)
            .description(
                "Imported from the sclite GLM file "
                    + (name == null ? source : name)
                    + (caseSensitive ? "" : " (case-insensitive)"));
    if (!caseSensitive) {
      builder.add(new Rule.CaseFold());
    }
    if (!rewrites.isEmpty()) {
      builder.add(new Rule.Rewrite(rewrites));
    }
    if (!sets.isEmpty()) {
      builder.add(new Rule.Alternations(sets));
    }
    return builder.build();
  }

  private static void parseRule(
      String line,
      int number,
      String source,
      boolean caseSensitive,
      Map<String, String> rewrites,
      List<List<String>> sets,
      List<String> seen) {
    int arrow = line.indexOf("=>");
    if (arrow < 0) {
      throw fail(source, number, "has no '=>'; write FROM => TO / [ ] __ [ ]");
    }
    String from = words(line.substring(0, arrow), caseSensitive);
    if (from.isEmpty() || from.contains("{") || from.contains("/")) {
      throw fail(source, number, "needs plain words before '=>'");
    }
    String rest = line.substring(arrow + 2);
    int slash = topLevelSlash(rest);
    String to = slash < 0 ? rest : rest.substring(0, slash);
    if (slash >= 0) {
      String context = rest.substring(slash + 1).replaceAll("\\s+", "");
      if (!context.equals("[]__[]") && !context.equals("__")) {
        throw fail(
            source,
            number,
            "has the context '"
                + rest.substring(slash + 1).strip()
                + "'; Earmark applies GLM rules between word boundaries only ([ ] __ [ ]):"
                + " remove the rule or rewrite it without a context");
      }
    }
    if (seen.contains(from)) {
      return;
    }
    seen.add(from);
    String target = to.strip();
    if (target.startsWith("{")) {
      if (!target.endsWith("}") || target.indexOf('{', 1) >= 0) {
        throw fail(source, number, "needs one alternation { A / B } as the whole right-hand side");
      }
      List<String> set = new ArrayList<>();
      for (String alternative : target.substring(1, target.length() - 1).split("/")) {
        String member = words(alternative, caseSensitive);
        if (member.isEmpty()) {
          throw fail(source, number, "has an empty alternative; write @ for the empty word");
        }
        if (!set.contains(member)) {
          set.add(member);
        }
      }
      if (!set.contains(from)) {
        set.add(from);
      }
      if (set.size() < 2) {
        return;
      }
      sets.add(set);
    } else if (target.contains("{") || target.contains("}")) {
      throw fail(source, number, "needs one alternation { A / B } as the whole right-hand side");
    } else {
      String replacement = words(target, caseSensitive);
      if (!replacement.equals(from)) {
        rewrites.put(from, replacement.equals(Rule.Alternations.EMPTY) ? "" : replacement);
      }
    }
  }

  private static int topLevelSlash(String text) {
    int depth = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '{') {
        depth++;
      } else if (c == '}') {
        depth--;
      } else if (c == '/' && depth == 0) {
        return i;
      }
    }
    return -1;
  }

  private static String words(String text, boolean caseSensitive) {
    String joined = String.join(" ", text.strip().split("\\s+"));
    return caseSensitive ? joined : joined.toLowerCase(Locale.ROOT);
  }

  private static EngineException fail(String source, int line, String problem) {
    return new EngineException("GLM file " + source + " line " + line + " " + problem + ".");
  }
}
