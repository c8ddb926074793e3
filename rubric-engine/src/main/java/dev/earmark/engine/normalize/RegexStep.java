package dev.earmark.engine.normalize;

import dev.earmark.engine.EngineException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compiled {@link Rule.RegexRewrite}: the pattern runs over the tokens joined by single spaces;
 * each run of tokens a match touches is replaced by the rewritten text split on whitespace. Empty
 * matches and matches touching a protected token are skipped.
 */
final class RegexStep implements Step {
  /**
   * Character reads the matcher may make per character of text, on top of {@link #BASE_BUDGET}. A
   * sane pattern reads each character a few times; a catastrophically backtracking one ({@code
   * (.*a){3}z} on an 800-word reference ran for minutes) reads them millions of times, so it is
   * refused instead of hanging a WER run or an annotator's pack import.
   */
  static final long READS_PER_CHAR = 1_000;

  /** Character reads every application may make, however short the text. */
  static final long BASE_BUDGET = 1_000_000;

  private final Pattern pattern;
  private final String replacement;
  private final String rule;

  /**
   * @param rule names the rule in errors, e.g. "Rule 3 (regex) of en-asr@2"
   */
  RegexStep(Pattern pattern, String replacement, String rule) {
    this.pattern = pattern;
    this.replacement = replacement;
    this.rule = rule;
  }

  @Override
  public void apply(TokenBuffer in, TokenBuffer out, Tracer tracer) {
    if (in.size == 0) {
      return;
    }
    int[] tokenStart = new int[in.size];
    int[] tokenEnd = new int[in.size];
    StringBuilder joinedText = new StringBuilder();
    for (int i = 0; i < in.size; i++) {
      if (i > 0) {
        joinedText.append(' ');
      }
      tokenStart[i] = joinedText.length();
      joinedText.append(in.text[i]);
      tokenEnd[i] = joinedText.length();
    }
    String joined = joinedText.toString();
    Matcher matcher = pattern.matcher(new BudgetedText(joined));
    StringBuilder scratch = new StringBuilder();
    int appendPosition = 0;
    int nextToCopy = 0;
    int groupFirst = -1;
    int groupLast = -1;
    int groupPosition = 0;
    StringBuilder group = new StringBuilder();
    while (matcher.find()) {
      if (matcher.end() == matcher.start()) {
        continue;
      }
      int first = firstToken(tokenStart, matcher.start());
      int last = lastToken(tokenEnd, matcher.end());
      if (anyProtected(in, first, last) || first < nextToCopy) {
        continue;
      }
      scratch.setLength(0);
      matcher.appendReplacement(scratch, replacement);
      String expanded = scratch.substring(matcher.start() - appendPosition);
      appendPosition = matcher.end();
      if (groupFirst >= 0 && first <= groupLast) {
        group.append(joined, groupPosition, matcher.start()).append(expanded);
        groupLast = Math.max(groupLast, last);
      } else {
        if (groupFirst >= 0) {
          nextToCopy =
              flush(
                  in,
                  out,
                  tracer,
                  joined,
                  tokenEnd,
                  nextToCopy,
                  groupFirst,
                  groupLast,
                  groupPosition,
                  group);
        }
        groupFirst = first;
        groupLast = last;
        group.setLength(0);
        group.append(joined, tokenStart[first], matcher.start()).append(expanded);
      }
      groupPosition = matcher.end();
    }
    if (groupFirst >= 0) {
      nextToCopy =
          flush(
              in,
              out,
              tracer,
              joined,
              tokenEnd,
              nextToCopy,
              groupFirst,
              groupLast,
              groupPosition,
              group);
    }
    for (int i = nextToCopy; i < in.size; i++) {
      out.copy(in, i);
    }
  }

  private static int flush(
      TokenBuffer in,
      TokenBuffer out,
      Tracer tracer,
      String joined,
      int[] tokenEnd,
      int nextToCopy,
      int first,
      int last,
      int position,
      StringBuilder group) {
    for (int i = nextToCopy; i < first; i++) {
      out.copy(in, i);
    }
    if (position < tokenEnd[last]) {
      group.append(joined, position, tokenEnd[last]);
    }
    String rewritten = group.toString().strip();
    String[] tokens = rewritten.isEmpty() ? new String[0] : rewritten.split("\\s+");
    if (!in.joined(first, last + 1).equals(String.join(" ", tokens))) {
      Step.replace(in, first, last + 1, tokens, out, tracer);
    } else {
      for (int i = first; i <= last; i++) {
        out.copy(in, i);
      }
    }
    return last + 1;
  }

  private static boolean anyProtected(TokenBuffer in, int first, int last) {
    for (int i = first; i <= last; i++) {
      if (in.protect[i]) {
        return true;
      }
    }
    return false;
  }

  /** The last token starting at or before {@code position}. */
  private static int firstToken(int[] tokenStart, int position) {
    int index = 0;
    while (index + 1 < tokenStart.length && tokenStart[index + 1] <= position) {
      index++;
    }
    return index;
  }

  /** The first token ending at or after {@code position}. */
  private static int lastToken(int[] tokenEnd, int position) {
    int index = 0;
    while (index < tokenEnd.length - 1 && tokenEnd[index] < position) {
      index++;
    }
    return index;
  }

  /**
   * The text the matcher reads, counting its character reads: past the budget the match is
   * abandoned with an {@link EngineException} naming the rule.
   */
  private final class BudgetedText implements CharSequence {
    private final String text;
    private final long budget;
    private long reads;

    BudgetedText(String text) {
      this.text = text;
      this.budget = BASE_BUDGET + READS_PER_CHAR * text.length();
    }

    @Override
    public char charAt(int index) {
      if (++reads > budget) {
        throw new EngineException(
            rule
                + " gave up: its pattern '"
                + pattern.pattern()
                + "' needs over "
                + budget
                + " character reads on a "
                + text.length()
                + "-character text (catastrophic backtracking); rewrite it without nested"
                + " or repeated wildcards such as (.*a){3}.");
      }
      return text.charAt(index);
    }

    @Override
    public int length() {
      return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return text.subSequence(start, end);
    }

    @Override
    public String toString() {
      return text;
    }
  }
}
