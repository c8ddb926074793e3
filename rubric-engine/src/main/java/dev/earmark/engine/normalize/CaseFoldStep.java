package dev.earmark.engine.normalize;

import java.util.Locale;

/** Compiled {@link Rule.CaseFold}: locale-independent lower case. */
final class CaseFoldStep implements Step {
  @Override
  public void apply(TokenBuffer in, TokenBuffer out, Tracer tracer) {
    for (int i = 0; i < in.size; i++) {
      String text = in.text[i];
      String folded = in.protect[i] ? text : text.toLowerCase(Locale.ROOT);
      if (folded.equals(text)) {
        out.copy(in, i);
      } else {
        Step.replace(in, i, i + 1, new String[] {folded}, out, tracer);
      }
    }
  }
}
