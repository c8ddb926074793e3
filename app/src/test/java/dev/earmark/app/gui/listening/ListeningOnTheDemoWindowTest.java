package dev.earmark.app.gui.listening;

import static dev.earmark.app.gui.FxThread.fx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.earmark.app.TestClocks;
import dev.earmark.app.gui.WorkbenchWindow;
import dev.earmark.app.gui.background.FxTaskExecutor;
import dev.earmark.app.gui.dashboard.AgreementScreen;
import dev.earmark.app.gui.labeling.FxDebouncer;
import dev.earmark.app.gui.player.ManualClockPlayer;
import dev.earmark.app.gui.shell.WorkbenchShell;
import dev.earmark.engine.rubric.FieldValue;
import dev.earmark.engine.rubric.TaskType;
import dev.earmark.engine.version.VersionedId;
import dev.earmark.storage.label.Label;
import dev.earmark.storage.label.LabelState;
import dev.earmark.storage.label.Labels;
import dev.earmark.storage.policy.Policies;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.settings.ProjectSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The listening tests on the real demo (built by {@code earmark demo}'s path, H2 on disk): the
 * lead's dashboard shows the MUSHRA test's screened system results, and the newcomer rates their
 * first MUSHRA trial on the screen over {@link StoredListeningService}, which stores an ordinary
 * submitted label keyed by the stimuli's clip ids. Playback on a {@link ManualClockPlayer}.
 */
@ExtendWith(ApplicationExtension.class)
class ListeningOnTheDemoWindowTest {
  @TempDir static Path dir;

  @RegisterExtension static final WorkbenchWindow window = WorkbenchWindow.withDemo(() -> dir);

  @Test
  void theLeadsDashboardShowsTheScreenedMushraResults(FxRobot robot) throws Exception {
    WorkbenchShell shell = window.shell();
    fx(
        () -> {
          shell.open(window.project(), "lead-demo");
          return null;
        });
    WaitForAsyncUtils.waitFor(
        30, TimeUnit.SECONDS, () -> fx(() -> shell.activeScreen().isPresent()));
    robot.clickOn("#nav-agreement");
    WaitForAsyncUtils.waitFor(
        30,
        TimeUnit.SECONDS,
        () -> fx(() -> shell.activeScreen().orElse(null) instanceof AgreementScreen));
    robot.clickOn("#taskType-tts-mushra");
    WaitForAsyncUtils.waitFor(
        60,
        TimeUnit.SECONDS,
        () -> fx(() -> robot.lookup("#listeningResults").tryQuery().isPresent()));
    // DemoListeningTests' fixed scores, 2 scored trials each for Alex and Cem (Bea screened
    // out): sys-a 74, sys-b 63, sys-c 41.5, hidden reference 97.5 (DemoListeningTestsTest).
    String sysA = "means-quality-espeak-ng:en-gb-x-rp+f3";
    assertThat(text(robot, sysA + "-mean")).isEqualTo("74.00");
    assertThat(text(robot, sysA + "-interval")).startsWith("[");
    assertThat(text(robot, sysA + "-latency")).isEqualTo("180 ms · 180 ms");
    assertThat(text(robot, "means-quality-reference-mean")).isEqualTo("97.50");
    assertThat(text(robot, "screening-ann-bea")).isEqualTo("excluded");
    assertThat(text(robot, "screening-ann-bea-rule")).isEqualTo("bs1534-post@1");
    assertThat(text(robot, "screening-ann-bea-why")).contains("hidden reference below 90");
    assertThat(text(robot, "screening-ann-alex")).isEqualTo("kept");
    assertThat(text(robot, "alpha-quality")).matches("-?\\d\\.\\d\\d");
    assertThat(text(robot, "difference-espeak-ng:en-gb-x-rp+f3-espeak-ng:en-us+klatt4"))
        .endsWith("= +11.00");

    robot.clickOn("#taskType-tts-preference");
    WaitForAsyncUtils.waitFor(
        60, TimeUnit.SECONDS, () -> fx(() -> robot.lookup("#preferences").tryQuery().isPresent()));
    // Alex and Cem prefer sys-a twice each, Bea has no preference: 4 of 6 and 2 of 6.
    String pair = "preference-espeak-ng:en-gb-x-rp+f3-espeak-ng:en-us+klatt4";
    assertThat(text(robot, pair + "-first")).startsWith("espeak-ng:en-gb-x-rp+f3 67%");
    assertThat(text(robot, pair + "-none")).startsWith("33%");
  }

  @Test
  void theNewcomerRatesAMushraTrialThatIsStoredAsTheirLabel(FxRobot robot) throws Exception {
    Project project = Project.openEmbedded(window.project(), false, TestClocks.FIXED);
    List<ManualClockPlayer> players = new ArrayList<>();
    ListeningScreen screen =
        fx(
            () -> {
              ListeningScreen opened =
                  new ListeningScreen(
                      new StoredListeningService(project, "ann-dee", TestClocks.FIXED),
                      new FxTaskExecutor(1),
                      new FxDebouncer(),
                      Optional.empty(),
                      executor -> {
                        ManualClockPlayer player = new ManualClockPlayer(2.0);
                        players.add(player);
                        return player;
                      });
              Scene scene = new Scene(opened.view(), 1280, 800);
              window.stage().setScene(scene);
              opened.start(scene);
              return opened;
            });
    try {
      MushraViewModel model = screen.mushra();
      WaitForAsyncUtils.waitFor(
          30, TimeUnit.SECONDS, () -> fx(() -> model.trialProperty().get().isPresent()));
      MushraTrial trial = fx(() -> model.trialProperty().get().orElseThrow());
      assertThat(trial.training()).as("the newcomer's first session is training").isTrue();
      assertThat(trial.stimuli()).hasSize(6);
      assertThat(trial.reference()).isPresent();
      assertThat(fx(() -> ((Labeled) robot.lookup("#mushraView #trialHeading").query()).getText()))
          .startsWith("Training (practice, not scored) · MUSHRA");
      ManualClockPlayer player = players.get(0);
      for (int i = 0; i < trial.stimuli().size(); i++) {
        int index = i;
        fx(
            () -> {
              model.deck().play(index);
              model.deck().seek(0);
              for (int step = 0; step < 10; step++) {
                player.advance(0.2);
                model.deck().tick();
              }
              return model.setScore(index, 10 * index);
            });
      }
      fx(
          () -> {
            model.submit();
            return null;
          });
      long assignment = Long.parseLong(trial.trialId());
      Labels labels = new Labels(project, new Policies(project), new ProjectSettings(project));
      WaitForAsyncUtils.waitFor(
          30,
          TimeUnit.SECONDS,
          () ->
              labels
                  .labels(project.users().actor("lead-demo"), VersionedId.parse("tts-mushra@1"))
                  .stream()
                  .anyMatch(
                      l -> l.assignmentId() == assignment && l.state() == LabelState.SUBMITTED));
      Label stored =
          labels
              .labels(project.users().actor("lead-demo"), VersionedId.parse("tts-mushra@1"))
              .stream()
              .filter(l -> l.assignmentId() == assignment)
              .findFirst()
              .orElseThrow();
      assertThat(stored.annotatorId()).isEqualTo("ann-dee");
      FieldValue.StimulusScores scores =
          (FieldValue.StimulusScores) stored.value().fields().get("quality");
      for (int i = 0; i < trial.stimuli().size(); i++) {
        assertThat(scores.scores()).containsEntry(trial.stimuli().get(i).key(), 10 * i);
      }
      assertThat(stored.listenedCoverage()).isGreaterThanOrEqualTo(1.0 - 1e-9);
      assertThat(TaskType.TTS_MUSHRA.isMultiStimulus()).isTrue();
    } finally {
      fx(
          () -> {
            screen.close();
            return null;
          });
      project.close();
    }
  }

  private static String text(FxRobot robot, String id) {
    return fx(
        () -> {
          Node node = robot.lookup((Node n) -> id.equals(n.getId())).query();
          return ((Labeled) node).getText();
        });
  }
}
