package dev.earmark.app.gui.adjudication;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earmark.app.gui.labeling.ClipDetails;
import dev.earmark.engine.dispute.DisputeRule;
import dev.earmark.engine.normalize.Normalizer;
import dev.earmark.engine.rubric.FieldValue;
import dev.earmark.engine.rubric.LabelValue;
import dev.earmark.engine.rubric.Rubric;
import dev.earmark.engine.rubric.RubricCatalog;
import dev.earmark.engine.version.VersionedId;
import dev.earmark.storage.adjudicate.DisputeRecord;
import dev.earmark.storage.adjudicate.DisputeStatus;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** TTS ratings side by side with the built-in tts-rating@1 rubric's anchored descriptions. */
class FieldComparisonTest {
  private static final VersionedId TTS = VersionedId.parse("tts-rating@1");

  private static LabelValue ratings(int naturalness) {
    Rubric rubric = RubricCatalog.builtIn().get(TTS);
    Map<String, FieldValue> fields = new HashMap<>();
    rubric.fields().stream()
        .filter(field -> field instanceof dev.earmark.engine.rubric.FieldSpec.ScaleField)
        .filter(field -> field.required())
        .forEach(field -> fields.put(field.name(), new FieldValue.ScalePoint(4)));
    fields.put("naturalness", new FieldValue.ScalePoint(naturalness));
    return new LabelValue(TTS, fields);
  }

  @Test
  void ratingsAreShownPerAnnotatorBesideEveryAnchorAndDisagreementsStandOut() {
    Rubric rubric = RubricCatalog.builtIn().get(TTS);
    DisputeRecord record =
        new DisputeRecord(
            7,
            3,
            "tts-003",
            TTS,
            Set.of(DisputeRule.ORDINAL_SPREAD),
            "[]",
            DisputeStatus.OPEN,
            Instant.EPOCH);
    DisputeCase dispute =
        new DisputeCase(
            new DisputeRow(record, Map.of(), Set.of("ann-a", "ann-b"), List.of()),
            new ClipDetails(
                3, "tts-003", Path.of("tts-003.wav"), 2, 16000, 1, Optional.empty(), Map.of()),
            rubric,
            List.of(
                new DisputeCase.AnnotatorLabel("ann-a", ratings(2)),
                new DisputeCase.AnnotatorLabel("ann-b", ratings(5))),
            Normalizer.identity(),
            "none");

    List<FieldComparison> comparisons = AdjudicationViewModel.comparisonsOf(dispute);

    assertThat(comparisons)
        .extracting(FieldComparison::field)
        .containsExactlyElementsOf(rubric.fields().stream().map(f -> f.name()).toList());
    FieldComparison naturalness =
        comparisons.stream().filter(c -> c.field().equals("naturalness")).findFirst().orElseThrow();
    assertThat(naturalness.values())
        .containsExactly(Map.entry("ann-a", "2"), Map.entry("ann-b", "5"));
    assertThat(naturalness.agrees()).isFalse();
    assertThat(naturalness.anchors())
        .hasSize(5)
        .first()
        .isEqualTo("1 — Clearly machine-like throughout: robotic, buzzy or monotone.");
    FieldComparison intelligibility =
        comparisons.stream()
            .filter(c -> c.field().equals("intelligibility"))
            .findFirst()
            .orElseThrow();
    assertThat(intelligibility.agrees()).isTrue();
    assertThat(dispute.isTranscript()).isFalse();
  }
}
