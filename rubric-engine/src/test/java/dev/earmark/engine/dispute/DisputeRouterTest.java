package dev.earmark.engine.dispute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earmark.engine.EngineException;
import dev.earmark.engine.agreement.LabelScale;
import dev.earmark.engine.agreement.TranscriptAgreement.SymmetricWer;
import dev.earmark.engine.agreement.WordLevenshteinComparator;
import dev.earmark.engine.dispute.ItemLabels.AnnotatorLabel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DisputeRouterTest {
  private static final RoutingSettings ALL_RULES =
      new RoutingSettings(true, OptionalInt.of(2), OptionalDouble.of(0.2), true, true);

  private static final List<String> MOS = List.of("bad", "poor", "fair", "good", "excellent");

  private final DisputeRouter router =
      new DisputeRouter(ALL_RULES, new WordLevenshteinComparator());

  /** Labels written {@code annotator=value}, a trailing {@code ?} marks the label unsure. */
  private static ItemLabels item(LabelField field, String gold, String labels) {
    List<AnnotatorLabel> parsed = new ArrayList<>();
    for (String label : labels.split("\\|")) {
      String[] parts = label.split("=", 2);
      boolean unsure = parts[1].endsWith("?");
      parsed.add(
          new AnnotatorLabel(
              parts[0], unsure ? parts[1].substring(0, parts[1].length() - 1) : parts[1], unsure));
    }
    return new ItemLabels("u1", field, parsed, Optional.ofNullable(gold));
  }

  private static LabelField field(String kind) {
    switch (kind) {
      case "categorical":
        return new LabelField.Categorical();
      case "numeric":
        return new LabelField.Ordinal(LabelScale.numeric());
      case "mos":
        return new LabelField.Ordinal(LabelScale.ordered(MOS));
      default:
        return new LabelField.Transcript();
    }
  }

  @ParameterizedTest(name = "{0} {2} gold={1} -> {3}")
  @CsvSource(
      delimiter = ';',
      nullValues = "-",
      textBlock =
          """
          categorical; -;    a=yes|b=yes;                           -
          categorical; -;    a=yes|b=no;                            CATEGORICAL_MISMATCH
          categorical; yes;  a=yes|b=yes?;                          UNSURE_FLAG
          categorical; no;   a=yes|b=yes;                           GOLD_FAILURE
          categorical; no;   a=yes|b=no?;                           CATEGORICAL_MISMATCH GOLD_FAILURE UNSURE_FLAG
          numeric;     -;    a=3|b=4|c=4;                           -
          numeric;     -;    a=3|b=5;                               ORDINAL_SPREAD
          numeric;     5.0;  a=5|b=5;                               -
          numeric;     4;    a=5|b=5;                               GOLD_FAILURE
          mos;         -;    a=poor|b=fair;                         -
          mos;         -;    a=poor|b=good;                         ORDINAL_SPREAD
          mos;         -;    a=good|b=poor|c=excellent;             ORDINAL_SPREAD
          transcript;  -;    a=the cat sat on the mat|b=the cat sat on the mat; -
          transcript;  -;    a=the cat sat on the mat|b=the cat sat on a mat;   -
          transcript;  -;    a=the cat sat on the mat|b=a cat sat in a hat;     TRANSCRIPT_WER
          transcript;  the cat sat; a=the cat sat|b=the cat sat;    -
          transcript;  the cat sat; a=the cat sat|b=the dog sat;    GOLD_FAILURE TRANSCRIPT_WER
          """)
  void routesItemsByTheRulesThatFire(String kind, String gold, String labels, String rules) {
    Optional<Dispute> dispute = router.route(item(field(kind), gold, labels));
    Set<DisputeRule> expected =
        rules == null
            ? Set.of()
            : Arrays.stream(rules.split(" ")).map(DisputeRule::valueOf).collect(Collectors.toSet());
    assertThat(dispute.map(Dispute::rules).orElse(Set.of())).isEqualTo(expected);
  }

  @Test
  void evidenceCarriesTheValuesAndTheWer() {
    Dispute dispute =
        router
            .route(
                item(
                    field("transcript"),
                    "the cat sat",
                    "a=the cat sat|b=the cat sat down|c=a dog sat?"))
            .orElseThrow();
    DisputeReason.TranscriptDisagreement wer =
        (DisputeReason.TranscriptDisagreement) dispute.reasons().get(0);
    assertThat(wer.threshold()).isEqualTo(0.2);
    assertThat(wer.pairsAboveThreshold())
        .extracting(p -> p.first() + p.second() + ":" + p.wer())
        .containsExactly(
            "ab:" + new SymmetricWer(2, 7),
            "ac:" + new SymmetricWer(4, 6),
            "bc:" + new SymmetricWer(6, 7));
    DisputeReason.GoldFailure goldFailure = (DisputeReason.GoldFailure) dispute.reasons().get(1);
    assertThat(goldFailure.goldAnswer()).isEqualTo("the cat sat");
    assertThat(goldFailure.misses())
        .extracting(DisputeReason.MissedGold::annotatorId)
        .containsExactly("b", "c");
    assertThat(goldFailure.misses().get(0).werAgainstGold()).hasValue(1.0 / 3);
    assertThat(dispute.reasons().get(2)).isEqualTo(new DisputeReason.UnsureFlag(List.of("c")));

    DisputeReason.OrdinalSpread spread =
        (DisputeReason.OrdinalSpread)
            router
                .route(item(field("mos"), null, "a=good|b=bad|c=fair"))
                .orElseThrow()
                .reasons()
                .get(0);
    assertThat(spread.spread()).isEqualTo(3.0);
    assertThat(spread.threshold()).isEqualTo(2);
    assertThat(spread.lowest()).isEqualTo("bad");
    assertThat(spread.highest()).isEqualTo("good");
    assertThat(spread.labels()).containsEntry("c", "fair");
    assertThat(
            router
                .route(item(field("categorical"), null, "a=x|b=y"))
                .orElseThrow()
                .reasons()
                .get(0))
        .isEqualTo(new DisputeReason.CategoricalMismatch(java.util.Map.of("a", "x", "b", "y")));
  }

  @Test
  void rulesTurnedOffInTheSettingsNeverFire() {
    DisputeRouter quiet =
        new DisputeRouter(
            new RoutingSettings(false, OptionalInt.empty(), OptionalDouble.empty(), false, false),
            new WordLevenshteinComparator());
    List<ItemLabels> items =
        List.of(
            item(field("categorical"), "no", "a=yes|b=no?"),
            item(field("mos"), "bad", "a=bad|b=excellent"),
            item(field("transcript"), "x", "a=one two|b=three four"));
    assertThat(quiet.route(items)).isEmpty();
    assertThat(router.route(items)).extracting(Dispute::itemId).hasSize(3);
  }

  @Test
  void goldFailureOfATranscriptWithoutAWerThresholdIsAnyError() {
    DisputeRouter strict =
        new DisputeRouter(
            new RoutingSettings(false, OptionalInt.empty(), OptionalDouble.empty(), true, false),
            new WordLevenshteinComparator());
    assertThat(
            strict
                .route(item(field("transcript"), "a b c d e f g h i j k", "a=a b c d e f g h i j"))
                .map(Dispute::rules))
        .contains(Set.of(DisputeRule.GOLD_FAILURE));
    assertThat(strict.route(item(field("transcript"), "", "a=words")).orElseThrow().reasons())
        .first()
        .satisfies(
            reason ->
                assertThat(((DisputeReason.GoldFailure) reason).misses().get(0).werAgainstGold())
                    .hasValue(1.0));
  }

  @Test
  void settingsRefuseImpossibleThresholds() {
    assertThatThrownBy(
            () -> new RoutingSettings(true, OptionalInt.of(0), OptionalDouble.empty(), true, true))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining("spread");
    assertThatThrownBy(
            () -> new RoutingSettings(true, OptionalInt.empty(), OptionalDouble.of(-1), true, true))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining("WER threshold");
    assertThatThrownBy(() -> new Dispute("u1", List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anOrdinalFieldNeedsAnOrder() {
    assertThatThrownBy(
            () ->
                router.route(item(new LabelField.Ordinal(LabelScale.unordered()), null, "a=x|b=y")))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining("without an order");
    assertThatThrownBy(() -> router.route(item(field("mos"), null, "a=bad|b=superb")))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining("superb");
  }
}
