package dev.earmark.storage.settings;

import static dev.earmark.storage.LabelingFixture.ADJ;
import static dev.earmark.storage.LabelingFixture.LEAD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earmark.storage.Databases;
import dev.earmark.storage.LabelingFixture;
import dev.earmark.storage.PermissionDeniedException;
import dev.earmark.storage.StorageException;
import dev.earmark.storage.project.Project;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ProjectSettingsTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-21T09:30:00Z"), ZoneOffset.UTC);

  static List<Named<Supplier<Project>>> databases() {
    return Databases.fresh(CLOCK);
  }

  @ParameterizedTest
  @MethodSource("databases")
  void defaultsHoldUntilTheLeadChangesThemAndChangesAreAudited(Supplier<Project> factory) {
    try (Project project = factory.get()) {
      LabelingFixture.withUsers(project);
      ProjectSettings settings = new ProjectSettings(project);
      assertThat(settings.flag(Setting.QE_HINTS_VISIBLE_TO_ANNOTATORS)).isFalse();
      assertThat(settings.flag(Setting.SHOW_OTHER_LABELS_AFTER_SUBMIT)).isFalse();
      assertThat(settings.flag(Setting.PREFILL_HYPOTHESIS)).isFalse();
      assertThat(settings.number(Setting.ROUTING_TRANSCRIPT_WER)).isEqualTo(0.2);
      assertThat(settings.number(Setting.QE_RHO_GATE)).isEqualTo(0.4);
      assertThat(settings.number(Setting.QE_DRIFT_PSI_THRESHOLD)).isEqualTo(0.2);
      assertThat(settings.wholeNumber(Setting.QE_FOLDS)).isEqualTo(5);
      assertThat(settings.wholeNumber(Setting.QE_MIN_CLIPS)).isEqualTo(30);

      settings.set(LEAD, Setting.QE_HINTS_VISIBLE_TO_ANNOTATORS, true);
      settings.set(LEAD, "routing.transcript_wer", "0.15");
      settings.set(LEAD, "routing.transcript_wer", "0.25");
      settings.set(LEAD, "export.format-version", "2");
      assertThat(settings.flag(Setting.QE_HINTS_VISIBLE_TO_ANNOTATORS)).isTrue();
      assertThat(settings.number(Setting.ROUTING_TRANSCRIPT_WER)).isEqualTo(0.25);
      assertThat(settings.all())
          .isEqualTo(
              Map.of(
                  "export.format-version", "2",
                  "qe_hints_visible_to_annotators", "true",
                  "routing.transcript_wer", "0.25"));
      assertThat(project.audit().eventsFor("setting", "routing.transcript_wer"))
          .extracting(event -> event.beforeJson() + " -> " + event.afterJson())
          .containsExactly(
              "null -> {\"value\":\"0.15\"}", "{\"value\":\"0.15\"} -> {\"value\":\"0.25\"}");
      assertThatThrownBy(() -> settings.set(ADJ, Setting.PREFILL_HYPOTHESIS, true))
          .isInstanceOf(PermissionDeniedException.class);
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          prefill_hypothesis     | yes  | setting prefill_hypothesis is on or off: use true or false, not 'yes'
          routing.ordinal_spread | two  | setting routing.ordinal_spread needs a number such as 0.25, not 'two'
          qe.review_threshold    | NaN  | setting qe.review_threshold needs a number such as 0.25, not 'NaN'
          qe.folds               | 2.5  | setting qe.folds needs a whole number such as 5, not '2.5'
          qe.min_clips           | many | setting qe.min_clips needs a whole number such as 5, not 'many'
          Bad Key                | 1    | 'Bad Key' is not a setting key: use lower-case letters, digits, '.', '_' or '-'
          """)
  void badValuesAreRefusedWithASentence(String key, String value, String message) {
    try (Project project = Databases.fresh(CLOCK).get(0).getPayload().get()) {
      LabelingFixture.withUsers(project);
      assertThatThrownBy(() -> new ProjectSettings(project).set(LEAD, key, value))
          .isInstanceOf(StorageException.class)
          .hasMessage(message);
    }
  }
}
