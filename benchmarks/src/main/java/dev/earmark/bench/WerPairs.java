package dev.earmark.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Deterministic reference/hypothesis pairs for the P4 benchmark: 15-word references drawn from a
 * 5,000-word pseudo-vocabulary by Zipf's law (so words repeat as "the" and "a" do), and hypotheses
 * with a per-pair error rate between 10% and 20% (60% substitutions, 20% deletions, 20%
 * insertions). The same seed always gives the same pairs, in the JMH benchmark and in {@code
 * benchmarks/scripts/wer-vs-sclite.sh}, which writes them as sclite {@code .trn} files and as the
 * TSV {@code earmark wer} reads:
 *
 * <pre>java -cp ... dev.earmark.bench.WerPairs COUNT SEED OUTPUT_DIR</pre>
 */
public final class WerPairs {
  /** Words per reference, as in the P4 target. */
  public static final int REFERENCE_WORDS = 15;

  private static final int VOCABULARY = 5000;
  private static final double[] ZIPF_CUMULATIVE = zipfCumulative(VOCABULARY);

  private final List<String> references = new ArrayList<>();
  private final List<String> hypotheses = new ArrayList<>();

  private WerPairs() {}

  /** {@code count} pairs generated from {@code seed}. */
  public static WerPairs generate(int count, long seed) {
    Random random = new Random(seed);
    List<String> vocabulary = vocabulary(random);
    WerPairs pairs = new WerPairs();
    for (int index = 0; index < count; index++) {
      List<String> reference = new ArrayList<>(REFERENCE_WORDS);
      for (int word = 0; word < REFERENCE_WORDS; word++) {
        reference.add(draw(random, vocabulary));
      }
      double errorRate = 0.10 + random.nextDouble() * 0.10;
      List<String> hypothesis = new ArrayList<>(REFERENCE_WORDS + 4);
      for (String word : reference) {
        if (random.nextDouble() >= errorRate) {
          hypothesis.add(word);
          continue;
        }
        double kind = random.nextDouble();
        if (kind < 0.6) {
          hypothesis.add(draw(random, vocabulary));
        } else if (kind >= 0.8) {
          hypothesis.add(word);
          hypothesis.add(draw(random, vocabulary));
        } // else: deletion
      }
      pairs.references.add(String.join(" ", reference));
      pairs.hypotheses.add(String.join(" ", hypothesis));
    }
    return pairs;
  }

  public int size() {
    return references.size();
  }

  /** Reference text of pair {@code index}: lower-case words separated by single spaces. */
  public String reference(int index) {
    return references.get(index);
  }

  /** Hypothesis text of pair {@code index}. */
  public String hypothesis(int index) {
    return hypotheses.get(index);
  }

  /** Id of pair {@code index}, valid as an sclite {@code spu_id} utterance id. */
  public static String id(int index) {
    return String.format("bench-%07d", index);
  }

  /** Writes {@code ref.trn}, {@code hyp.trn} and {@code pairs.tsv} into {@code directory}. */
  public void write(Path directory) throws IOException {
    Files.createDirectories(directory);
    try (BufferedWriter ref =
            Files.newBufferedWriter(directory.resolve("ref.trn"), StandardCharsets.UTF_8);
        BufferedWriter hyp =
            Files.newBufferedWriter(directory.resolve("hyp.trn"), StandardCharsets.UTF_8);
        BufferedWriter tsv =
            Files.newBufferedWriter(directory.resolve("pairs.tsv"), StandardCharsets.UTF_8)) {
      for (int index = 0; index < size(); index++) {
        String id = id(index);
        ref.write(reference(index) + " (" + id + ")\n");
        hyp.write(hypothesis(index) + " (" + id + ")\n");
        tsv.write(id + "\t" + reference(index) + "\t" + hypothesis(index) + "\n");
      }
    }
  }

  public static void main(String[] args) throws IOException {
    if (args.length != 3) {
      System.err.println("usage: WerPairs COUNT SEED OUTPUT_DIR");
      System.exit(2);
    }
    generate(Integer.parseInt(args[0]), Long.parseLong(args[1])).write(Path.of(args[2]));
  }

  private static List<String> vocabulary(Random random) {
    List<String> words = new ArrayList<>(VOCABULARY);
    Set<String> seen = new HashSet<>();
    while (words.size() < VOCABULARY) {
      StringBuilder word = new StringBuilder();
      int length = 2 + random.nextInt(8);
      for (int i = 0; i < length; i++) {
        word.append((char) ('a' + random.nextInt(26)));
      }
      if (seen.add(word.toString())) {
        words.add(word.toString());
      }
    }
    return words;
  }

  /**
   * Zipf's law with exponent 1 over the vocabulary: the most frequent word makes up about 11% of
   * the text, the ten most frequent about a third, as in English.
   */
  private static String draw(Random random, List<String> vocabulary) {
    int index = Arrays.binarySearch(ZIPF_CUMULATIVE, random.nextDouble());
    int rank = index >= 0 ? index : -index - 1;
    return vocabulary.get(Math.min(rank, vocabulary.size() - 1));
  }

  private static double[] zipfCumulative(int size) {
    double[] cumulative = new double[size];
    double sum = 0;
    for (int rank = 1; rank <= size; rank++) {
      sum += 1.0 / rank;
      cumulative[rank - 1] = sum;
    }
    for (int rank = 0; rank < size; rank++) {
      cumulative[rank] /= sum;
    }
    return cumulative;
  }
}
