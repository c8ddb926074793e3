package dev.earmark.engine.normalize;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiled whole-word lexicon (fillers, contractions, spelling variants, rewrites, alternations,
 * protected phrases): a trie over tokens, longest match first, left to right, never across a
 * protected token. In protect mode a match is marked protected instead of replaced.
 */
final class LexiconStep implements Step {
  private static final class Node {
    Map<String, Node> next;
    String[] replacement;
  }

  private final Map<String, Node> root = new HashMap<>();
  private final boolean protectMode;

  LexiconStep(boolean protectMode) {
    this.protectMode = protectMode;
  }

  /** Adds an entry unless one with the same key exists (the first entry wins). */
  void put(List<String> key, String[] replacement) {
    if (key.isEmpty() || (!protectMode && key.equals(List.of(replacement)))) {
      return;
    }
    Map<String, Node> level = root;
    Node node = null;
    for (String token : key) {
      node = level.computeIfAbsent(token, t -> new Node());
      if (node.next == null) {
        node.next = new HashMap<>(4);
      }
      level = node.next;
    }
    if (node.replacement == null) {
      node.replacement = replacement;
    }
  }

  boolean isEmpty() {
    return root.isEmpty();
  }

  @Override
  public void apply(TokenBuffer in, TokenBuffer out, Tracer tracer) {
    int i = 0;
    while (i < in.size) {
      if (in.protect[i]) {
        out.copy(in, i++);
        continue;
      }
      Node node = root.get(in.text[i]);
      int best = -1;
      String[] replacement = null;
      int j = i;
      while (node != null) {
        j++;
        if (node.replacement != null) {
          best = j;
          replacement = node.replacement;
        }
        if (j >= in.size || in.protect[j] || node.next.isEmpty()) {
          break;
        }
        node = node.next.get(in.text[j]);
      }
      if (best < 0) {
        out.copy(in, i++);
      } else if (protectMode) {
        int outFrom = out.size;
        for (int k = i; k < best; k++) {
          out.add(in.text[k], in.start[k], in.end[k], true);
        }
        if (tracer != null) {
          tracer.changed(in, i, best, out, outFrom);
        }
        i = best;
      } else {
        Step.replace(in, i, best, replacement, out, tracer);
        i = best;
      }
    }
  }
}
