package dev.earmark.app.gui.settings;

import static dev.earmark.app.gui.FxThread.fx;
import static dev.earmark.app.gui.WindowNodes.awaitText;
import static dev.earmark.app.gui.WindowNodes.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.earmark.app.gui.WorkbenchWindow;
import dev.earmark.app.gui.desk.ProjectDeskScreen;
import dev.earmark.storage.audit.AuditEvent;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.settings.ProjectSettings;
import dev.earmark.storage.settings.Setting;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.event.ActionEvent;
import javafx.scene.control.CheckBox;
import javafx.scene.control.TextField;
import org.controlsfx.control.PropertySheet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Settings tab in the real window on a real demo project: every setting is in the property
 * sheet with its meaning; an out-of-range number is refused with the settings service's sentence
 * and nothing is stored; a valid number and a flag are stored and audited as {@code earmark
 * settings set} stores them.
 */
@ExtendWith(ApplicationExtension.class)
class SettingsWindowTest {
  @TempDir static Path dir;

  @RegisterExtension static final WorkbenchWindow window = WorkbenchWindow.withDemo(() -> dir);

  @Test
  void aLeadSeesEverySettingWithItsMeaningAndAnInvalidValueIsRefusedWithItsSentence(FxRobot robot)
      throws Exception {
    window.open(robot, "lead-demo");
    ProjectDeskScreen desk = window.desk(ProjectDeskScreen.Part.SETTINGS);
    // The tab's content is built when the tab is first shown: wait for the sheet to exist.
    WaitForAsyncUtils.waitFor(
        20,
        TimeUnit.SECONDS,
        () -> fx(() -> robot.lookup("#settingsSheet").tryQuery().isPresent()));
    PropertySheet sheet = robot.lookup("#settingsSheet").queryAs(PropertySheet.class);
    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> fx(() -> sheet.getItems().size()) == Setting.values().length);
    WaitForAsyncUtils.waitFor(
        10,
        TimeUnit.SECONDS,
        () -> robot.lookup("#meaning-project-training_sandbox").tryQuery().isPresent());
    for (Setting setting : Setting.values()) {
      String id = "#meaning-" + setting.key().replace('.', '-');
      assertThat(robot.lookup(id).tryQuery()).as(setting.key()).isPresent();
      assertThat(text(robot, id)).startsWith(setting.meaning() + "; ");
    }
    assertThat(text(robot, "#meaning-routing-transcript_wer")).contains("a number at least 0");

    Project project = desk.project();
    String key = Setting.ROUTING_TRANSCRIPT_WER.key();
    String before = new ProjectSettings(project).get(Setting.ROUTING_TRANSCRIPT_WER);
    int events = project.audit().eventsFor("setting", key).size();

    enter(robot, "#setting-routing-transcript_wer", "-0.5");
    awaitText(robot, "#settingsProblem", s -> !s.isEmpty());
    assertThat(text(robot, "#settingsProblem"))
        .isEqualTo("Setting routing.transcript_wer must be at least 0, not '-0.5'.");
    assertThat(new ProjectSettings(project).get(Setting.ROUTING_TRANSCRIPT_WER)).isEqualTo(before);
    assertThat(project.audit().eventsFor("setting", key)).hasSize(events);
    // The sheet shows the value still in force again.
    WaitForAsyncUtils.waitFor(
        10, TimeUnit.SECONDS, () -> field(robot, "#setting-routing-transcript_wer").equals(before));

    enter(robot, "#setting-routing-transcript_wer", "0.3");
    awaitText(robot, "#settingsStatus", s -> s.startsWith(key));
    assertThat(text(robot, "#settingsStatus")).isEqualTo(key + ": " + before + " → 0.3 (saved).");
    assertThat(text(robot, "#settingsProblem")).isEmpty();
    assertThat(new ProjectSettings(project).get(Setting.ROUTING_TRANSCRIPT_WER)).isEqualTo("0.3");
    assertThat(project.audit().eventsFor("setting", key))
        .last()
        .extracting(AuditEvent::action, AuditEvent::actor)
        .containsExactly("setting.set", "lead-demo");

    // A flag is saved when it is ticked.
    String flag = "#setting-" + Setting.QE_HINTS_VISIBLE_TO_ANNOTATORS.key();
    WaitForAsyncUtils.waitFor(
        10, TimeUnit.SECONDS, () -> robot.lookup(flag).tryQuery().isPresent());
    CheckBox box = robot.lookup(flag).queryAs(CheckBox.class);
    assertThat(fx(box::isSelected)).isFalse();
    fx(
        () -> {
          box.setSelected(true);
          return null;
        });
    WaitForAsyncUtils.waitFor(
        10,
        TimeUnit.SECONDS,
        () -> new ProjectSettings(project).flag(Setting.QE_HINTS_VISIBLE_TO_ANNOTATORS));
    assertThat(project.audit().eventsFor("setting", Setting.QE_HINTS_VISIBLE_TO_ANNOTATORS.key()))
        .extracting(AuditEvent::action)
        .containsExactly("setting.set");
  }

  /** Types {@code value} into the field and presses Enter (the field's action). */
  private static void enter(FxRobot robot, String id, String value) throws Exception {
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(id).tryQuery().isPresent());
    TextField field = robot.lookup(id).queryAs(TextField.class);
    fx(
        () -> {
          field.setText(value);
          field.getOnAction().handle(new ActionEvent());
          return null;
        });
  }

  private static String field(FxRobot robot, String id) {
    return robot
        .lookup(id)
        .tryQuery()
        .map(node -> fx(() -> ((TextField) node).getText()))
        .orElse("");
  }
}
