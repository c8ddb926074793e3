package dev.earmark.engine.normalize;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The full result of normalizing one raw text: the tokens with their raw spans and protection
 * flags, and the trace of every change in rule order. Immutable.
 */
public record NormalizedText(String raw, List<NormalizedToken> tokens, List<TraceStep> trace) {
  public NormalizedText {
    tokens = List.copyOf(tokens);
    trace = List.copyOf(trace);
  }

  /** The normalized words, equal to {@link Normalizer#tokens(String)} of the same raw text. */
  public List<String> words() {
    List<String> words = new ArrayList<>(tokens.size());
    for (NormalizedToken token : tokens) {
      words.add(token.text());
    }
    return Collections.unmodifiableList(words);
  }

  /** Whether token {@code index} belongs to a protected phrase. */
  public boolean isProtected(int index) {
    return tokens.get(index).isProtected();
  }
}
