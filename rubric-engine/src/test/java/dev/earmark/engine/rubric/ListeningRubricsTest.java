package dev.earmark.engine.rubric;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earmark.engine.version.VersionedId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The MUSHRA and A/B preference rubrics: their label values read, write and validate per trial. */
class ListeningRubricsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Rubric MUSHRA =
      RubricCatalog.builtIn().get(VersionedId.parse("tts-mushra@1"));
  private static final Rubric PREFERENCE =
      RubricCatalog.builtIn().get(VersionedId.parse("tts-preference@1"));
  private static final LabelContext TRIAL =
      LabelContext.trial(List.of("p01-ref", "p01-lp35", "p01-lp70", "p01-s1", "p01-s2"));

  @Test
  void aMushraLabelScoresEveryStimulusByClipIdAndRoundTrips() throws Exception {
    String text =
        "{\"rubric\":\"tts-mushra@1\",\"fields\":{\"quality\":{\"p01-s2\":83,\"p01-ref\":100,"
            + "\"p01-lp35\":12,\"p01-lp70\":48,\"p01-s1\":71}}}";
    LabelValue label = LabelValueJson.read(JSON.readTree(text), MUSHRA);

    assertThat(MUSHRA.validate(label, TRIAL)).isEmpty();
    assertThat(label.field("quality")).containsInstanceOf(FieldValue.StimulusScores.class);
    assertThat(LabelValueJson.toJson(label).toString())
        .isEqualTo(
            "{\"rubric\":\"tts-mushra@1\",\"fields\":{\"quality\":{\"p01-lp35\":12,\"p01-lp70\":48,"
                + "\"p01-ref\":100,\"p01-s1\":71,\"p01-s2\":83}}}");
  }

  @Test
  void aMushraLabelMissingAStimulusOrNamingAStrangerOrOffTheScaleIsRefused() throws Exception {
    String text =
        "{\"rubric\":\"tts-mushra@1\",\"fields\":{\"quality\":{\"p01-ref\":101,"
            + "\"p01-lp35\":12,\"p01-lp70\":48,\"p01-s1\":71,\"p02-s1\":50}}}";
    LabelValue label = LabelValueJson.read(JSON.readTree(text), MUSHRA);

    assertThat(MUSHRA.validate(label, TRIAL))
        .extracting(Violation::problem)
        .containsExactly(
            "stimulus p01-ref scored 101, outside the 0–100 scale",
            "clip p02-s1 is not a stimulus of this trial",
            "stimulus p01-s2 has no score");
  }

  @Test
  void aPreferenceNamesOneStimulusOrNoPreferenceAndAForcedEditRefusesNoPreference()
      throws Exception {
    LabelContext pair = LabelContext.trial(List.of("p07-s1", "p07-s2"));
    LabelValue chosen =
        LabelValueJson.read(
            JSON.readTree(
                "{\"rubric\":\"tts-preference@1\",\"fields\":{\"preference\":\"p07-s2\","
                    + "\"reasons\":[\"pronunciation\"]}}"),
            PREFERENCE);
    LabelValue stranger =
        LabelValueJson.read(
            JSON.readTree(
                "{\"rubric\":\"tts-preference@1\",\"fields\":{\"preference\":\"p08-s2\"}}"),
            PREFERENCE);
    LabelValue none =
        LabelValueJson.read(
            JSON.readTree(
                "{\"rubric\":\"tts-preference@1\",\"fields\":{\"preference\":\"no-preference\"}}"),
            PREFERENCE);

    assertThat(PREFERENCE.validate(chosen, pair)).isEmpty();
    assertThat(PREFERENCE.validate(none, pair)).isEmpty();
    assertThat(PREFERENCE.validate(stranger, pair))
        .extracting(Violation::problem)
        .containsExactly("clip p08-s2 is not a stimulus of this trial");

    Rubric forced =
        PREFERENCE
            .edit()
            .replaceField(
                new FieldSpec.StimulusChoiceField(
                    "preference", "Which of the two you prefer.", "comparison", true, false))
            .build();
    LabelValue noneUnderForced = new LabelValue(forced.id(), none.fields());
    assertThat(forced.id()).isEqualTo(VersionedId.parse("tts-preference@2"));
    assertThat(forced.validate(noneUnderForced, pair))
        .extracting(Violation::problem)
        .containsExactly("is a forced choice: pick one stimulus, no-preference is off");
    assertThat(RubricDiff.between(PREFERENCE, forced).toString()).contains("allow no preference");
  }

  @Test
  void theNewFieldTypesSurviveTheCanonicalJsonRoundTrip() throws Exception {
    for (Rubric rubric : List.of(MUSHRA, PREFERENCE)) {
      Rubric again =
          RubricJson.read(
              "round trip",
              new java.io.ByteArrayInputStream(
                  RubricJson.write(rubric).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      assertThat(again).isEqualTo(rubric);
    }
    FieldSpec.StimulusScoresField quality =
        (FieldSpec.StimulusScoresField) MUSHRA.field("quality").orElseThrow();
    assertThat(quality.bands()).containsEntry(80, "Excellent").containsEntry(0, "Bad");
    assertThat(TaskType.fromId("tts-mushra").isMultiStimulus()).isTrue();
    assertThat(TaskType.TTS_RATING.isMultiStimulus()).isFalse();
  }
}
