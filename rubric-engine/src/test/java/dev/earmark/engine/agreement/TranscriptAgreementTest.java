package dev.earmark.engine.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earmark.engine.EngineException;
import dev.earmark.engine.agreement.TranscriptAgreement.SymmetricWer;
import dev.earmark.engine.agreement.TranscriptAgreement.Transcript;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TranscriptAgreementTest {
  private final TranscriptComparator levenshtein = new WordLevenshteinComparator();

  @ParameterizedTest(name = "''{0}'' vs ''{1}'': {2}/{3}")
  @CsvSource(
      textBlock =
          """
          the cat sat,       the cat sat,      0, 6
          the cat sat,       the cat sat down, 2, 7
          the cat sat,       a dog sat,        4, 6
          '',                '',               0, 0
          '',                hello world,      4, 2
          """)
  void pairWerCountsBothDirectionsOverBothLengths(String a, String b, long errors, long words) {
    SymmetricWer wer = TranscriptAgreement.symmetric(levenshtein, a, b);
    assertThat(wer).isEqualTo(new SymmetricWer(errors, words));
    assertThat(TranscriptAgreement.symmetric(levenshtein, b, a)).isEqualTo(wer);
  }

  @Test
  void emptyTranscriptsAgree() {
    assertThat(new SymmetricWer(0, 0).wer()).isZero();
  }

  @Test
  void aDirectionalScorerIsSymmetrised() {
    TranscriptComparator deletionsOnly =
        (reference, hypothesis) -> {
          int ref = reference.isBlank() ? 0 : reference.strip().split("\\s+").length;
          int hyp = hypothesis.isBlank() ? 0 : hypothesis.strip().split("\\s+").length;
          return new TranscriptComparator.WordErrors(Math.max(0, ref - hyp), ref);
        };
    assertThat(TranscriptAgreement.symmetric(deletionsOnly, "a b c", "a"))
        .isEqualTo(TranscriptAgreement.symmetric(deletionsOnly, "a", "a b c"))
        .isEqualTo(new SymmetricWer(2, 4));
  }

  @Test
  void itemPairAndOverallFiguresPoolErrorsAndWords() {
    TranscriptAgreement agreement =
        TranscriptAgreement.of(
            List.of(
                new Transcript("u1", "b", "the cat sat"),
                new Transcript("u1", "a", "the cat sat down"),
                new Transcript("u1", "c", "the cat sat"),
                new Transcript("u2", "a", "hello"),
                new Transcript("u2", "b", "hello"),
                new Transcript("u3", "a", "alone")),
            levenshtein);
    assertThat(agreement.items())
        .extracting(TranscriptAgreement.ItemWer::itemId)
        .containsExactly("u1", "u2");
    TranscriptAgreement.ItemWer u1 = agreement.items().get(0);
    assertThat(u1.pairs()).hasSize(3);
    assertThat(u1.pooled()).isEqualTo(new SymmetricWer(4, 20));
    assertThat(u1.maxPairWer()).isEqualTo(2.0 / 7);
    assertThat(agreement.items().get(1).maxPairWer()).isZero();
    assertThat(agreement.overall()).isEqualTo(new SymmetricWer(4, 22));
    assertThat(agreement.annotatorPairs())
        .containsExactly(
            new TranscriptAgreement.PairWer("a", "b", new SymmetricWer(2, 9)),
            new TranscriptAgreement.PairWer("b", "c", new SymmetricWer(0, 6)),
            new TranscriptAgreement.PairWer("a", "c", new SymmetricWer(2, 7)));
  }

  @Test
  void twoTranscriptsFromOneAnnotatorOfOneItemAreRefused() {
    assertThatThrownBy(
            () ->
                TranscriptAgreement.of(
                    List.of(new Transcript("u1", "a", "x"), new Transcript("u1", "a", "y")),
                    levenshtein))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining("two transcripts");
  }
}
