package dev.earmark.app.gui.labeling;

import static dev.earmark.app.gui.FxThread.fx;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import atlantafx.base.theme.PrimerLight;
import dev.earmark.app.TestClocks;
import dev.earmark.app.gui.player.PlayerState;
import dev.earmark.app.gui.screen.Theme;
import dev.earmark.app.gui.waveform.WaveformClip;
import dev.earmark.storage.project.Project;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * P3 measured on the real labeling screen (not part of the build: it runs only with {@code
 * -Dearmark.p3=true}; see docs/BENCHMARKS.md). The demo project as ann-alex, whose queue holds the
 * demo's ASR clips (all ≤ 60 s), in a 1280 × 800 window under headless Monocle with the software
 * renderer and the real {@code EngineAudioPlayer}. For each submit, from the call to {@link
 * LabelingViewModel#submit()} on the JavaFX thread until the end of the first pulse in which
 *
 * <ul>
 *   <li><em>form</em>: the next clip's form is shown (the open queue entry changed),
 *   <li><em>waveform drawn</em>: the waveform holds the next clip and that pulse has repainted it,
 *       and
 *   <li><em>playable + drawn</em>: the waveform holds the next clip, the player has finished
 *       loading it ({@code PAUSED}, or {@code UNAVAILABLE} on a machine without a sound card) and
 *       that pulse has run the waveform's repaint.
 * </ul>
 *
 * The submit's database write is inside the figure. Figures are printed and written to {@code
 * target/p3-submit.txt}.
 */
@ExtendWith(ApplicationExtension.class)
class LabelingP3Measurement {
  private LabelingScreen screen;
  private Scene scene;
  private static Path dir;
  private static Project project;

  @BeforeAll
  static void buildDemo() throws IOException {
    if (Boolean.getBoolean("earmark.p3")) {
      dir = Files.createTempDirectory("earmark-p3");
      project = DemoProjects.withQueue(dir.resolve("demo"), false);
    }
  }

  @Start
  void start(Stage stage) throws IOException {
    if (project == null) {
      return;
    }
    Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
    screen =
        new LabelingScreen(
            new LabelingService(project, DemoProjects.ANNOTATOR),
            dir.resolve("cache"),
            TestClocks.FIXED,
            new Theme());
    scene = new Scene(screen.view(), 1280, 800);
    stage.setScene(scene);
    stage.show();
    screen.start(scene);
  }

  @Test
  void measureSubmitToNextClipPlayableAndDrawn() throws Exception {
    assumeTrue(Boolean.getBoolean("earmark.p3"), "P3 measurement runs only with -Dearmark.p3=true");
    LabelingViewModel model = screen.model();
    WaitForAsyncUtils.waitFor(
        30, TimeUnit.SECONDS, () -> fx(() -> model.currentProperty().get() != null));
    List<String> report = new ArrayList<>();
    List<Long> formNanos = new ArrayList<>();
    List<Long> readyNanos = new ArrayList<>();
    List<Long> drawnNanos = new ArrayList<>();
    List<String> states = new ArrayList<>();
    int submits = fx(() -> model.entries().size()) - 1;
    for (int i = 0; i < submits; i++) {
      awaitSettled(model);
      long[] marks = {0, 0, 0, 0};
      Runnable[] listener = new Runnable[1];
      fx(
          () -> {
            model.transcriptProperty().set("measured transcript number " + i(marks));
            QueueEntry from = model.currentEntryProperty().get();
            listener[0] =
                () -> {
                  QueueEntry open = model.currentEntryProperty().get();
                  if (open == null || open.item().assignmentId() == from.item().assignmentId()) {
                    return;
                  }
                  long now = System.nanoTime();
                  if (marks[1] == 0) {
                    marks[1] = now;
                  }
                  WaveformClip clip = screen.waveform().clipProperty().get();
                  PlayerState state = screen.waveform().player().stateProperty().get();
                  boolean shown =
                      clip != null
                          && clip.file().equals(model.currentProperty().get().clip().audio());
                  if (marks[3] == 0 && shown) {
                    marks[3] = now;
                  }
                  if (marks[2] == 0
                      && shown
                      && (state == PlayerState.PAUSED || state == PlayerState.UNAVAILABLE)) {
                    marks[2] = now;
                    states.add(state.name());
                  }
                };
            scene.addPostLayoutPulseListener(listener[0]);
            marks[0] = System.nanoTime();
            model.submit();
            return null;
          });
      try {
        WaitForAsyncUtils.waitFor(
            20,
            TimeUnit.SECONDS,
            () ->
                fx(
                    () -> {
                      javafx.application.Platform.requestNextPulse();
                      return marks[2] != 0;
                    }));
      } catch (java.util.concurrent.TimeoutException e) {
        String state = fx(() -> screen.waveform().player().stateProperty().get().name());
        report.add("submit " + (i + 1) + ": not playable within 20 s (player " + state + ")");
        fx(
            () -> {
              scene.removePostLayoutPulseListener(listener[0]);
              return null;
            });
        continue;
      }
      fx(
          () -> {
            scene.removePostLayoutPulseListener(listener[0]);
            return null;
          });
      formNanos.add(marks[1] - marks[0]);
      readyNanos.add(marks[2] - marks[0]);
      drawnNanos.add(marks[3] - marks[0]);
      report.add(
          String.format(
              Locale.ROOT,
              "submit %d: form %.1f ms, waveform drawn %.1f ms, playable + drawn %.1f ms",
              i + 1,
              (marks[1] - marks[0]) / 1e6,
              (marks[3] - marks[0]) / 1e6,
              (marks[2] - marks[0]) / 1e6));
    }
    report.add("player state when ready: " + String.join(", ", states));
    report.add(summary("next clip's form shown", formNanos));
    report.add(summary("next clip's waveform drawn", drawnNanos));
    report.add(summary("next clip playable + waveform drawn", readyNanos));
    report.add(
        summary(
            "the same without the first submit (cold JIT)",
            readyNanos.subList(1, readyNanos.size())));
    report.forEach(System.out::println);
    Files.write(Path.of("target", "p3-submit.txt"), report);
    fx(
        () -> {
          screen.close();
          return null;
        });
    project.close();
  }

  private static long i(long[] marks) {
    return System.identityHashCode(marks) % 1000;
  }

  /** Waits until the autosave and read-ahead of the open clip are done, so submits do not queue. */
  private static void awaitSettled(LabelingViewModel model) throws Exception {
    WaitForAsyncUtils.waitForFxEvents();
    Thread.sleep(1500);
    WaitForAsyncUtils.waitForFxEvents();
  }

  private static String summary(String what, List<Long> nanos) {
    long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
    return String.format(
        Locale.ROOT,
        "%-48s | n %2d | median %6.1f ms | max %6.1f ms | min %6.1f ms",
        what,
        sorted.length,
        sorted[sorted.length / 2] / 1e6,
        sorted[sorted.length - 1] / 1e6,
        sorted[0] / 1e6,
        Arrays.toString(sorted));
  }
}
