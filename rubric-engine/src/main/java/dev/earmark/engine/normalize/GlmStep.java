package dev.earmark.engine.normalize;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compiled {@link Rule.Glm}: a port of {@code apply_rules2} of NIST's {@code rfilter1}, wrapped in
 * the text preparation {@code csrfilt.sh} does around it (parentheses spaced before, optionally
 * deletable groups split and parentheses rejoined after). Each run of unprotected tokens is one
 * line. The run is cut into segments at token starts the cursor lands on outside parentheses, so
 * the trace and the raw spans stay as fine as the rules allow.
 */
final class GlmStep implements Step {
  private static final Pattern OPT_DEL_GROUP = Pattern.compile("(\\(\\s+[^()\\s]+\\s+)([^()\\s]+)");
  private static final Pattern OPEN_SPACES = Pattern.compile("\\(\\s+");
  private static final Pattern SPACES_CLOSE = Pattern.compile("\\s+\\)");
  private static final int[] NO_RULES = new int[0];

  private final boolean caseSensitive;
  private final boolean copyNoHit;
  private final String[] from;
  private final String[] to;
  private final String[] left;
  private final String[] right;
  private final Map<Character, int[]> rulesByKey = new HashMap<>();

  GlmStep(Rule.Glm glm) {
    this.caseSensitive = glm.caseSensitive();
    this.copyNoHit = glm.copyNoHit();
    int count = glm.rules().size();
    from = new String[count];
    to = new String[count];
    left = new String[count];
    right = new String[count];
    Map<Character, List<Integer>> byKey = new HashMap<>();
    for (int index = 0; index < count; index++) {
      Rule.Glm.Entry entry = glm.rules().get(index);
      from[index] = entry.from();
      to[index] = entry.to();
      left[index] = entry.left();
      right[index] = entry.right();
      byKey.computeIfAbsent(key(entry.from().charAt(0)), k -> new ArrayList<>()).add(index);
    }
    byKey.forEach(
        (key, indices) ->
            rulesByKey.put(key, indices.stream().mapToInt(Integer::intValue).toArray()));
  }

  @Override
  public void apply(TokenBuffer in, TokenBuffer out, Tracer tracer) {
    int i = 0;
    while (i < in.size) {
      if (in.protect[i]) {
        out.copy(in, i++);
        continue;
      }
      int j = i;
      while (j < in.size && !in.protect[j]) {
        j++;
      }
      applyToRun(in, i, j, out, tracer);
      i = j;
    }
  }

  /** Rewrites tokens {@code [first, end)} of {@code in}, as csrfilt rewrites one line. */
  private void applyToRun(TokenBuffer in, int first, int end, TokenBuffer out, Tracer tracer) {
    StringBuilder line = new StringBuilder("  ");
    int[] tokenStart = new int[end - first + 1];
    for (int k = first; k < end; k++) {
      if (k > first) {
        line.append(' ');
      }
      tokenStart[k - first] = line.length();
      String token = in.text[k];
      for (int c = 0; c < token.length(); c++) {
        char ch = token.charAt(c);
        if (ch == '(') {
          line.append("( ");
        } else if (ch == ')') {
          line.append(" )");
        } else {
          line.append(ch);
        }
      }
    }
    line.append("  ");
    tokenStart[end - first] = Integer.MAX_VALUE;
    String text = line.toString();
    StringBuilder rewritten = new StringBuilder(text.length() + 16);
    int segmentFirst = first;
    int segmentOut = 0;
    int next = first + 1;
    int openParentheses = 0;
    int position = 0;
    while (position < text.length()) {
      while (next < end && tokenStart[next - first] < position) {
        next++;
      }
      if (next < end && tokenStart[next - first] == position && openParentheses <= 0) {
        emit(in, segmentFirst, next, rewritten.substring(segmentOut), out, tracer);
        segmentFirst = next;
        segmentOut = rewritten.length();
        next++;
      }
      int consumed = applyAt(text, position, rewritten);
      for (int c = position; c < position + consumed; c++) {
        char ch = text.charAt(c);
        if (ch == '(') {
          openParentheses++;
        } else if (ch == ')') {
          openParentheses--;
        }
      }
      position += consumed;
    }
    emit(in, segmentFirst, end, rewritten.substring(segmentOut), out, tracer);
  }

  /**
   * Applies the first matching rule at {@code position} (or copies one character) and returns how
   * many input characters were consumed.
   */
  private int applyAt(String text, int position, StringBuilder rewritten) {
    int[] candidates = rulesByKey.getOrDefault(key(text.charAt(position)), NO_RULES);
    for (int rule : candidates) {
      String source = from[rule];
      if (matches(text, position, source)
          && matches(text, position - left[rule].length(), left[rule])
          && matches(text, position + source.length(), right[rule])) {
        rewritten.append(to[rule]);
        return source.length();
      }
    }
    if (copyNoHit) {
      rewritten.append(text.charAt(position));
    }
    return 1;
  }

  private boolean matches(String text, int at, String expected) {
    if (expected.isEmpty()) {
      return true;
    }
    if (at < 0 || at + expected.length() > text.length()) {
      return false;
    }
    return text.regionMatches(!caseSensitive, at, expected, 0, expected.length());
  }

  /**
   * The index key of a rule's or the text's first character. Case-insensitive matching folds every
   * letter, where rfilter1 folds ASCII only: the rule set folds case before this rule, so the text
   * holds {@code ö} where csrfilt's would hold the {@code Ö} a rule like {@code schrÖder} expects.
   */
  private char key(char first) {
    return caseSensitive ? first : Character.toLowerCase(Character.toUpperCase(first));
  }

  /** Appends the tokens of one rewritten segment, or copies the segment when nothing changed. */
  private static void emit(
      TokenBuffer in, int first, int end, String rewritten, TokenBuffer out, Tracer tracer) {
    if (first >= end) {
      return;
    }
    String tidy = rewritten;
    if (tidy.indexOf('(') >= 0) {
      Matcher matcher = OPT_DEL_GROUP.matcher(tidy);
      while (matcher.find()) {
        tidy =
            tidy.substring(0, matcher.start())
                + matcher.group(1)
                + ") ( "
                + matcher.group(2)
                + tidy.substring(matcher.end());
        matcher = OPT_DEL_GROUP.matcher(tidy);
      }
    }
    if (tidy.indexOf('(') >= 0 || tidy.indexOf(')') >= 0) {
      tidy = SPACES_CLOSE.matcher(OPEN_SPACES.matcher(tidy).replaceAll("(")).replaceAll(")");
    }
    String stripped = tidy.strip();
    String[] tokens = stripped.isEmpty() ? new String[0] : stripped.split("\\s+");
    boolean same = tokens.length == end - first;
    for (int k = 0; same && k < tokens.length; k++) {
      same = tokens[k].equals(in.text[first + k]);
    }
    if (same) {
      for (int k = first; k < end; k++) {
        out.copy(in, k);
      }
    } else {
      Step.replace(in, first, end, tokens, out, tracer);
    }
  }
}
