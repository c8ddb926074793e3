package dev.earmark.engine.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScorerTest {
  private final Scorer scorer = Scorer.withoutNormalization();

  @Test
  void corpusWerIsTotalErrorsOverTotalReferenceWordsNotAMeanOfUtteranceWers() {
    CorpusScore score =
        scorer.scoreCorpus(
            List.of(
                // 10 reference words, 1 substitution: 10%
                new TranscriptPair(
                    "long",
                    "",
                    "one two three four five six seven eight nine ten",
                    "one two three four five six seven eight nine tan"),
                // 2 reference words, 2 errors: 100%
                new TranscriptPair("short", "", "yes please", "no")));
    assertThat(score.utterances().get(0).wer()).hasValue(0.1);
    assertThat(score.utterances().get(1).wer()).hasValue(1.0);
    // corpus: 3 / 12 = 25%, while the mean of the utterance WERs would be 55%
    assertThat(score.corpus().wer()).hasValue(0.25);
    assertThat(score.corpus().words()).isEqualTo(new ErrorCounts(9, 2, 1, 0));
    assertThat(score.corpus().utterances()).isEqualTo(2);
  }

  @Test
  void jiwerReadmeExampleScoresOneThird() {
    // jiwer README: ["hello world", "i like monthy python"] vs ["hello duck", "i like python"]
    CorpusScore score =
        scorer.scoreCorpus(
            List.of(
                new TranscriptPair("1", "", "hello world", "hello duck"),
                new TranscriptPair("2", "", "i like monthy python", "i like python")));
    assertThat(score.corpus().wer().getAsDouble()).isCloseTo(2.0 / 6.0, within(1e-12));
    assertThat(score.utterances().get(0).wer()).hasValue(0.5);
  }

  @Test
  void slicesSumTheirOwnUtterancesSortedByKey() {
    CorpusScore score =
        scorer.scoreCorpus(
            List.of(
                new TranscriptPair("a", "noisy", "turn left now", "turn it left"),
                new TranscriptPair("b", "clean", "stop", "stop"),
                new TranscriptPair("c", "noisy", "go home", "go")));
    assertThat(score.slices().keySet()).containsExactly("clean", "noisy");
    ScoreTotals noisy = score.slices().get("noisy");
    assertThat(noisy.utterances()).isEqualTo(2);
    assertThat(noisy.words()).isEqualTo(new ErrorCounts(3, 0, 2, 1));
    assertThat(noisy.wer()).hasValue(3.0 / 5.0);
    assertThat(score.slices().get("clean").wer()).hasValue(0.0);
    assertThat(score.corpus().words().errors()).isEqualTo(3);
  }

  @ParameterizedTest(name = "[{0}] vs [{1}]")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # reference     | hypothesis   | ref chars | char errors
          a lot           | alot         | 5         | 1
          kitten          | sitting      | 6         | 3
          '  hello   world ' | hello world | 11        | 0
          hello world     | ''           | 11        | 11
          abc             | abc d        | 3         | 2
          """)
  void cerCountsCodePointsOfTokensJoinedBySingleSpaces(
      String reference, String hypothesis, int referenceChars, int charErrors) {
    UtteranceScore score = scorer.score("u", "", reference, hypothesis);
    assertThat(score.characters().referenceLength()).isEqualTo(referenceChars);
    assertThat(score.characters().errors()).isEqualTo(charErrors);
  }

  @Test
  void emptyReferenceLeavesRatesUndefinedButCorpusStillCountsItsInsertions() {
    CorpusScore score =
        scorer.scoreCorpus(
            List.of(
                new TranscriptPair("silence", "", "", "uh huh"),
                new TranscriptPair("both-empty", "", "   ", ""),
                new TranscriptPair("missed", "", "hello there", "")));
    UtteranceScore silence = score.utterances().get(0);
    assertThat(silence.words()).isEqualTo(new ErrorCounts(0, 0, 0, 2));
    assertThat(silence.wer()).isEmpty();
    assertThat(silence.cer()).isEmpty();
    assertThat(score.utterances().get(1).wer()).isEmpty();
    assertThat(score.utterances().get(1).words().errors()).isZero();
    assertThat(score.utterances().get(2).words()).isEqualTo(new ErrorCounts(0, 0, 2, 0));
    assertThat(score.utterances().get(2).wer()).hasValue(1.0);
    // corpus: 2 insertions + 2 deletions over 2 reference words
    assertThat(score.corpus().wer()).hasValue(2.0);
  }

  @Test
  void corpusOfOnlyEmptyReferencesHasNoWer() {
    CorpusScore score = scorer.scoreCorpus(List.of(new TranscriptPair("x", "", "", "a")));
    assertThat(score.corpus().wer()).isEmpty();
    assertThat(score.corpus().words().insertions()).isEqualTo(1);
    assertThat(CorpusScore.of(List.of()).corpus().wer()).isEmpty();
  }

  @Test
  void entityErrorRateCountsProtectedPhrasesTheHypothesisMissed() {
    Scorer withPhrases =
        new Scorer(
            Tokenizer.WHITESPACE,
            ProtectedPhrases.of(List.of(List.of("twenty", "one", "pilots"), List.of("paris"))));
    CorpusScore score =
        withPhrases.scoreCorpus(
            List.of(
                new TranscriptPair(
                    "kept",
                    "",
                    "i saw twenty one pilots in paris",
                    "i saw twenty one pilots in paris"),
                new TranscriptPair(
                    "broken", "", "i saw twenty one pilots in paris", "i saw 21 pilots in paris"),
                new TranscriptPair("none", "", "hello", "hello")));
    assertThat(score.utterances().get(0).entities()).isEqualTo(new EntityCounts(2, 0));
    assertThat(score.utterances().get(1).entities()).isEqualTo(new EntityCounts(2, 1));
    assertThat(score.utterances().get(1).entityErrorRate()).hasValue(0.5);
    assertThat(score.utterances().get(2).entityErrorRate()).isEmpty();
    assertThat(score.corpus().entities()).isEqualTo(new EntityCounts(4, 1));
    assertThat(score.corpus().entityErrorRate()).hasValue(0.25);
    // word counts are the same whether or not phrases force the full alignment
    assertThat(score.utterances().get(1).words())
        .isEqualTo(
            scorer
                .score("b", "", "i saw twenty one pilots in paris", "i saw 21 pilots in paris")
                .words());
  }

  @Test
  void scorerUsesTheTokenizerItIsGiven() {
    Scorer lowerCasing =
        new Scorer(
            raw -> Tokenizer.WHITESPACE.tokens(raw.toLowerCase(java.util.Locale.ROOT)),
            ProtectedPhrases.NONE);
    assertThat(lowerCasing.score("u", "", "Hello World", "hello world").wer()).hasValue(0.0);
    assertThat(scorer.score("u", "", "Hello World", "hello world").wer()).hasValue(1.0);
    assertThat(lowerCasing.align("A b", "a B").counts().hits()).isEqualTo(2);
  }

  @Test
  void countsRejectNegativesAndSumFieldWise() {
    assertThatThrownBy(() -> new ErrorCounts(-1, 0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new EntityCounts(1, 2)).isInstanceOf(IllegalArgumentException.class);
    ErrorCounts sum = new ErrorCounts(1, 2, 3, 4).plus(new ErrorCounts(10, 20, 30, 40));
    assertThat(sum).isEqualTo(new ErrorCounts(11, 22, 33, 44));
    assertThat(sum.referenceLength()).isEqualTo(66);
    assertThat(sum.hypothesisLength()).isEqualTo(77);
    assertThat(sum.errorRate()).isEqualTo(OptionalDouble.of(99.0 / 66.0));
  }
}
