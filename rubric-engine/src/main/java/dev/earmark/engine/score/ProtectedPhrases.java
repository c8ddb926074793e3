package dev.earmark.engine.score;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The protected phrases (entity lexicon) whose reproduction the entity error rate measures, as
 * token sequences in the same normalized form as the tokens being scored.
 *
 * <p>Occurrences: the reference is scanned left to right; at each position the longest phrase that
 * matches the following tokens exactly is one occurrence, and the scan continues after it
 * (occurrences never overlap; "new york city" wins over "new york" where both match). An occurrence
 * is <em>reproduced</em> when every one of its reference tokens is a {@link AlignmentOp.Hit} and
 * the hits are consecutive hypothesis tokens, so an insertion inside the phrase breaks it while
 * words added before or after it do not. Because "inside" is read off the chosen alignment, an
 * inserted copy of a phrase's first or last word is counted as inside when the tie-break puts it
 * there; see {@code docs/decisions/0003-alignment-tie-break.md}.
 *
 * <p>Immutable and thread-safe.
 */
public final class ProtectedPhrases {
  /** No protected phrases: the entity error rate is then always undefined. */
  public static final ProtectedPhrases NONE = new ProtectedPhrases(List.of());

  private final List<List<String>> phrases;

  /** Phrases by first token, longest first. */
  private final Map<String, List<List<String>>> byFirstToken = new HashMap<>();

  private ProtectedPhrases(List<List<String>> phrases) {
    this.phrases = phrases;
    for (List<String> phrase : phrases) {
      byFirstToken.computeIfAbsent(phrase.get(0), first -> new ArrayList<>()).add(phrase);
    }
    byFirstToken
        .values()
        .forEach(list -> list.sort(Comparator.comparingInt(List<String>::size).reversed()));
  }

  /**
   * The given phrases; each must be a non-empty list of non-empty tokens. Duplicates are kept once.
   */
  public static ProtectedPhrases of(List<List<String>> phrases) {
    List<List<String>> copies = new ArrayList<>();
    for (List<String> phrase : phrases) {
      if (phrase.isEmpty() || phrase.stream().anyMatch(token -> token.isEmpty())) {
        throw new IllegalArgumentException(
            "a protected phrase needs at least one token and no empty tokens: " + phrase);
      }
      List<String> copy = List.copyOf(phrase);
      if (!copies.contains(copy)) {
        copies.add(copy);
      }
    }
    return new ProtectedPhrases(List.copyOf(copies));
  }

  /** The phrases, in the order given. */
  public List<List<String>> phrases() {
    return phrases;
  }

  public boolean isEmpty() {
    return phrases.isEmpty();
  }

  /** Occurrences of protected phrases in the alignment's reference, and how many were missed. */
  public EntityCounts score(Alignment alignment) {
    if (phrases.isEmpty()) {
      return EntityCounts.ZERO;
    }
    List<String> reference = alignment.reference();
    int[] hitAt = new int[reference.size()];
    Arrays.fill(hitAt, -1);
    for (AlignmentOp op : alignment.ops()) {
      if (op instanceof AlignmentOp.Hit hit) {
        hitAt[hit.referenceIndex()] = hit.hypothesisIndex();
      }
    }
    long occurrences = 0;
    long errors = 0;
    int start = 0;
    while (start < reference.size()) {
      List<String> phrase = longestPhraseAt(reference, start);
      if (phrase == null) {
        start++;
        continue;
      }
      occurrences++;
      if (!reproduced(hitAt, start, phrase.size())) {
        errors++;
      }
      start += phrase.size();
    }
    return new EntityCounts(occurrences, errors);
  }

  private List<String> longestPhraseAt(List<String> reference, int start) {
    List<List<String>> candidates = byFirstToken.get(reference.get(start));
    if (candidates == null) {
      return null;
    }
    for (List<String> phrase : candidates) {
      int end = start + phrase.size();
      if (end <= reference.size() && reference.subList(start, end).equals(phrase)) {
        return phrase;
      }
    }
    return null;
  }

  private static boolean reproduced(int[] hitAt, int start, int length) {
    int first = hitAt[start];
    if (first < 0) {
      return false;
    }
    for (int offset = 1; offset < length; offset++) {
      if (hitAt[start + offset] != first + offset) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return "ProtectedPhrases" + phrases;
  }
}
