package dev.earmark.engine.normalize;

/**
 * A compiled rule: reads every token of {@code in} and appends the result to {@code out}. Tokens
 * marked protected are copied unchanged. {@code tracer} is null on the fast path; a step records a
 * change only when it is not. Implementations are immutable and thread-safe.
 */
interface Step {
  void apply(TokenBuffer in, TokenBuffer out, Tracer tracer);

  /**
   * Appends {@code replacement} for tokens {@code [from, to)} of {@code in}: one-to-one spans when
   * the counts agree, otherwise every new token spans all the replaced ones.
   */
  static void replace(
      TokenBuffer in, int from, int to, String[] replacement, TokenBuffer out, Tracer tracer) {
    int outFrom = out.size;
    if (replacement.length == to - from) {
      for (int k = 0; k < replacement.length; k++) {
        out.add(replacement[k], in.start[from + k], in.end[from + k], false);
      }
    } else {
      int start = in.start[from];
      int end = in.end[to - 1];
      for (String token : replacement) {
        out.add(token, start, end, false);
      }
    }
    if (tracer != null) {
      tracer.changed(in, from, to, out, outFrom);
    }
  }
}
