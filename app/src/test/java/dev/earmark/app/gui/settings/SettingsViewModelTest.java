package dev.earmark.app.gui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earmark.app.TestClocks;
import dev.earmark.app.demo.DemoCreation;
import dev.earmark.app.gui.CurrentThreadExecutor;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.settings.ProjectSettings;
import dev.earmark.storage.settings.Setting;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The settings tab's view-model on a real demo project (H2 file, fixed clock), synchronously. */
class SettingsViewModelTest {
  @TempDir static Path dir;
  private Project project;

  @BeforeAll
  static void buildDemo() {
    DemoCreation.create(dir.resolve("demo"), "lead-demo", TestClocks.FIXED);
  }

  @AfterEach
  void close() {
    if (project != null) {
      project.close();
    }
  }

  private SettingsViewModel open(String user) {
    project = Project.openEmbedded(dir.resolve("demo"), false, TestClocks.FIXED);
    SettingsViewModel model =
        new SettingsViewModel(new SettingsService(project, user), new CurrentThreadExecutor());
    model.load();
    return model;
  }

  @Test
  void theValueShownAlreadyIsNotStoredAgainNorAudited() {
    SettingsViewModel model = open("lead-demo");
    assertThat(model.values()).hasSize(Setting.values().length);
    Setting setting = Setting.QE_REVIEW_THRESHOLD;
    assertThat(new ProjectSettings(project).get(setting.key())).isEmpty();
    // The property sheet hands each editor's first value back to its item.
    model.change(setting, setting.defaultValue());
    assertThat(new ProjectSettings(project).get(setting.key())).isEmpty();
    assertThat(project.audit().eventsFor("setting", setting.key())).isEmpty();
  }

  @Test
  void onlyALeadChangesASettingAndOthersAreToldWhy() {
    SettingsViewModel model = open("adj-demo");
    model.change(Setting.ROUTING_TRANSCRIPT_WER, "0.4");
    assertThat(model.problemProperty().get()).isNotEmpty().contains("lead");
    assertThat(new ProjectSettings(project).get(Setting.ROUTING_TRANSCRIPT_WER))
        .isNotEqualTo("0.4");
  }

  @Test
  void aWholeNumberSettingRefusesADecimalWithTheServicesSentence() {
    SettingsViewModel model = open("lead-demo");
    model.change(Setting.QE_FOLDS, "2.5");
    assertThat(model.problemProperty().get())
        .isEqualTo("Setting qe.folds needs a whole number such as 5, not '2.5'.");
    assertThat(model.values())
        .filteredOn(v -> v.setting() == Setting.QE_FOLDS)
        .extracting(SettingValue::value)
        .containsExactly(Setting.QE_FOLDS.defaultValue());
  }
}
