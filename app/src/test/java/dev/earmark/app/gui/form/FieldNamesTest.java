package dev.earmark.app.gui.form;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earmark.engine.rubric.Violation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Field names and rubric problems as people read them, not as ids (issue 17). */
class FieldNamesTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          asr_entity_accuracy     | ASR entity accuracy
          contains_personal_data  | Contains personal data
          answer_groundedness     | Answer groundedness
          naturalness             | Naturalness
          preference_vs_reference | Preference vs reference
          """)
  void fieldNamesReadAsWords(String name, String shown) {
    assertThat(FieldNames.display(name)).isEqualTo(shown);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          answer_groundedness | is required by rubric rag-stages@1 but missing | Answer groundedness is still empty; it is required.
          naturalness         | 7 is outside the 1–5 scale                      | Naturalness: 7 is outside the 1–5 scale.
          label               | the label was made under x@1                    | The label was made under x@1.
          """)
  void problemsReadAsSentencesWithoutIds(String field, String problem, String sentence) {
    assertThat(FieldNames.sentence(new Violation(field, problem))).isEqualTo(sentence);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          contains_personal_data | contains personal data
          asr_entity_accuracy    | ASR entity accuracy
          """)
  void inASentenceOnlyAcronymsKeepCapitals(String name, String shown) {
    assertThat(FieldNames.inSentence(name)).isEqualTo(shown);
  }
}
