package dev.earmark.engine.normalize;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compiled {@link Rule.RegexRewrite}: the pattern runs over the tokens joined by single spaces;
 * each run of tokens a match touches is replaced by the rewritten text split on whitespace. Empty
 * matches and matches touching a protected token are skipped.
 */
final class RegexStep implements Step {
  private final Pattern pattern;
  private final String replacement;

  RegexStep(Pattern pattern, String replacement) {
    this.pattern = pattern;
    this.replacement = replacement;
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
    Matcher matcher = pattern.matcher(joined);
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
}
