package dev.earmark.engine.rubric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earmark.engine.EngineException;
import dev.earmark.engine.version.VersionedId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelValueJsonTest {
  private final ObjectMapper json = new ObjectMapper();
  private final RubricCatalog catalog = RubricCatalog.builtIn();
  private final Rubric asr = catalog.get(VersionedId.parse("asr-transcript@1"));
  private final Rubric tts = catalog.get(VersionedId.parse("tts-rating@1"));

  @Test
  void everyShapeRoundTripsAndHashesStably() throws Exception {
    LabelValue label =
        new LabelValue(
            asr.id(),
            Map.of(
                "transcript", new FieldValue.Text("hel- hello [noise]"),
                "segments",
                    new FieldValue.Segments(
                        List.of(new Segment(0, 1.25, "A"), new Segment(1.5, 2, "B"))),
                "unsure", new FieldValue.Flag(true)));
    LabelValue again =
        LabelValueJson.read(json.readTree(LabelValueJson.toJson(label).toString()), asr);
    assertThat(again).isEqualTo(label);
    assertThat(again.contentHash()).isEqualTo(label.contentHash()).startsWith("sha256:");
    assertThat(asr.validate(again)).isEmpty();
  }

  @Test
  void choicesScalesAndMarksAreReadInTheShapeTheRubricExpects() throws Exception {
    String text =
        """
        {"rubric": "tts-rating@1", "fields": {"naturalness": 4, "mispronounced_words": [],
         "preference_vs_reference": "no-preference"}}
        """;
    LabelValue label = LabelValueJson.read(json.readTree(text), tts);
    assertThat(label.field("naturalness")).contains(new FieldValue.ScalePoint(4));
    assertThat(label.field("mispronounced_words")).contains(new FieldValue.WordMarks(List.of()));
    assertThat(label.field("preference_vs_reference"))
        .contains(new FieldValue.Choice("no-preference"));
  }

  @Test
  void aValueOfTheWrongShapeIsReadSoValidationCanNameIt() throws Exception {
    String text =
        "{\"rubric\": \"tts-rating@1\", \"fields\": {\"naturalness\": [\"good\"], \"x\": [1]}}";
    LabelValue label = LabelValueJson.read(json.readTree(text), tts);
    assertThat(tts.validate(label))
        .extracting(Violation::toString)
        .contains(
            "x: is not a field of rubric tts-rating@1",
            "naturalness: expects a point on the 1–5 scale, not tags");
  }

  @Test
  void readingUnderAnotherVersionIsRefusedNamingBoth() throws Exception {
    String text = "{\"rubric\": \"tts-rating@2\", \"fields\": {}}";
    assertThatThrownBy(() -> LabelValueJson.read(json.readTree(text), tts))
        .isInstanceOf(RubricVersionMismatchException.class)
        .hasMessage(
            "the label was made under rubric tts-rating@2 and cannot be read under tts-rating@1;"
                + " validate it against tts-rating@2")
        .satisfies(
            e -> {
              RubricVersionMismatchException mismatch = (RubricVersionMismatchException) e;
              assertThat(mismatch.labelRubric()).isEqualTo(VersionedId.parse("tts-rating@2"));
              assertThat(mismatch.offeredRubric()).isEqualTo(tts.id());
            });
  }

  @Test
  void documentsThatAreNotLabelsAreRefused() throws Exception {
    assertThatThrownBy(() -> LabelValueJson.read(json.readTree("[]"), tts))
        .isInstanceOf(EngineException.class);
    assertThatThrownBy(() -> LabelValueJson.read(json.readTree("{\"fields\": {}}"), tts))
        .hasMessageContaining("must name its rubric version");
    assertThatThrownBy(
            () -> LabelValueJson.read(json.readTree("{\"rubric\": \"tts-rating@1\"}"), tts))
        .hasMessageContaining("'fields'");
    assertThatThrownBy(
            () ->
                LabelValueJson.read(
                    json.readTree(
                        "{\"rubric\": \"tts-rating@1\", \"fields\": {\"naturalness\": {\"a\": 1}}}"),
                    tts))
        .hasMessageContaining("field naturalness");
    assertThatThrownBy(
            () ->
                LabelValueJson.read(
                    json.readTree(
                        "{\"rubric\": \"asr-transcript@1\", \"fields\": {\"segments\": [{\"start\": 1}]}}"),
                    asr))
        .hasMessageContaining("numeric 'start' and 'end'");
  }
}
