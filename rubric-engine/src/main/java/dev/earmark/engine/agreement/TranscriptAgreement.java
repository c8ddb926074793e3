package dev.earmark.engine.agreement;

import dev.earmark.engine.EngineException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pairwise WER between annotators' transcripts, per item, per annotator pair and overall.
 *
 * <p>WER is directional (which text is the reference matters), annotators are not. A pair's WER is
 * therefore symmetrised: the comparator runs both ways and the pair's WER is (errors(a→b) +
 * errors(b→a)) / (words(a) + words(b)). With unit-cost Levenshtein both directions have the same
 * error count, so this is errors / mean length; with a scorer whose costs make directions differ it
 * is still symmetric. Item, annotator-pair and overall figures pool errors and words over the pairs
 * they cover (corpus style, never a mean of ratios). Two empty transcripts agree: WER 0. Immutable
 * and thread-safe.
 *
 * @param items one entry per item with two or more transcripts, in input order
 * @param annotatorPairs pooled over the items each pair both transcribed
 * @param overall pooled over every pair of every item
 */
public record TranscriptAgreement(
    List<ItemWer> items, List<PairWer> annotatorPairs, SymmetricWer overall) {
  public TranscriptAgreement {
    items = List.copyOf(items);
    annotatorPairs = List.copyOf(annotatorPairs);
  }

  /** One annotator's transcript of one item. */
  public record Transcript(String itemId, String annotatorId, String text) {}

  /**
   * Pooled errors and words of one or more symmetric comparisons.
   *
   * @param errors errors of both directions, summed
   * @param words words of both transcripts, summed
   */
  public record SymmetricWer(long errors, long words) {
    /** errors / words; 0 when there are no words (only empty transcripts, which agree). */
    public double wer() {
      return words == 0 ? 0 : (double) errors / words;
    }

    SymmetricWer plus(SymmetricWer other) {
      return new SymmetricWer(errors + other.errors, words + other.words);
    }
  }

  /** One pair of annotators on one item, or pooled over items. */
  public record PairWer(String first, String second, SymmetricWer wer) {}

  /** Every annotator pair on one item, and the item's pooled WER. */
  public record ItemWer(String itemId, List<PairWer> pairs, SymmetricWer pooled) {
    public ItemWer {
      pairs = List.copyOf(pairs);
    }

    /** The largest pairwise WER of the item (what dispute routing compares to its threshold). */
    public double maxPairWer() {
      return pairs.stream().mapToDouble(p -> p.wer().wer()).max().orElse(0);
    }
  }

  /** The symmetric WER of two transcripts through the comparator. */
  public static SymmetricWer symmetric(TranscriptComparator comparator, String a, String b) {
    TranscriptComparator.WordErrors forward = comparator.compare(a, b);
    TranscriptComparator.WordErrors backward = comparator.compare(b, a);
    return new SymmetricWer(
        (long) forward.errors() + backward.errors(),
        (long) forward.referenceWords() + backward.referenceWords());
  }

  /**
   * Compares every pair of annotators on every item.
   *
   * @throws EngineException when an annotator has two transcripts of one item
   */
  public static TranscriptAgreement of(
      List<Transcript> transcripts, TranscriptComparator comparator) {
    Map<String, List<Transcript>> byItem = new LinkedHashMap<>();
    Set<String> seen = new HashSet<>();
    for (Transcript transcript : transcripts) {
      if (!seen.add(transcript.itemId() + "\u0000" + transcript.annotatorId())) {
        throw new EngineException(
            "annotator '"
                + transcript.annotatorId()
                + "' has two transcripts of item '"
                + transcript.itemId()
                + "': keep one");
      }
      byItem.computeIfAbsent(transcript.itemId(), k -> new ArrayList<>()).add(transcript);
    }
    List<ItemWer> items = new ArrayList<>();
    Map<String, PairWer> pooledPairs = new LinkedHashMap<>();
    SymmetricWer overall = new SymmetricWer(0, 0);
    for (Map.Entry<String, List<Transcript>> entry : byItem.entrySet()) {
      List<Transcript> item = entry.getValue();
      if (item.size() < 2) {
        continue;
      }
      List<PairWer> pairs = new ArrayList<>();
      SymmetricWer pooled = new SymmetricWer(0, 0);
      for (int i = 0; i < item.size(); i++) {
        for (int j = i + 1; j < item.size(); j++) {
          Transcript a = item.get(i);
          Transcript b = item.get(j);
          SymmetricWer wer = symmetric(comparator, a.text(), b.text());
          pairs.add(new PairWer(a.annotatorId(), b.annotatorId(), wer));
          pooled = pooled.plus(wer);
          boolean inOrder = a.annotatorId().compareTo(b.annotatorId()) <= 0;
          String first = inOrder ? a.annotatorId() : b.annotatorId();
          String second = inOrder ? b.annotatorId() : a.annotatorId();
          pooledPairs.merge(
              first + "\u0000" + second,
              new PairWer(first, second, wer),
              (x, y) -> new PairWer(first, second, x.wer().plus(y.wer())));
        }
      }
      items.add(new ItemWer(entry.getKey(), pairs, pooled));
      overall = overall.plus(pooled);
    }
    return new TranscriptAgreement(items, new ArrayList<>(pooledPairs.values()), overall);
  }
}
