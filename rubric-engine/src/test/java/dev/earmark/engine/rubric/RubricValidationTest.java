package dev.earmark.engine.rubric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earmark.engine.version.VersionedId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RubricValidationTest {
  private final RubricCatalog catalog = RubricCatalog.builtIn();
  private final Rubric asr = catalog.get(VersionedId.parse("asr-transcript@1"));
  private final Rubric tts = catalog.get(VersionedId.parse("tts-rating@1"));
  private final Rubric rag = catalog.get(VersionedId.parse("rag-stages@1"));

  private static Map<String, FieldValue> goodTts() {
    Map<String, FieldValue> fields = new HashMap<>();
    for (String scale :
        List.of(
            "intelligibility",
            "naturalness",
            "pronunciation",
            "speaker_consistency",
            "prosody",
            "audio_artifacts",
            "safety")) {
      fields.put(scale, new FieldValue.ScalePoint(4));
    }
    return fields;
  }

  private LabelValue ttsLabel(Map<String, FieldValue> fields) {
    return new LabelValue(tts.id(), fields);
  }

  private LabelValue asrLabel(String transcript, List<Segment> segments) {
    Map<String, FieldValue> fields = new HashMap<>();
    fields.put("transcript", new FieldValue.Text(transcript));
    if (segments != null) {
      fields.put("segments", new FieldValue.Segments(segments));
    }
    return new LabelValue(asr.id(), fields);
  }

  @Test
  void aCompleteTtsRatingIsValid() {
    Map<String, FieldValue> fields = goodTts();
    fields.put("mispronounced_words", new FieldValue.WordMarks(List.of(0, 3)));
    fields.put("preference_vs_reference", new FieldValue.Choice("no-preference"));
    assertThat(tts.validate(ttsLabel(fields), LabelContext.prompt(6))).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      textBlock =
          """
          7, naturalness: 7 is outside the 1–5 scale
          0, naturalness: 0 is outside the 1–5 scale
          """)
  void scalePointsOutsideTheScaleNameFieldAndRange(int point, String message) {
    Map<String, FieldValue> fields = goodTts();
    fields.put("naturalness", new FieldValue.ScalePoint(point));
    assertThat(tts.validate(ttsLabel(fields)))
        .extracting(Violation::toString)
        .containsExactly(message);
  }

  @Test
  void missingRequiredDimensionsAreNamed() {
    Map<String, FieldValue> fields = goodTts();
    fields.remove("prosody");
    fields.remove("safety");
    assertThat(tts.validate(ttsLabel(fields)))
        .extracting(Violation::field)
        .containsExactly("prosody", "safety");
  }

  @Test
  void unknownFieldsAndWrongShapesAreReported() {
    Map<String, FieldValue> fields = goodTts();
    fields.put("overall", new FieldValue.ScalePoint(4));
    fields.put("naturalness", new FieldValue.Text("good"));
    assertThat(tts.validate(ttsLabel(fields)))
        .extracting(Violation::toString)
        .containsExactly(
            "overall: is not a field of rubric tts-rating@1",
            "naturalness: expects a point on the 1–5 scale, not text");
  }

  @Test
  void ttsHasNoOverallScoreAndLatencyIsNotARating() {
    assertThat(tts.fields()).extracting(FieldSpec::name).doesNotContain("overall", "latency");
    assertThat(tts.fields().stream().filter(field -> field instanceof FieldSpec.ScaleField))
        .hasSize(8)
        .allSatisfy(
            field -> {
              FieldSpec.ScaleField scale = (FieldSpec.ScaleField) field;
              assertThat(scale.min()).isEqualTo(1);
              assertThat(scale.max()).isEqualTo(5);
              assertThat(scale.anchors()).hasSize(5);
            });
    assertThat(tts.listeningRequirement()).isEqualTo(0.8);
  }

  @Test
  void wordMarksMustPointIntoThePrompt() {
    Map<String, FieldValue> fields = goodTts();
    fields.put("mispronounced_words", new FieldValue.WordMarks(List.of(-1, 2, 2, 9)));
    assertThat(tts.validate(ttsLabel(fields), LabelContext.prompt(5)))
        .extracting(Violation::problem)
        .containsExactly(
            "word index -1 is negative",
            "word index 2 is marked twice",
            "word index 9 is past the end of the prompt, which has 5 words (indices start at 0)");
  }

  @Test
  void unknownPreferenceOptionListsTheOptions() {
    Map<String, FieldValue> fields = goodTts();
    fields.put("preference_vs_reference", new FieldValue.Choice("better"));
    assertThat(tts.validate(ttsLabel(fields)))
        .singleElement()
        .extracting(Violation::toString)
        .asString()
        .startsWith("preference_vs_reference: 'better' is not one of sample-much-better");
  }

  @ParameterizedTest
  @CsvSource(
      textBlock =
          """
          'hel- hello [noise] uh I mean [laughter] twenty one', 0
          '[music]', 0
          'hello [cough] [sneeze] there', 1
          'hello [noise there', 1
          '   ', 1
          """)
  void transcriptConventionsAreChecked(String transcript, int violations) {
    assertThat(asr.validate(asrLabel(transcript, null))).hasSize(violations);
  }

  @Test
  void unknownEventTagIsNamed() {
    assertThat(asr.validate(asrLabel("hi [sneeze]", null)))
        .extracting(Violation::toString)
        .singleElement()
        .asString()
        .startsWith("transcript: [sneeze] is not a defined event tag; use one of [noise] [music]");
  }

  @Test
  void wellFormedSegmentsAreValid() {
    List<Segment> segments =
        List.of(new Segment(0.0, 1.5, "A"), new Segment(1.5, 3.0, "B"), new Segment(3.2, 4.0, "A"));
    assertThat(asr.validate(asrLabel("hello there", segments), LabelContext.clip(4.0))).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      textBlock =
          """
          -0.5, 1.0, A, 2.0, 3.0, A, segment 1 (-0.5–1.0 s) starts before 0 s
          1.0, 0.5, A, 2.0, 3.0, A, segment 1 (1.0–0.5 s) does not end after it starts
          0.0, 2.0, A, 1.5, 3.0, B, segment 2 (1.5–3.0 s) overlaps segment 1
          2.0, 3.0, A, 0.0, 1.0, B, segment 2 (0.0–1.0 s) is out of order
          0.0, 1.0, A, 2.0, 3.0, '', segment 2 (2.0–3.0 s) has no speaker id
          0.0, 1.0, A, 2.0, 9.0, B, segment 2 (2.0–9.0 s) ends after the clip
          """)
  void badSegmentsAreReported(
      double s1, double e1, String p1, double s2, double e2, String p2, String problem) {
    List<Segment> segments = List.of(new Segment(s1, e1, p1), new Segment(s2, e2, p2));
    assertThat(asr.validate(asrLabel("hello", segments), LabelContext.clip(5.0)))
        .extracting(Violation::toString)
        .anySatisfy(message -> assertThat(message).startsWith("segments: " + problem));
  }

  @Test
  void flagsMustBeBooleans() {
    LabelValue label =
        new LabelValue(
            asr.id(),
            Map.of(
                "transcript", new FieldValue.Text("hi"),
                "bad_audio", new FieldValue.Flag(true),
                "unsure", new FieldValue.Text("yes")));
    assertThat(asr.validate(label))
        .extracting(Violation::toString)
        .containsExactly("unsure: expects true or false, not text");
  }

  @Test
  void ragKeepsTheEndToEndScoreApartFromTheStages() {
    assertThat(rag.groups()).containsExactly("stages", "end-to-end");
    assertThat(rag.fields().stream().filter(f -> f.group().equals("end-to-end")))
        .extracting(FieldSpec::name)
        .containsExactly("end_to_end");
    assertThat(rag.fields())
        .extracting(FieldSpec::name)
        .contains(
            "asr_entity_accuracy",
            "query_intent",
            "retrieval_recall",
            "source_freshness",
            "answer_groundedness",
            "citation_correctness",
            "refusal_correctness",
            "task_success",
            "spoken_delivery_clarity",
            "safety_outcome");
  }

  @Test
  void aLabelIsNeverReadUnderAnotherVersion() {
    Rubric v2 = asr.edit().build();
    LabelValue madeUnderV2 =
        new LabelValue(v2.id(), Map.of("transcript", new FieldValue.Text("hi")));
    assertThatThrownBy(() -> asr.validate(madeUnderV2))
        .isInstanceOf(RubricVersionMismatchException.class)
        .hasMessageContaining("asr-transcript@2")
        .hasMessageContaining("asr-transcript@1");
  }

  @Test
  void tagsMustBeDefinedAndDistinct() {
    FieldSpec.TagsField tags =
        new FieldSpec.TagsField(
            "accent_notes",
            "Accent features heard",
            "",
            true,
            List.of(new Option("rhotic", "r pronounced"), new Option("th-fronting", "th as f")));
    List<Violation> violations = new java.util.ArrayList<>();
    tags.check(
        new FieldValue.Tags(List.of("rhotic", "rhotic", "lisp")), LabelContext.none(), violations);
    tags.check(new FieldValue.Tags(List.of()), LabelContext.none(), violations);
    tags.check(new FieldValue.Flag(true), LabelContext.none(), violations);
    assertThat(violations)
        .extracting(Violation::problem)
        .containsExactly(
            "'rhotic' is given twice",
            "'lisp' is not one of rhotic, th-fronting",
            "needs at least one tag",
            "expects a list of tags, not a flag");
  }

  @Test
  void aLabelValueRefusesAFieldWithoutAValue() {
    Map<String, FieldValue> fields = new HashMap<>();
    fields.put("transcript", null);
    assertThatThrownBy(() -> new LabelValue(asr.id(), fields))
        .hasMessageContaining("field transcript of a label value has no value");
    assertThatThrownBy(() -> new LabelValue(null, Map.of()))
        .hasMessageContaining("needs the id of its rubric version");
  }
}
