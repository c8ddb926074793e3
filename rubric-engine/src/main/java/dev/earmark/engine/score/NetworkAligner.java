package dev.earmark.engine.score;

import dev.earmark.engine.EngineException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Aligns two {@link WordNetwork}s as sclite's {@code Network_dpalign} does ({@code
 * src/sclite/net_dp.c}): one cell per pair of arcs, each cell taking the cheapest of a substitution
 * (or hit) from any pair of preceding arcs, a deletion from any preceding reference arc and an
 * insertion from any preceding hypothesis arc, the first cheapest predecessor in arc order winning.
 * The trace back starts from the cheapest pair of final arcs. The costs and the choice between
 * equal costs come from the {@link AlignmentMode}:
 *
 * <ul>
 *   <li>{@link AlignmentMode#SCLITE}: sclite's {@code wwd_WORD}, scaled by 1000 to stay in integers
 *       (hit 0, substitution 4000, deletion or insertion 3000, of {@code @} 1, {@code @} for
 *       {@code @} 1000); a substitution when it is no dearer than both gaps, else a deletion when
 *       strictly cheaper than an insertion, else an insertion.
 *   <li>{@link AlignmentMode#MINIMUM_EDIT}: the packed cost of {@link Aligner} (errors, then
 *       substitutions; {@code @} is free) with its preference (diagonal, deletion, insertion), so a
 *       chain without alternations gets exactly {@link Aligner}'s alignment.
 * </ul>
 *
 * <p>Counting follows sclite: steps that skip an {@code @} are not counted. The alignment's
 * operations name the tokens of the chosen paths; markup tokens and the alternatives not chosen
 * appear in none. Immutable and thread-safe: it holds no state between calls.
 */
final class NetworkAligner {
  private static final long ERROR = 1L << 32;
  private static final byte SUBSTITUTE = 0;
  private static final byte DELETE = 1;
  private static final byte INSERT = 2;
  private static final long MAX_CELLS = 50_000_000L;

  private final AlignmentMode mode;

  NetworkAligner(AlignmentMode mode) {
    this.mode = mode;
  }

  Alignment align(List<String> reference, List<String> hypothesis) {
    WordNetwork ref = WordNetwork.of(reference);
    WordNetwork hyp = WordNetwork.of(hypothesis);
    int na = ref.arcCount();
    int nb = hyp.arcCount();
    if ((long) na * nb > MAX_CELLS) {
      throw new EngineException(
          "an utterance pair of "
              + reference.size()
              + " reference and "
              + hypothesis.size()
              + " hypothesis words is too long to align word by word; split it into shorter"
              + " segments");
    }
    long[][] cost = new long[na][nb];
    int[][] backA = new int[na][nb];
    int[][] backB = new int[na][nb];
    byte[][] move = new byte[na][nb];
    backA[0][0] = -1;
    backB[0][0] = -1;
    for (int b = 1; b < nb; b++) {
      int best = firstMinimum(cost[0], hyp.predecessors[b]);
      cost[0][b] = cost[0][best] + insertion(hyp.words.get(b));
      backA[0][b] = 0;
      backB[0][b] = best;
      move[0][b] = INSERT;
    }
    for (int a = 1; a < na; a++) {
      int best = firstMinimumInColumn(cost, ref.predecessors[a], 0);
      cost[a][0] = cost[best][0] + deletion(ref.words.get(a));
      backA[a][0] = best;
      backB[a][0] = 0;
      move[a][0] = DELETE;
    }
    for (int a = 1; a < na; a++) {
      String refWord = ref.words.get(a);
      int[] refBefore = ref.predecessors[a];
      for (int b = 1; b < nb; b++) {
        String hypWord = hyp.words.get(b);
        int[] hypBefore = hyp.predecessors[b];
        int insFrom = firstMinimum(cost[a], hypBefore);
        long ins = cost[a][insFrom] + insertion(hypWord);
        int delFrom = firstMinimumInColumn(cost, refBefore, b);
        long del = cost[delFrom][b] + deletion(refWord);
        int subFromA = refBefore[0];
        int subFromB = hypBefore[0];
        long sub = Long.MAX_VALUE;
        for (int pa : refBefore) {
          for (int pb : hypBefore) {
            if (cost[pa][pb] < sub) {
              sub = cost[pa][pb];
              subFromA = pa;
              subFromB = pb;
            }
          }
        }
        sub += substitution(refWord, hypWord);
        if (sub <= del && sub <= ins) {
          cost[a][b] = sub;
          backA[a][b] = subFromA;
          backB[a][b] = subFromB;
          move[a][b] = SUBSTITUTE;
        } else if (mode == AlignmentMode.SCLITE ? del < ins : del <= ins) {
          cost[a][b] = del;
          backA[a][b] = delFrom;
          backB[a][b] = b;
          move[a][b] = DELETE;
        } else {
          cost[a][b] = ins;
          backA[a][b] = a;
          backB[a][b] = insFrom;
          move[a][b] = INSERT;
        }
      }
    }
    int endA = ref.finalArcs[0];
    int endB = hyp.finalArcs[0];
    long cheapest = Long.MAX_VALUE;
    for (int a : ref.finalArcs) {
      for (int b : hyp.finalArcs) {
        if (cost[a][b] < cheapest) {
          cheapest = cost[a][b];
          endA = a;
          endB = b;
        }
      }
    }
    return traceBack(reference, hypothesis, ref, hyp, endA, endB, backA, backB, move);
  }

  private static Alignment traceBack(
      List<String> reference,
      List<String> hypothesis,
      WordNetwork ref,
      WordNetwork hyp,
      int endA,
      int endB,
      int[][] backA,
      int[][] backB,
      byte[][] move) {
    List<int[]> steps = new ArrayList<>();
    int a = endA;
    int b = endB;
    while (a > 0 || b > 0) {
      steps.add(new int[] {move[a][b], a, b});
      int previousA = backA[a][b];
      b = backB[a][b];
      a = previousA;
    }
    Collections.reverse(steps);
    List<AlignmentOp> ops = new ArrayList<>(steps.size());
    long hits = 0;
    long substitutions = 0;
    long deletions = 0;
    long insertions = 0;
    int refPosition = 0;
    int hypPosition = 0;
    for (int[] step : steps) {
      String refWord = ref.words.get(step[1]);
      String hypWord = hyp.words.get(step[2]);
      int refToken = ref.tokens.get(step[1]);
      int hypToken = hyp.tokens.get(step[2]);
      if (step[0] == SUBSTITUTE) {
        boolean refEmpty = WordNetwork.EMPTY.equals(refWord);
        boolean hypEmpty = WordNetwork.EMPTY.equals(hypWord);
        if (refEmpty && hypEmpty) {
          continue;
        }
        refToken = refToken < 0 ? refPosition : refToken;
        hypToken = hypToken < 0 ? hypPosition : hypToken;
        if (refWord.equals(hypWord)) {
          ops.add(new AlignmentOp.Hit(refToken, hypToken, refWord));
          hits++;
        } else {
          ops.add(new AlignmentOp.Substitution(refToken, hypToken, refWord, hypWord));
          substitutions++;
        }
        refPosition = refToken + 1;
        hypPosition = hypToken + 1;
      } else if (step[0] == DELETE) {
        if (WordNetwork.EMPTY.equals(refWord)) {
          continue;
        }
        ops.add(new AlignmentOp.Deletion(refToken, -1, refWord));
        deletions++;
        refPosition = refToken + 1;
      } else {
        if (WordNetwork.EMPTY.equals(hypWord)) {
          continue;
        }
        ops.add(new AlignmentOp.Insertion(-1, hypToken, hypWord));
        insertions++;
        hypPosition = hypToken + 1;
      }
    }
    placeGaps(ops, reference.size(), hypothesis.size());
    return new Alignment(
        reference, hypothesis, ops, new ErrorCounts(hits, substitutions, deletions, insertions));
  }

  /**
   * Gives each deletion the hypothesis position and each insertion the reference position of the
   * next step that consumes that side (the list's length at the end), as {@link Aligner} does.
   */
  private static void placeGaps(List<AlignmentOp> ops, int referenceLength, int hypothesisLength) {
    int nextRef = referenceLength;
    int nextHyp = hypothesisLength;
    for (int k = ops.size() - 1; k >= 0; k--) {
      AlignmentOp op = ops.get(k);
      if (op instanceof AlignmentOp.Deletion deletion) {
        ops.set(
            k, new AlignmentOp.Deletion(deletion.referenceIndex(), nextHyp, deletion.reference()));
        nextRef = deletion.referenceIndex();
      } else if (op instanceof AlignmentOp.Insertion insertion) {
        ops.set(
            k,
            new AlignmentOp.Insertion(
                nextRef, insertion.hypothesisIndex(), insertion.hypothesis()));
        nextHyp = insertion.hypothesisIndex();
      } else if (op instanceof AlignmentOp.Hit hit) {
        nextRef = hit.referenceIndex();
        nextHyp = hit.hypothesisIndex();
      } else if (op instanceof AlignmentOp.Substitution substitution) {
        nextRef = substitution.referenceIndex();
        nextHyp = substitution.hypothesisIndex();
      }
    }
  }

  private static int firstMinimum(long[] row, int[] candidates) {
    int best = candidates[0];
    for (int candidate : candidates) {
      if (row[candidate] < row[best]) {
        best = candidate;
      }
    }
    return best;
  }

  private static int firstMinimumInColumn(long[][] cost, int[] candidates, int column) {
    int best = candidates[0];
    for (int candidate : candidates) {
      if (cost[candidate][column] < cost[best][column]) {
        best = candidate;
      }
    }
    return best;
  }

  private long insertion(String word) {
    return gap(word);
  }

  private long deletion(String word) {
    return gap(word);
  }

  private long gap(String word) {
    boolean empty = WordNetwork.EMPTY.equals(word);
    if (mode == AlignmentMode.SCLITE) {
      return empty ? 1 : 3000;
    }
    return empty ? 0 : ERROR;
  }

  private long substitution(String reference, String hypothesis) {
    boolean bothEmpty = WordNetwork.EMPTY.equals(reference) && WordNetwork.EMPTY.equals(hypothesis);
    if (mode == AlignmentMode.SCLITE) {
      if (bothEmpty) {
        return 1000;
      }
      return reference.equals(hypothesis) ? 0 : 4000;
    }
    return bothEmpty || reference.equals(hypothesis) ? 0 : ERROR + 1;
  }
}
