package dev.earmark.engine.score;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earmark.engine.score.AlignmentOp.Deletion;
import dev.earmark.engine.score.AlignmentOp.Hit;
import dev.earmark.engine.score.AlignmentOp.Insertion;
import dev.earmark.engine.score.AlignmentOp.Substitution;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AlignerTest {
  private final Aligner aligner = new Aligner();

  static List<String> words(String text) {
    return Tokenizer.WHITESPACE.tokens(text);
  }

  @ParameterizedTest(name = "[{0}] vs [{1}]")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # reference                  | hypothesis                    | H | S | D | I
          the cat sat on the mat        | the cat sat on the mat        | 6 | 0 | 0 | 0
          the cat sat on the mat        | the cat sit on mat            | 4 | 1 | 1 | 0
          the cat sat on the mat        | a cat sat on the the mat      | 5 | 1 | 0 | 1
          hello world                   | hello duck                    | 1 | 1 | 0 | 0
          i like monthy python          | i like python                 | 3 | 0 | 1 | 0
          a b                           | c                             | 0 | 1 | 1 | 0
          a b                           | b c                           | 1 | 0 | 1 | 1
          a b c d                       | d c b a                       | 1 | 2 | 1 | 1
          a                             | ''                            | 0 | 0 | 1 | 0
          ''                            | a b                           | 0 | 0 | 0 | 2
          ''                            | ''                            | 0 | 0 | 0 | 0
          a a a a b b b                 | b b b a b a a a               | 2 | 5 | 0 | 1
          """)
  void countsAreAMinimalAlignmentWithTheFewestSubstitutions(
      String reference, String hypothesis, int hits, int subs, int dels, int ins) {
    ErrorCounts expected = new ErrorCounts(hits, subs, dels, ins);
    assertThat(aligner.count(words(reference), words(hypothesis))).isEqualTo(expected);
    assertThat(aligner.align(words(reference), words(hypothesis)).counts()).isEqualTo(expected);
  }

  @Test
  void classicKittenSittingHasCharacterDistanceThree() {
    // Levenshtein's textbook example: k→s, e→i, insert g.
    ErrorCounts counts = aligner.countCodePoints("kitten", "sitting");
    assertThat(counts).isEqualTo(new ErrorCounts(4, 2, 0, 1));
    assertThat(aligner.countCodePoints("flaw", "lawn").errors()).isEqualTo(2);
  }

  @Test
  void characterCountsOfTokensEqualThoseOfTheJoinedText() {
    Random random = new Random(3);
    for (int round = 0; round < 200; round++) {
      List<String> reference = randomWords(random, random.nextInt(30), 50);
      List<String> hypothesis = randomWords(random, random.nextInt(30), 50);
      if (round % 10 == 0) {
        hypothesis.add("😀é");
      }
      assertThat(aligner.countCharacters(reference, hypothesis))
          .isEqualTo(
              aligner.countCodePoints(String.join(" ", reference), String.join(" ", hypothesis)));
    }
  }

  @Test
  void characterErrorsAreTheFullCharacterAlignmentsErrorsAndReferenceLength() {
    Random random = new Random(11);
    for (int round = 0; round < 300; round++) {
      // Long texts too: past 64 code points the distance takes more than one machine word.
      List<String> reference = randomWords(random, random.nextInt(round % 3 == 0 ? 60 : 12), 40);
      List<String> hypothesis = new ArrayList<>(reference);
      for (int edit = random.nextInt(6); edit > 0 && !hypothesis.isEmpty(); edit--) {
        hypothesis.set(random.nextInt(hypothesis.size()), randomWords(random, 1, 40).get(0));
      }
      if (round % 7 == 0) {
        hypothesis.add("😀é");
      }
      ErrorCounts full = aligner.countCharacters(reference, hypothesis);
      assertThat(aligner.characterErrors(reference, hypothesis))
          .isEqualTo(new CharacterErrors(full.errors(), full.referenceLength()));
    }
  }

  @Test
  void rawTextCountsAreThoseOfItsWhitespaceTokens() {
    Random random = new Random(29);
    String[] separators = {" ", "  ", "\t", "\n", "\r\n", "\u000B", "\f", " \u00A0", "\u3000"};
    String[] words = {"a", "ab", "ba", "abc", "😀é", "é😀", "x😀", "\u00A0", "a\u00A0b", "cab"};
    Aligner fresh = new Aligner();
    for (int round = 0; round < 400; round++) {
      String reference = randomText(random, words, separators, round % 5 == 0 ? 40 : 12);
      String hypothesis = randomText(random, words, separators, round % 5 == 0 ? 40 : 12);
      List<String> referenceTokens = Tokenizer.WHITESPACE.tokens(reference);
      List<String> hypothesisTokens = Tokenizer.WHITESPACE.tokens(hypothesis);
      Aligner.UtteranceCounts counts = aligner.countWhitespaceTokens(reference, hypothesis);
      assertThat(counts.words()).isEqualTo(fresh.count(referenceTokens, hypothesisTokens));
      assertThat(counts.characters())
          .isEqualTo(fresh.characterErrors(referenceTokens, hypothesisTokens));
    }
  }

  @Test
  void rawTextWithAlternationMarkupIsLeftToTheTokenPath() {
    assertThat(aligner.countWhitespaceTokens("i {are not / have not} here", "i are here")).isNull();
    assertThat(aligner.countWhitespaceTokens("i here", "x {a / b}")).isNull();
    assertThat(aligner.countWhitespaceTokens("a{b} c", "c")).isNotNull();
  }

  private static String randomText(
      Random random, String[] words, String[] separators, int maxWords) {
    StringBuilder text = new StringBuilder();
    if (random.nextBoolean()) {
      text.append(separators[random.nextInt(separators.length)]);
    }
    for (int w = random.nextInt(maxWords + 1); w > 0; w--) {
      text.append(words[random.nextInt(words.length)]);
      if (w > 1 || random.nextBoolean()) {
        text.append(separators[random.nextInt(separators.length)]);
      }
    }
    return text.toString();
  }

  @Test
  void charactersOutsideTheBasicPlaneCountOnce() {
    assertThat(aligner.countCodePoints("a😀b", "a😁b")).isEqualTo(new ErrorCounts(2, 1, 0, 0));
  }

  @Test
  void alignmentListsEveryStepInReadingOrderWithIndices() {
    Alignment alignment =
        aligner.align(words("the cat sat on the mat"), words("a cat sat the the mat now"));
    assertThat(alignment.ops())
        .containsExactly(
            new Substitution(0, 0, "the", "a"),
            new Hit(1, 1, "cat"),
            new Hit(2, 2, "sat"),
            new Substitution(3, 3, "on", "the"),
            new Hit(4, 4, "the"),
            new Hit(5, 5, "mat"),
            new Insertion(6, 6, "now"));
    assertThat(alignment.counts()).isEqualTo(new ErrorCounts(4, 2, 0, 1));
    assertThat(alignment.ops().stream().filter(AlignmentOp::isError)).hasSize(3);
  }

  @Test
  void tieBreakPrefersDiagonalThenDeletionWhenTracingBackFromTheEnd() {
    // Two minimal alignments with one substitution and one deletion: the substitution is taken at
    // the end, as sclite does ("REF: A B / HYP: * C").
    assertThat(aligner.align(words("a b"), words("c")).ops())
        .containsExactly(new Deletion(0, 0, "a"), new Substitution(1, 0, "b", "c"));
    // Fewest substitutions: a deletion, a hit and an insertion rather than two substitutions.
    assertThat(aligner.align(words("a b"), words("b c")).ops())
        .containsExactly(new Deletion(0, 0, "a"), new Hit(1, 0, "b"), new Insertion(2, 1, "c"));
    assertThat(aligner.align(words("a"), words("b a")).ops())
        .containsExactly(new Insertion(0, 0, "b"), new Hit(0, 1, "a"));
  }

  @Test
  void emptySidesAreAllInsertionsOrAllDeletions() {
    assertThat(aligner.align(List.of(), words("x y")).ops())
        .containsExactly(new Insertion(0, 0, "x"), new Insertion(0, 1, "y"));
    assertThat(aligner.align(words("x y"), List.of()).ops())
        .containsExactly(new Deletion(0, 0, "x"), new Deletion(1, 0, "y"));
    Alignment nothing = aligner.align(List.of(), List.of());
    assertThat(nothing.ops()).isEmpty();
    assertThat(nothing.counts().errorRate()).isEmpty();
  }

  @Test
  void agreesWithExhaustiveSearchOnSmallRandomPairs() {
    Random random = new Random(20261121);
    for (int round = 0; round < 3000; round++) {
      List<String> reference = randomWords(random, random.nextInt(6), 3);
      List<String> hypothesis = randomWords(random, random.nextInt(6), 3);
      long[] best = exhaustiveBest(reference, 0, hypothesis, 0);
      ErrorCounts counts = aligner.count(reference, hypothesis);
      assertThat(counts.errors()).as("%s vs %s", reference, hypothesis).isEqualTo(best[0]);
      assertThat(counts.substitutions()).as("%s vs %s", reference, hypothesis).isEqualTo(best[1]);
      Alignment alignment = aligner.align(reference, hypothesis);
      assertThat(alignment.counts()).isEqualTo(counts);
      assertIsAValidAlignment(alignment);
    }
  }

  @Test
  void reusedAlignerGivesTheSameAnswersAsAFreshOneAcrossSizes() {
    Random random = new Random(7);
    for (int round = 0; round < 300; round++) {
      int longest =
          round % 50 == 0 ? 1500 : 80; // now and then a pair past the retained matrix size
      List<String> reference = randomWords(random, random.nextInt(longest), 40);
      List<String> hypothesis = randomWords(random, random.nextInt(longest), 40);
      Alignment reused = aligner.align(reference, hypothesis);
      assertThat(reused).isEqualTo(new Aligner().align(reference, hypothesis));
      assertThat(aligner.count(reference, hypothesis)).isEqualTo(reused.counts());
      assertThat(reused.counts().errors()).isEqualTo(plainLevenshtein(reference, hypothesis));
    }
  }

  static List<String> randomWords(Random random, int count, int vocabulary) {
    List<String> words = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      // new String so that equality, not identity, is what the aligner relies on
      words.add(new String("w" + random.nextInt(vocabulary)));
    }
    return words;
  }

  /** {errors, substitutions} of the best alignment, by trying every alignment. */
  private static long[] exhaustiveBest(List<String> ref, int i, List<String> hyp, int j) {
    if (i == ref.size() && j == hyp.size()) {
      return new long[] {0, 0};
    }
    long[] best = null;
    if (i < ref.size() && j < hyp.size()) {
      long[] rest = exhaustiveBest(ref, i + 1, hyp, j + 1);
      boolean same = ref.get(i).equals(hyp.get(j));
      best = new long[] {rest[0] + (same ? 0 : 1), rest[1] + (same ? 0 : 1)};
    }
    if (i < ref.size()) {
      long[] rest = exhaustiveBest(ref, i + 1, hyp, j);
      best = better(best, new long[] {rest[0] + 1, rest[1]});
    }
    if (j < hyp.size()) {
      long[] rest = exhaustiveBest(ref, i, hyp, j + 1);
      best = better(best, new long[] {rest[0] + 1, rest[1]});
    }
    return best;
  }

  private static long[] better(long[] a, long[] b) {
    if (a == null) {
      return b;
    }
    return (b[0] < a[0] || (b[0] == a[0] && b[1] < a[1])) ? b : a;
  }

  static int plainLevenshtein(List<String> ref, List<String> hyp) {
    int[] previous = new int[hyp.size() + 1];
    for (int j = 0; j <= hyp.size(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= ref.size(); i++) {
      int[] current = new int[hyp.size() + 1];
      current[0] = i;
      for (int j = 1; j <= hyp.size(); j++) {
        int cost = ref.get(i - 1).equals(hyp.get(j - 1)) ? 0 : 1;
        current[j] =
            Math.min(previous[j - 1] + cost, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      previous = current;
    }
    return previous[hyp.size()];
  }

  /** Each token appears once, in order, and each step agrees with the tokens it names. */
  static void assertIsAValidAlignment(Alignment alignment) {
    int nextReference = 0;
    int nextHypothesis = 0;
    long hits = 0;
    long subs = 0;
    long dels = 0;
    long ins = 0;
    for (AlignmentOp op : alignment.ops()) {
      if (op instanceof Hit hit) {
        assertThat(hit.referenceIndex()).isEqualTo(nextReference++);
        assertThat(hit.hypothesisIndex()).isEqualTo(nextHypothesis++);
        assertThat(alignment.reference().get(hit.referenceIndex())).isEqualTo(hit.token());
        assertThat(alignment.hypothesis().get(hit.hypothesisIndex())).isEqualTo(hit.token());
        hits++;
      } else if (op instanceof Substitution sub) {
        assertThat(sub.referenceIndex()).isEqualTo(nextReference++);
        assertThat(sub.hypothesisIndex()).isEqualTo(nextHypothesis++);
        assertThat(sub.reference()).isNotEqualTo(sub.hypothesis());
        subs++;
      } else if (op instanceof Deletion del) {
        assertThat(del.referenceIndex()).isEqualTo(nextReference++);
        assertThat(del.hypothesisPosition()).isEqualTo(nextHypothesis);
        dels++;
      } else if (op instanceof Insertion insertion) {
        assertThat(insertion.referencePosition()).isEqualTo(nextReference);
        assertThat(insertion.hypothesisIndex()).isEqualTo(nextHypothesis++);
        ins++;
      }
    }
    assertThat(nextReference).isEqualTo(alignment.reference().size());
    assertThat(nextHypothesis).isEqualTo(alignment.hypothesis().size());
    assertThat(alignment.counts()).isEqualTo(new ErrorCounts(hits, subs, dels, ins));
  }
}
