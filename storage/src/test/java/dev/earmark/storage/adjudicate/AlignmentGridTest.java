package dev.earmark.storage.adjudicate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earmark.engine.normalize.Normalizer;
import dev.earmark.engine.normalize.RuleSets;
import dev.earmark.storage.adjudicate.AlignmentGrid.Cell;
import dev.earmark.storage.adjudicate.AlignmentGrid.CellKind;
import dev.earmark.storage.adjudicate.AlignmentGrid.Row;
import dev.earmark.storage.adjudicate.AlignmentGrid.Source;
import dev.earmark.storage.adjudicate.AlignmentGrid.Transcript;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The word-aligned grid on UI.md's three-annotator example. Rows are rendered compactly: a hit as
 * its token, a substitution as [token], a deletion as -, an insertion as _token_, a gap as ·.
 */
class AlignmentGridTest {
  private static final List<Transcript> BAND =
      List.of(
          new Transcript("hypothesis", Source.HYPOTHESIS, "i love 21 pilots and fifty people came"),
          new Transcript(
              "ann-a", Source.ANNOTATOR, "i love twenty one pilots and fifty people came"),
          new Transcript("ann-b", Source.ANNOTATOR, "i love 21 pilots and 50 people came"),
          new Transcript(
              "ann-c", Source.ANNOTATOR, "i twenty one pilots and fifty people came um"));

  private static String render(Row row) {
    return row.cells().stream().map(AlignmentGridTest::render).collect(Collectors.joining(" "));
  }

  private static String render(Cell cell) {
    return switch (cell.kind()) {
      case HIT -> cell.text();
      case SUBSTITUTION -> "[" + cell.text() + "]";
      case DELETION -> "-";
      case INSERTION -> "_" + cell.text() + "_";
      case GAP -> "·";
    };
  }

  @Test
  void everyRowIsAlignedToTheFirstAnnotatorWithInsertionsInSharedColumns() {
    AlignmentGrid grid = AlignmentGrid.build(BAND, 1, Normalizer.identity(), "none");

    assertThat(grid.columns()).isEqualTo(10);
    assertThat(grid.rows()).allSatisfy(row -> assertThat(row.cells()).hasSize(10));
    assertThat(grid.rows())
        .extracting(AlignmentGridTest::render)
        .containsExactly(
            "i love - [21] pilots and fifty people came ·",
            "i love twenty one pilots and fifty people came ·",
            "i love - [21] pilots and [50] people came ·",
            "i - twenty one pilots and fifty people came _um_");
    assertThat(grid.rows()).extracting(Row::pivot).containsExactly(false, true, false, false);
    assertThat(grid.rows().get(3).tokens())
        .containsExactly("i", "twenty", "one", "pilots", "and", "fifty", "people", "came", "um");
  }

  @Test
  void pickingAnotherRowRealignsEverythingToIt() {
    AlignmentGrid grid = AlignmentGrid.build(BAND, 2, Normalizer.identity(), "none");

    assertThat(grid.rows())
        .extracting(AlignmentGridTest::render)
        .containsExactly(
            "i love · 21 pilots and [fifty] people came ·",
            "i love _twenty_ [one] pilots and [fifty] people came ·",
            "i love · 21 pilots and 50 people came ·",
            "i [twenty] · [one] pilots and [fifty] people came _um_");
  }

  @ParameterizedTest
  @CsvSource(
      textBlock =
          """
          HIT,          token-hit
          SUBSTITUTION, token-substitution
          DELETION,     token-deletion
          INSERTION,    token-insertion
          GAP,          token-gap
          """)
  void eachKindHasItsOwnStyleClass(CellKind kind, String styleClass) {
    assertThat(kind.styleClass()).isEqualTo(styleClass);
  }

  @Test
  void tooltipsTraceNormalizedTokensToTheirRawTextAndRules() {
    List<Transcript> rows =
        List.of(
            new Transcript("ann-a", Source.ANNOTATOR, "I love Twenty-One Pilots."),
            new Transcript("ann-b", Source.ANNOTATOR, "i love twenty one pilots"));
    AlignmentGrid grid =
        AlignmentGrid.build(rows, 1, Normalizer.compile(RuleSets.enAsr1()), "en-asr@1");

    assertThat(grid.ruleSet()).isEqualTo("en-asr@1");
    Row first = grid.rows().get(0);
    Cell love = first.cells().get(1);
    assertThat(love.kind()).isEqualTo(CellKind.HIT);
    assertThat(love.tooltip()).startsWith("raw: ‘love’ (en-asr@1)");
    Cell capital = first.cells().get(0);
    assertThat(capital.text()).isEqualTo("i");
    assertThat(capital.tooltip()).startsWith("raw: ‘I’").contains("rule 1");
    Cell last = first.cells().get(first.cells().size() - 1);
    assertThat(last.tooltip()).contains("Pilots.");
  }

  @Test
  void noTranscriptsGiveAnEmptyGrid() {
    assertThat(AlignmentGrid.build(List.of(), 0, Normalizer.identity(), "none").rows()).isEmpty();
  }
}
