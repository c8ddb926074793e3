package dev.earmark.engine.rubric;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earmark.engine.version.VersionedId;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RubricDiffTest {
  private final Rubric v1 = RubricCatalog.builtIn().get(VersionedId.parse("tts-rating@1"));

  private Rubric v2() {
    FieldSpec.ScaleField naturalness = (FieldSpec.ScaleField) v1.field("naturalness").orElseThrow();
    TreeMap<Integer, String> anchors = new TreeMap<>(naturalness.anchors());
    anchors.put(6, "Better than a human recording.");
    FieldSpec.CategoricalField preference =
        (FieldSpec.CategoricalField) v1.field("preference_vs_reference").orElseThrow();
    return v1.edit()
        .listeningRequirement(1.0)
        .replaceField(
            new FieldSpec.ScaleField(
                "naturalness", naturalness.definition(), "dimensions", true, 1, 6, anchors))
        .replaceField(
            new FieldSpec.CategoricalField(
                "preference_vs_reference",
                preference.definition(),
                "comparison",
                false,
                List.of(
                    new Option("sample-better", "This clip is better."),
                    new Option("no-preference", "No meaningful difference."),
                    new Option("reference-better", "The reference is better."))))
        .removeField("long_form_stability")
        .addField(
            new FieldSpec.FlagField("contains_music", "Background music is audible.", "flags"))
        .build();
  }

  @Test
  void identicalVersionsHaveNoChanges() {
    RubricDiff diff = RubricDiff.between(v1, v1);
    assertThat(diff.isEmpty()).isTrue();
    assertThat(RubricDiffRenderer.human(diff)).contains("no changes");
  }

  @Test
  void addedRemovedAndChangedFieldsAreListed() {
    RubricDiff diff = RubricDiff.between(v1, v2());
    assertThat(diff.from()).isEqualTo(v1.id());
    assertThat(diff.to()).isEqualTo(VersionedId.parse("tts-rating@2"));
    assertThat(diff.rubricChanges())
        .extracting(RubricDiff.AspectChange::aspect)
        .containsExactly("listening requirement", "field order");
    assertThat(diff.fieldChanges())
        .extracting(change -> change.getClass().getSimpleName() + " " + change.field())
        .containsExactly(
            "FieldChanged naturalness",
            "FieldRemoved long_form_stability",
            "FieldChanged preference_vs_reference",
            "FieldAdded contains_music");
    RubricDiff.FieldChanged naturalness = (RubricDiff.FieldChanged) diff.fieldChanges().get(0);
    assertThat(naturalness.changes())
        .containsExactly(
            new RubricDiff.AspectChange("scale range", "1–5", "1–6"),
            new RubricDiff.AspectChange("anchor 6", null, "Better than a human recording."));
    RubricDiff.FieldChanged preference = (RubricDiff.FieldChanged) diff.fieldChanges().get(2);
    assertThat(preference.changes())
        .extracting(RubricDiff.AspectChange::aspect)
        .containsExactly(
            "option sample-much-better",
            "option sample-better",
            "option reference-better",
            "option reference-much-better");
  }

  @Test
  void humanFormHasOneLinePerChange() {
    String text = RubricDiffRenderer.human(RubricDiff.between(v1, v2()));
    assertThat(text)
        .startsWith("rubric tts-rating@1 → tts-rating@2\n")
        .contains("~ rubric listening requirement: \"0.8\" → \"1.0\"")
        .contains("~ naturalness: scale range: \"1–5\" → \"1–6\"")
        .contains("~ naturalness: anchor 6 added: \"Better than a human recording.\"")
        .contains("~ preference_vs_reference: option sample-much-better removed (was")
        .contains("- long_form_stability (scale)")
        .contains("+ contains_music (flag): Background music is audible.");
  }

  @Test
  void jsonFormSeparatesAddedRemovedAndChanged() {
    Rubric v2 = v2();
    JsonNode json = RubricDiffRenderer.json(RubricDiff.between(v1, v2));
    assertThat(json.get("from").asText()).isEqualTo("tts-rating@1");
    assertThat(json.get("to_hash").asText()).isEqualTo(v2.hash());
    assertThat(json.get("changed").asBoolean()).isTrue();
    assertThat(json.at("/fields/added/0/field").asText()).isEqualTo("contains_music");
    assertThat(json.at("/fields/removed/0/field").asText()).isEqualTo("long_form_stability");
    assertThat(json.at("/fields/changed/0/changes/0/aspect").asText()).isEqualTo("scale range");
    assertThat(json.at("/fields/changed/0/changes/1/before").isNull()).isTrue();
    assertThat(json.at("/rubric_changes/0/after").asText()).isEqualTo("1.0");
  }

  @Test
  void aChangedTypeIsReportedAsATypeChange() {
    Rubric v2 =
        v1.edit()
            .replaceField(
                new FieldSpec.CategoricalField(
                    "safety",
                    "Safe to ship?",
                    "dimensions",
                    true,
                    List.of(new Option("safe", "Safe"), new Option("unsafe", "Unsafe"))))
            .build();
    RubricDiff.FieldChanged safety =
        (RubricDiff.FieldChanged) RubricDiff.between(v1, v2).fieldChanges().get(0);
    assertThat(safety.changes().get(0))
        .isEqualTo(new RubricDiff.AspectChange("type", "scale", "categorical"));
  }
}
