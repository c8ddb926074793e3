package dev.earmark.engine.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProtectedPhrasesTest {
  private static final ProtectedPhrases PHRASES =
      ProtectedPhrases.of(
          List.of(
              List.of("new", "york"),
              List.of("new", "york", "city"),
              List.of("twenty", "one", "pilots"),
              List.of("bach")));

  @ParameterizedTest(name = "[{0}] vs [{1}]")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # reference                        | hypothesis                          | occurrences | missed
          i love new york city               | i love new york city                | 1 | 0
          i love new york city               | i love new york                     | 1 | 1
          new york new york                  | new york new york                   | 2 | 0
          new york new york                  | new york york                       | 2 | 1
          twenty one pilots                  | 21 pilots                           | 1 | 1
          twenty one pilots                  | twenty one uh pilots                | 1 | 1
          twenty one pilots                  | oh twenty one pilots yes            | 1 | 0
          twenty one pilots played bach      | twenty one pilot played bach        | 2 | 1
          bach bach                          | bach                                | 2 | 1
          no entities here                   | nothing                             | 0 | 0
          ''                                 | bach                                | 0 | 0
          """)
  void occurrencesAreLongestMatchesAndCountAsMissedUnlessEveryTokenIsAContiguousHit(
      String reference, String hypothesis, int occurrences, int missed) {
    Alignment alignment =
        new Aligner().align(AlignerTest.words(reference), AlignerTest.words(hypothesis));
    assertThat(PHRASES.score(alignment)).isEqualTo(new EntityCounts(occurrences, missed));
  }

  @Test
  void noPhrasesMeansNoOccurrences() {
    Alignment alignment = new Aligner().align(List.of("bach"), List.of("bach"));
    assertThat(ProtectedPhrases.NONE.score(alignment)).isEqualTo(EntityCounts.ZERO);
    assertThat(ProtectedPhrases.NONE.isEmpty()).isTrue();
  }

  @Test
  void duplicatesAreKeptOnceAndEmptyPhrasesAreRefused() {
    ProtectedPhrases phrases = ProtectedPhrases.of(List.of(List.of("a", "b"), List.of("a", "b")));
    assertThat(phrases.phrases()).containsExactly(List.of("a", "b"));
    assertThat(phrases.toString()).contains("a, b");
    assertThatThrownBy(() -> ProtectedPhrases.of(List.of(List.of())))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ProtectedPhrases.of(List.of(List.of("a", ""))))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
