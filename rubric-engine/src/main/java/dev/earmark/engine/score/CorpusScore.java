package dev.earmark.engine.score;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The scores of a corpus: every utterance in input order, totals per slice (sorted by slice key)
 * and totals for the corpus. Immutable and thread-safe.
 */
public record CorpusScore(
    List<UtteranceScore> utterances, SortedMap<String, ScoreTotals> slices, ScoreTotals corpus) {
  public CorpusScore {
    utterances = List.copyOf(utterances);
    slices = Collections.unmodifiableSortedMap(new TreeMap<>(slices));
  }

  /** Sums the utterance scores per slice and for the corpus. */
  public static CorpusScore of(List<UtteranceScore> utterances) {
    SortedMap<String, ScoreTotals> slices = new TreeMap<>();
    ScoreTotals corpus = ScoreTotals.EMPTY;
    for (UtteranceScore score : utterances) {
      slices.merge(score.slice(), ScoreTotals.EMPTY.plus(score), ScoreTotals::plus);
      corpus = corpus.plus(score);
    }
    return new CorpusScore(utterances, slices, corpus);
  }
}
