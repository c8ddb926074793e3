package dev.earmark.engine.normalize;

import dev.earmark.engine.EngineException;
import dev.earmark.engine.version.VersionedId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Imports an sclite GLM file (the global mapping file of NIST's {@code csrfilt.sh}/{@code
 * rfilter1}, such as {@code en20040920.glm}, which Kaldi's AMI recipe uses) as a rule set whose
 * text output equals csrfilt's.
 *
 * <p>The file is read as {@code rfilter1} reads it (sctk's {@code doc/GLMRules.txt} and {@code
 * src/rfilter1/include/grules2.c}): the first token of the first line is the comment flag ({@code
 * ;;}) and that line holds no rule; a line starting with the flag is a comment, and the flag ends
 * the data on any other line; a line starting with {@code *} is a header whose keyword ({@code
 * NAME}, {@code DESC}, {@code FORMAT}, {@code COPY_NO_HIT}, {@code CASE_SENSITIVE}) takes the value
 * in quotes; every other line is a rule {@code FROM => TO} or {@code FROM => TO / LEFT __ RIGHT},
 * where each part may be bounded by {@code [ ]} or {@code " "} to keep its spaces ({@code ain't =>
 * [{are not / have not}] / [ ] __ [ ]}). The last {@code /} not inside {@code [ ]} starts the
 * context. Sections after {@code ;; INPUT_DEPENDENT_APPLICATION = "REGEX"} are kept when REGEX
 * matches {@code trn} (csrfilt's default input type) and dropped otherwise, as csrfilt does.
 *
 * <p>The result is one {@link Rule.Glm} (rules in file order, first match wins), followed by a
 * {@link Rule.CaseFold} when the file says {@code case_sensitive = 'F'}: csrfilt upper-cases the
 * text, writes the rules' right-hand sides as they are spelled, and sclite then compares words
 * ignoring case; folding everything after the rules gives the same scores, and the output equals
 * csrfilt's lower-cased. Without that header rfilter1 matches case-sensitively and nothing is
 * folded ({@code %HESITATION} stays as written, as with {@code csrfilt.sh -s}). Right-hand
 * alternations ({@code {are not / have not}}) stay in the text as markup, which scoring reads as
 * choices the other side may match (see {@code dev.earmark.engine.score.Scorer}). Only {@code
 * FORMAT = 'NIST1'} exists in sctk; any other is refused. Thread-safe (stateless).
 */
public final class GlmImporter {
  private static final Pattern INPUT_DEPENDENT =
      Pattern.compile("^;;\\s+INPUT_DEPENDENT_APPLICATION\\s*=\\s*\"([^\"]*)\"");
  private static final Pattern QUOTED = Pattern.compile("[\"']([^\"']*)[\"']");

  /** The input type whose sections are imported: csrfilt's default, {@code -i trn}. */
  private static final String INPUT_TYPE = "trn";

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
    String[] lines = text.split("\r?\n", -1);
    if (lines[0].contains("=>")) {
      throw fail(
          source,
          1,
          "is a rule, but rfilter1 reads the first line only for its comment flag (its first"
              + " token) and would ignore the rule; start the file with a comment line such as"
              + " ';; rules'");
    }
    String commentFlag = firstToken(lines[0]);
    Header header = new Header();
    List<Rule.Glm.Entry> entries = new ArrayList<>();
    boolean applies = true;
    for (int number = 2; number <= lines.length; number++) {
      String line = lines[number - 1];
      Matcher inputDependent = INPUT_DEPENDENT.matcher(line);
      if (inputDependent.find()) {
        applies = appliesToTrn(inputDependent.group(1), source, number);
      }
      line = line.stripTrailing();
      if (!applies || line.isEmpty() || (!commentFlag.isEmpty() && line.startsWith(commentFlag))) {
        continue;
      }
      if (line.charAt(0) == '*') {
        header.read(line, source, number);
        continue;
      }
      int comment = commentFlag.isEmpty() ? -1 : line.indexOf(commentFlag);
      if (comment >= 0) {
        line = line.substring(0, comment);
      }
      if (line.isBlank()) {
        continue;
      }
      Rule.Glm.Entry entry = parseRule(line, number, source);
      if (entry != null) {
        entries.add(entry);
      }
    }
    if (!header.format.equals("NIST1")) {
      throw new EngineException(
          "GLM file "
              + source
              + " has format '"
              + header.format
              + "'; sctk's rfilter1 applies only format 'NIST1' files.");
    }
    if (entries.isEmpty()) {
      throw new EngineException(
          "GLM file " + source + " has no rules (lines of the form FROM => TO / [ ] __ [ ]).");
    }
    RuleSet.Builder builder =
        RuleSet.builder(id)
            .description(
                "Imported from the sclite GLM file "
                    + (header.name == null ? source : header.name)
                    + (header.caseSensitive ? "" : " (case-insensitive)"));
    builder.add(new Rule.Glm(header.caseSensitive, header.copyNoHit, entries));
    if (!header.caseSensitive) {
      builder.add(new Rule.CaseFold());
    }
    return builder.build();
  }

  /**
   * The rule of GLM lines without the file's first line (headers and rules as in a file), for the
   * rule editor: the inverse of {@link #format}.
   */
  public static Rule.Glm parseRules(String lines, String source) {
    return (Rule.Glm)
        importText(";; " + source + "\n" + lines, source, new VersionedId("edited", 1))
            .rules()
            .get(0);
  }

  /** {@code glm} as GLM lines: its two headers, then one bracketed rule a line. */
  public static String format(Rule.Glm glm) {
    StringBuilder text = new StringBuilder();
    text.append("* case_sensitive = '").append(glm.caseSensitive() ? 'T' : 'F').append("'\n");
    text.append("* copy_no_hit = '").append(glm.copyNoHit() ? 'T' : 'F').append("'");
    for (Rule.Glm.Entry entry : glm.rules()) {
      text.append("\n[").append(entry.from()).append("] => [").append(entry.to()).append(']');
      // a '/' in the replacement would otherwise be read as the context's slash, as rfilter1 does
      if (!entry.left().isEmpty() || !entry.right().isEmpty() || entry.to().contains("/")) {
        text.append(" / [").append(entry.left()).append("] __ [").append(entry.right()).append(']');
      }
    }
    return text.toString();
  }

  /** The header values rfilter1 reads; its defaults apply when a header is absent. */
  private static final class Header {
    String name;
    String format = "NIST1";
    boolean caseSensitive = true;
    boolean copyNoHit = true;

    void read(String line, String source, int number) {
      Matcher quoted = QUOTED.matcher(line);
      if (!quoted.find()) {
        throw fail(source, number, "is a header without a quoted value; write * NAME = \"...\"");
      }
      String value = quoted.group(1);
      String keyword = line.toUpperCase(Locale.ROOT);
      if (keyword.contains("NAME")) {
        name = value;
      }
      if (keyword.contains("FORMAT")) {
        format = value;
      }
      if (keyword.contains("COPY_NO_HIT")) {
        copyNoHit = isTrue(value);
      }
      if (keyword.contains("CASE_SENSITIVE")) {
        caseSensitive = isTrue(value);
      }
    }

    private static boolean isTrue(String value) {
      return value.equalsIgnoreCase("T")
          || value.equalsIgnoreCase("YES")
          || value.equalsIgnoreCase("TRUE");
    }
  }

  private static boolean appliesToTrn(String regex, String source, int number) {
    try {
      Pattern pattern = Pattern.compile(regex.toLowerCase(Locale.ROOT));
      return pattern.matcher(INPUT_TYPE).find() || pattern.matcher("").find();
    } catch (PatternSyntaxException e) {
      throw fail(source, number, "has an INPUT_DEPENDENT_APPLICATION pattern that is not valid");
    }
  }

  /**
   * One rule line, split as {@code r_process_data_line} of rfilter1 splits it; null for a rule with
   * an empty left-hand side, which rfilter1 keeps but can never apply.
   */
  private static Rule.Glm.Entry parseRule(String line, int number, String source) {
    int arrow = line.indexOf("=>");
    if (arrow < 0) {
      throw fail(source, number, "has no '=>'; write FROM => TO / [ ] __ [ ]");
    }
    int context = line.lastIndexOf('/');
    int slot = -1;
    if (context >= 0) {
      int close = line.indexOf(']', context);
      int open = line.indexOf('[', context);
      // rfilter1 compares the two pointers, a missing one being NULL: the slash is inside [ ]
      // when a ']' comes before any '[' after it
      boolean enclosed = open >= 0 && (close < 0 || close < open);
      if (enclosed) {
        context = -1;
      } else {
        slot = line.indexOf('_', context);
      }
    }
    if (context >= 0 && context < arrow) {
      context = -1;
      slot = -1;
    }
    String from = unbracket(line.substring(0, arrow).strip());
    int toEnd = context >= 0 ? context : line.length();
    String to = unbracket(afterFirstToken(line.substring(arrow, toEnd)).strip());
    String left = "";
    String right = "";
    if (context >= 0 && slot >= 0) {
      left = unbracket(afterFirstToken(line.substring(context, slot)).strip());
      right = unbracket(afterFirstToken(line.substring(slot)).strip());
    }
    if (from.isEmpty()) {
      return null;
    }
    return new Rule.Glm.Entry(from, to, left, right);
  }

  /** The text after the first run of non-space characters ({@code =>}, {@code /}, {@code __}). */
  private static String afterFirstToken(String text) {
    int i = 0;
    while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return text.substring(i);
  }

  private static String unbracket(String text) {
    if (text.length() >= 2
        && ((text.charAt(0) == '[' && text.charAt(text.length() - 1) == ']')
            || (text.charAt(0) == '"' && text.charAt(text.length() - 1) == '"'))) {
      return text.substring(1, text.length() - 1);
    }
    return text;
  }

  private static String firstToken(String line) {
    int end = 0;
    while (end < line.length() && line.charAt(end) > ' ' && line.charAt(end) < 127) {
      end++;
    }
    return line.substring(0, end);
  }

  private static EngineException fail(String source, int line, String problem) {
    return new EngineException("GLM file " + source + " line " + line + " " + problem + ".");
  }
}
