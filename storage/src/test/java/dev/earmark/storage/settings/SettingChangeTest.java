package dev.earmark.storage.settings;

import static dev.earmark.storage.LabelingFixture.ANN_1;
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
import java.util.function.Supplier;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code earmark settings set}'s service: known keys only, kind and range checked, no-op quiet. */
class SettingChangeTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC);

  static List<Named<Supplier<Project>>> databases() {
    return Databases.fresh(CLOCK);
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aChangeReportsTheValueBeforeAndRepeatingItWritesNothing(Supplier<Project> factory) {
    try (Project project = factory.get()) {
      LabelingFixture.withUsers(project);
      ProjectSettings settings = new ProjectSettings(project);
      SettingChange first = settings.change(LEAD, "labeling.listening_share", "0.5");
      assertThat(first).isEqualTo(new SettingChange(Setting.LISTENING_SHARE, "0.8", "0.5", true));
      SettingChange again = settings.change(LEAD, "labeling.listening_share", "0.5");
      assertThat(again.changed()).isFalse();
      assertThat(settings.number(Setting.LISTENING_SHARE)).isEqualTo(0.5);
      assertThat(project.audit().eventsFor("setting", "labeling.listening_share")).hasSize(1);
      assertThatThrownBy(() -> settings.change(ANN_1, "labeling.listening_share", "0.1"))
          .isInstanceOf(PermissionDeniedException.class)
          .hasMessage("ann-1 cannot change project settings: that needs the lead role");
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          labeling.listening_share | 1.5  | setting labeling.listening_share must be between 0 and 1, not '1.5'
          qe.folds                 | 1    | setting qe.folds must be between 2 and 100, not '1'
          qe.rho_gate              | -2   | setting qe.rho_gate must be between -1 and 1, not '-2'
          routing.transcript_wer   | -0.1 | setting routing.transcript_wer must be at least 0, not '-0.1'
          qe.min_clips             | 0    | setting qe.min_clips must be at least 1, not '0'
          prefill_hypothesis       | on   | setting prefill_hypothesis is on or off: use true or false, not 'on'
          """)
  void valuesOutsideASettingsRangeAreRefused(String key, String value, String message) {
    try (Project project = Databases.fresh(CLOCK).get(0).getPayload().get()) {
      LabelingFixture.withUsers(project);
      ProjectSettings settings = new ProjectSettings(project);
      assertThatThrownBy(() -> settings.change(LEAD, key, value))
          .isInstanceOf(StorageException.class)
          .hasMessage(message);
      assertThat(settings.all()).isEmpty();
      assertThat(ProjectSettings.range(Setting.PREFILL_HYPOTHESIS)).isEqualTo("a finite number");
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void anUnknownKeyIsRefusedNamingTheKnownOnes(Supplier<Project> factory) {
    try (Project project = factory.get()) {
      LabelingFixture.withUsers(project);
      assertThatThrownBy(() -> new ProjectSettings(project).change(LEAD, "qe.fold", "5"))
          .isInstanceOf(StorageException.class)
          .hasMessageStartingWith("'qe.fold' is not a setting Earmark knows; known settings:")
          .hasMessageContaining("qe.folds");
      for (Setting setting : Setting.values()) {
        assertThat(setting.meaning()).as(setting.key()).isNotBlank();
      }
    }
  }
}
