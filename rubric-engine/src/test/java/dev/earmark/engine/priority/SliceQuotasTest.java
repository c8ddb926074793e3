package dev.earmark.engine.priority;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SliceQuotasTest {
  private record Clip(String id, Map<String, String> slices) {}

  private static final Function<Clip, Map<String, String>> SLICES = Clip::slices;

  private static Clip clip(String id, String accent) {
    return new Clip(id, accent == null ? Map.of() : Map.of("accent", accent));
  }

  @Test
  void noValueOfATagTakesMoreThanItsShareAndUntaggedClipsAreFree() {
    SliceQuotas quotas = new SliceQuotas(List.of(SliceQuota.parse("accent=0.4")));
    List<Clip> ranked =
        List.of(
            clip("a", "uk"),
            clip("b", "uk"),
            clip("c", "uk"),
            clip("d", "us"),
            clip("e", null),
            clip("f", "us"),
            clip("g", "uk"));
    SliceQuotas.Selection<Clip> selection = quotas.select(ranked, SLICES, List.of(), 5);
    // Cap is floor(0.4 * 5) = 2 per accent.
    assertThat(selection.selected()).extracting(Clip::id).containsExactly("a", "b", "d", "e", "f");
    assertThat(selection.heldBack()).extracting(Clip::id).containsExactly("c");
  }

  @Test
  void clipsAlreadyInTheBatchCountTowardsTheCaps() {
    SliceQuotas quotas = new SliceQuotas(List.of(SliceQuota.parse("accent=0.5")));
    SliceQuotas.Selection<Clip> selection =
        quotas.select(
            List.of(clip("x", "uk"), clip("y", "us")),
            SLICES,
            List.of(Map.of("accent", "uk"), Map.of("accent", "uk")),
            4);
    assertThat(selection.selected()).extracting(Clip::id).containsExactly("y");
    assertThat(selection.heldBack()).extracting(Clip::id).containsExactly("x");
  }

  @Test
  void sharesSummingAboveOneAreRefused() {
    assertThatThrownBy(
            () ->
                new SliceQuotas(
                    List.of(SliceQuota.parse("accent=0.6"), SliceQuota.parse("noise=0.5"))))
        .isInstanceOf(PriorityException.class)
        .hasMessage(
            "The slice quotas [accent=0.6, noise=0.5] sum to 1.1, above 1 (the whole batch); lower"
                + " them so they sum to 1 or less.");
    assertThat(
            new SliceQuotas(List.of(SliceQuota.parse("accent=0.6"), SliceQuota.parse("noise=0.4")))
                .quotas())
        .hasSize(2);
    assertThatThrownBy(
            () ->
                new SliceQuotas(
                    List.of(SliceQuota.parse("accent=0.2"), SliceQuota.parse("accent=0.3"))))
        .hasMessageContaining("has two quotas");
  }

  @ParameterizedTest
  @CsvSource(
      textBlock =
          """
          accent,         'A slice quota is written TAG=SHARE, such as accent=0.4; got ''accent''.'
          accent=,        'A slice quota is written TAG=SHARE, such as accent=0.4; got ''accent=''.'
          =0.3,           'A slice quota is written TAG=SHARE, such as accent=0.4; got ''=0.3''.'
          accent=lots,    'The share in slice quota ''accent=lots'' is not a number such as 0.4.'
          accent=1.5,     'The quota of slice tag accent must be a share above 0 and at most 1, such as accent=0.4; got 1.5.'
          accent=0,       'The quota of slice tag accent must be a share above 0 and at most 1, such as accent=0.4; got 0.0.'
          """)
  void malformedQuotasAreRefusedWithTheFormToUse(String text, String message) {
    assertThatThrownBy(() -> SliceQuota.parse(text))
        .isInstanceOf(PriorityException.class)
        .hasMessage(message);
  }

  @Test
  void theCapIsAtLeastOneClip() {
    assertThat(SliceQuota.parse("accent=0.1").cap(3)).isEqualTo(1);
    assertThat(SliceQuota.parse("accent=0.4").cap(10)).isEqualTo(4);
    assertThat(SliceQuota.parse("accent=0.3").cap(10)).isEqualTo(3);
  }
}
