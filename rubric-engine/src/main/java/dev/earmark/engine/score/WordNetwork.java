package dev.earmark.engine.score;

import java.util.ArrayList;
import java.util.List;

/**
 * A token list read as sclite reads a transcript: a chain of word arcs, where alternation markup
 * ({@code {are not / have not}}, as an sclite GLM writes it, braces attached to or apart from the
 * words) becomes parallel paths between two nodes. An empty alternative or {@code @} is the empty
 * word {@code @}. Arc 0 is the null head arc sclite puts before every network; the other arcs come
 * in an order where every arc follows the arcs that can precede it. Immutable after construction.
 */
final class WordNetwork {
  /** The empty word of sclite alternations. */
  static final String EMPTY = "@";

  final List<String> words = new ArrayList<>();

  /** The index of the token each arc came from; -1 for the head arc and filled-in {@code @}. */
  final List<Integer> tokens = new ArrayList<>();

  private final List<Integer> fromNode = new ArrayList<>();
  private final List<Integer> toNode = new ArrayList<>();
  private int nodes = 1;
  private int stopNode;
  int[][] predecessors;
  int[] finalArcs;

  private WordNetwork() {
    addArc(null, -1, -1, 0); // the head arc, into the start node 0
  }

  /** True when some token opens an alternation: only then is a network needed. */
  static boolean hasAlternations(List<String> tokens) {
    for (int i = 0, n = tokens.size(); i < n; i++) {
      String token = tokens.get(i);
      if (!token.isEmpty() && token.charAt(0) == '{') {
        return true;
      }
    }
    return false;
  }

  static WordNetwork of(List<String> tokens) {
    WordNetwork network = new WordNetwork();
    int node = 0;
    int i = 0;
    while (i < tokens.size()) {
      String token = tokens.get(i);
      if (token.length() > 0 && token.charAt(0) == '{') {
        List<List<Integer>> alternatives = new ArrayList<>();
        List<List<String>> alternativeWords = new ArrayList<>();
        alternatives.add(new ArrayList<>());
        alternativeWords.add(new ArrayList<>());
        boolean first = true;
        while (i < tokens.size()) {
          String piece = tokens.get(i);
          if (first) {
            piece = piece.substring(1);
            first = false;
          }
          boolean closes = piece.endsWith("}");
          if (closes) {
            piece = piece.substring(0, piece.length() - 1);
          }
          if (piece.equals("/")) {
            alternatives.add(new ArrayList<>());
            alternativeWords.add(new ArrayList<>());
          } else if (!piece.isEmpty()) {
            alternatives.get(alternatives.size() - 1).add(i);
            alternativeWords.get(alternativeWords.size() - 1).add(piece);
          }
          i++;
          if (closes) {
            break;
          }
        }
        node = network.addAlternation(node, alternatives, alternativeWords);
      } else {
        int next = network.nodes++;
        network.addArc(token, i, node, next);
        node = next;
        i++;
      }
    }
    network.stopNode = node;
    network.link();
    return network;
  }

  int arcCount() {
    return words.size();
  }

  private int addAlternation(
      int start, List<List<Integer>> alternatives, List<List<String>> alternativeWords) {
    int end = nodes++;
    for (int a = 0; a < alternatives.size(); a++) {
      List<String> chain = alternativeWords.get(a);
      if (chain.isEmpty()) {
        addArc(EMPTY, -1, start, end);
        continue;
      }
      int node = start;
      for (int w = 0; w < chain.size(); w++) {
        int next = w == chain.size() - 1 ? end : nodes++;
        addArc(chain.get(w), alternatives.get(a).get(w), node, next);
        node = next;
      }
    }
    return end;
  }

  private void addArc(String word, int token, int from, int to) {
    words.add(word);
    tokens.add(token);
    fromNode.add(from);
    toNode.add(to);
  }

  private void link() {
    int arcs = words.size();
    List<List<Integer>> arriving = new ArrayList<>();
    for (int n = 0; n < nodes; n++) {
      arriving.add(new ArrayList<>());
    }
    for (int a = 1; a < arcs; a++) {
      arriving.get(toNode.get(a)).add(a);
    }
    arriving.get(0).add(0, 0); // the head arc ends at the start node
    predecessors = new int[arcs][];
    predecessors[0] = new int[0];
    for (int a = 1; a < arcs; a++) {
      predecessors[a] =
          arriving.get(fromNode.get(a)).stream().mapToInt(Integer::intValue).toArray();
    }
    finalArcs = arriving.get(stopNode).stream().mapToInt(Integer::intValue).toArray();
  }
}
