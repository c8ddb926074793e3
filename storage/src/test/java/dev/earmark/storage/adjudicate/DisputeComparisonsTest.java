package dev.earmark.storage.adjudicate;

import static dev.earmark.storage.LabelingFixture.ADJ;
import static dev.earmark.storage.LabelingFixture.ANN_1;
import static dev.earmark.storage.LabelingFixture.ASR;
import static dev.earmark.storage.LabelingFixture.LEAD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earmark.engine.agreement.NormalizedComparator;
import dev.earmark.engine.dispute.DisputeReason;
import dev.earmark.engine.dispute.DisputeRouter;
import dev.earmark.engine.dispute.DisputeRule;
import dev.earmark.engine.dispute.RoutingSettings;
import dev.earmark.engine.normalize.Normalizer;
import dev.earmark.engine.normalize.RuleSetJson;
import dev.earmark.engine.normalize.RuleSets;
import dev.earmark.engine.rubric.FieldValue;
import dev.earmark.engine.rubric.LabelValue;
import dev.earmark.engine.rubric.Rubric;
import dev.earmark.engine.rubric.RubricCatalog;
import dev.earmark.engine.version.VersionedId;
import dev.earmark.storage.Databases;
import dev.earmark.storage.LabelingFixture;
import dev.earmark.storage.PermissionDeniedException;
import dev.earmark.storage.StorageException;
import dev.earmark.storage.adjudicate.AlignmentGrid.CellKind;
import dev.earmark.storage.label.Label;
import dev.earmark.storage.label.LabelInput;
import dev.earmark.storage.label.LabelState;
import dev.earmark.storage.project.Project;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.function.Supplier;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Opening a dispute for comparison, the final labels built from it, and routing of ratings. */
class DisputeComparisonsTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC);
  private static final Instant AT = Instant.parse("2026-11-20T09:00:00Z");

  @TempDir Path dir;

  static List<Named<Supplier<Project>>> databases() {
    return Databases.fresh(CLOCK);
  }

  private static LabelInput label(String text, boolean unsure) {
    return new LabelInput(
        new LabelValue(
            ASR,
            Map.of("transcript", new FieldValue.Text(text), "unsure", new FieldValue.Flag(unsure))),
        Duration.ofSeconds(5),
        1.0);
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aRoutedDisputeOpensWithItsLabelsHypothesisRuleSetAndEvidence(Supplier<Project> factory)
      throws Exception {
    try (LabelingFixture fixture = LabelingFixture.create(factory.get(), dir, 2)) {
      fixture
          .policies()
          .publishRuleSet(
              LEAD,
              RuleSets.EN_ASR_1,
              new ObjectMapper().readTree(RuleSetJson.write(RuleSets.enAsr1())));
      fixture.policies().setPolicy(LEAD, ASR, RuleSets.EN_ASR_1);
      long clip = fixture.clipId("clip-0001");
      for (String annotator : List.of("ann-1", "ann-2")) {
        long assignment =
            fixture.assignments().assignExplicit(LEAD, ASR, clip, annotator, false).assignmentId();
        fixture
            .labels()
            .importSubmitted(
                LEAD,
                assignment,
                annotator.equals("ann-1")
                    ? label("words one more", false)
                    : label("words two", true),
                AT,
                AT);
      }
      List<DisputeRecord> opened = DisputeRouting.of(fixture.project()).route(LEAD, ASR, List.of());
      assertThat(opened)
          .singleElement()
          .satisfies(
              d ->
                  assertThat(d.rules())
                      .containsExactlyInAnyOrder(
                          DisputeRule.TRANSCRIPT_WER, DisputeRule.UNSURE_FLAG));
      // Routing again opens nothing: the item already has its dispute.
      assertThat(DisputeRouting.of(fixture.project()).route(ADJ, ASR, List.of(clip))).isEmpty();

      DisputeComparison comparison =
          new DisputeComparisons(fixture.project()).compare(ADJ, opened.get(0).id());

      assertThat(comparison.isTranscript()).isTrue();
      assertThat(comparison.ruleSet()).isEqualTo("en-asr@1");
      assertThat(comparison.hypothesis()).contains("words 1");
      assertThat(comparison.labels())
          .extracting(DisputeComparison.AnnotatorLabel::annotatorId)
          .containsExactly("ann-1", "ann-2");
      assertThat(comparison.evidence())
          .containsExactly("transcript WER 0.80 > 0.20 (ann-1 vs ann-2)", "unsure: ann-2");
      AlignmentGrid grid = comparison.grid(Optional.of("ann-2"));
      assertThat(grid.rows().get(2).pivot()).isTrue();
      assertThat(grid.rows().get(1).cells())
          .extracting(AlignmentGrid.Cell::kind)
          .containsExactly(CellKind.HIT, CellKind.INSERTION, CellKind.SUBSTITUTION);

      LabelValue picked = comparison.picked("ann-2");
      assertThat(picked.fields()).containsOnlyKeys("transcript");
      LabelValue written = comparison.written(" words 2 ", Optional.of("ann-1"));
      assertThat(written.field("transcript")).contains(new FieldValue.Text("words 2"));
      assertThatThrownBy(() -> comparison.picked("ann-3"))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("annotators here: ann-1, ann-2");
      assertThatThrownBy(() -> new DisputeComparisons(fixture.project()).compare(ANN_1, 1))
          .isInstanceOf(PermissionDeniedException.class);
      assertThatThrownBy(() -> new DisputeComparisons(fixture.project()).compare(ADJ, 999))
          .isInstanceOf(StorageException.class)
          .hasMessage("there is no dispute 999 in the project");
    }
  }

  @Test
  void ratingsAreRoutedFieldByFieldIntoOneDispute() {
    Rubric tts = RubricCatalog.builtIn().get(VersionedId.parse("tts-rating@1"));
    DisputeRouter router =
        new DisputeRouter(
            new RoutingSettings(true, OptionalInt.of(2), OptionalDouble.of(0.2), true, false),
            new NormalizedComparator(Normalizer.identity()));
    List<Label> labels =
        List.of(
            rating(tts, "ann-1", 1, "sample-better"), rating(tts, "ann-2", 4, "reference-better"));

    var dispute =
        DisputeRouting.route(router, tts, "tts-0001", labels, Optional.empty()).orElseThrow();

    assertThat(dispute.reasons())
        .extracting(DisputeReason::rule)
        .containsExactly(DisputeRule.CATEGORICAL_MISMATCH, DisputeRule.ORDINAL_SPREAD);
    assertThat(dispute.reasons().get(1))
        .isInstanceOfSatisfying(
            DisputeReason.OrdinalSpread.class,
            spread -> assertThat(spread.spread()).isEqualTo(3.0));
    // Close ratings agree; on a gold item the one that differs from the answer still fails it.
    List<Label> close = List.of(labels.get(0), rating(tts, "ann-2", 2, "sample-better"));
    assertThat(DisputeRouting.route(router, tts, "tts-0002", close, Optional.empty())).isEmpty();
    assertThat(
            DisputeRouting.route(router, tts, "tts-0002", close, Optional.of(labels.get(0).value()))
                .orElseThrow()
                .reasons())
        .singleElement()
        .isInstanceOfSatisfying(
            DisputeReason.GoldFailure.class,
            gold ->
                assertThat(gold.misses())
                    .extracting(m -> m.annotatorId())
                    .containsExactly("ann-2"));
  }

  private static Label rating(Rubric rubric, String annotator, int naturalness, String preference) {
    LabelValue value =
        new LabelValue(
            rubric.id(),
            Map.of(
                "naturalness",
                new FieldValue.ScalePoint(naturalness),
                "preference_vs_reference",
                new FieldValue.Choice(preference)));
    return new Label(
        1,
        1,
        1,
        "tts-0001",
        annotator,
        rubric.id(),
        value,
        Duration.ofSeconds(3),
        1.0,
        LabelState.SUBMITTED,
        1,
        AT,
        AT,
        Optional.of(AT),
        annotator);
  }
}
