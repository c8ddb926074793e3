package dev.earmark.app.gui.assign;

import static dev.earmark.app.gui.FxThread.fx;
import static dev.earmark.app.gui.WindowNodes.await;
import static dev.earmark.app.gui.WindowNodes.press;
import static dev.earmark.app.gui.WindowNodes.text;
import static dev.earmark.app.gui.WindowNodes.type;
import static org.assertj.core.api.Assertions.assertThat;

import dev.earmark.app.TestClocks;
import dev.earmark.app.cli.EarmarkCommand;
import dev.earmark.app.gui.WorkbenchWindow;
import dev.earmark.app.gui.form.TickedChoice;
import dev.earmark.app.gui.shell.ScreenshotFiles;
import dev.earmark.app.gui.waveform.TestClips;
import dev.earmark.storage.assign.AssignmentReport;
import dev.earmark.storage.assign.Assignments;
import dev.earmark.storage.assign.QueueItem;
import dev.earmark.storage.policy.Policies;
import dev.earmark.storage.project.Project;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * The Assign screen in the real window, as the demo's lead, on twelve new clips imported into the
 * demo (accents uk, us and in in turn): the preview shows each annotator's load and the slice mix
 * and writes nothing; Apply then creates exactly the previewed assignments, which the annotators'
 * queues hold.
 */
@ExtendWith(ApplicationExtension.class)
class AssignWindowTest {
  private static final String[] ACCENTS = {"uk", "us", "in"};
  @TempDir static Path dir;

  @RegisterExtension static final WorkbenchWindow window = WorkbenchWindow.withDemo(() -> dir);

  @BeforeAll
  static void buildDemoWithNewClips() throws IOException {
    Path incoming = Files.createDirectories(dir.resolve("incoming").resolve("audio"));
    StringBuilder manifest = new StringBuilder();
    for (int i = 1; i <= 12; i++) {
      String id = String.format("calls-%02d", i);
      int hertz = 200 + 20 * i;
      TestClips.writeWav(
          incoming.resolve(id + ".wav"),
          16000,
          1,
          4800,
          (frame, channel) -> 0.5 * Math.sin(2 * Math.PI * hertz * frame / 16000.0));
      manifest.append(
          String.format(
              "{\"id\": \"%s\", \"audio_filepath\": \"audio/%s.wav\", \"consent_scope\": \"full\","
                  + " \"hypothesis\": \"call %d\", \"slices\": {\"accent\": \"%s\"}}%n",
              id, id, i, ACCENTS[(i - 1) % 3]));
    }
    Path manifestFile = Files.writeString(incoming.getParent().resolve("manifest.jsonl"), manifest);
    Path contract =
        Files.writeString(
            incoming.getParent().resolve("contract.json"),
            """
            {"dataset_id": "calls", "purpose": "p", "owner": "o", "source": "s",
             "consent_scopes": [{"id": "full", "allowed_uses": ["labeling", "evaluation"]}],
             "allowed_uses": ["labeling", "evaluation"], "retention_policy": "r",
             "language": "en", "domain": "calls", "acoustic_conditions": "clean",
             "device_class": "mobile", "known_gaps": []}
            """);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        EarmarkCommand.run(
            new String[] {
              "import",
              "--project",
              window.project().toString(),
              "--user",
              "lead-demo",
              "--manifest",
              manifestFile.toString(),
              "--contract",
              contract.toString()
            },
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            TestClocks.FIXED);
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
  }

  @Test
  void theAppliedAssignmentsAreExactlyThePreviewed(FxRobot robot) throws Exception {
    window.openScreen(robot, window.project(), "lead-demo", "assign");
    AssignViewModel model = ((AssignScreen) window.shell().screen("assign").orElseThrow()).model();
    await(30, () -> fx(() -> model.annotators().size() >= 2));
    List<String> annotators = fx(() -> model.annotators().stream().map(TickedChoice::id).toList());
    String first = annotators.get(0);
    String second = annotators.get(1);
    fx(
        () -> {
          model.choose(first, second);
          return null;
        });
    type(robot, "#assignDataset", "calls");

    // Every annotator on every clip: the overlap no longer applies, and the preview gives each
    // ticked annotator all twelve clips.
    press(robot, "#assignEveryAnnotator");
    assertThat(robot.lookup("#assignOverlap").query().isDisabled()).isTrue();
    press(robot, "#assignPreview");
    await(60, () -> fx(() -> model.reportProperty().get() != null));
    AssignmentReport everyone = fx(() -> model.reportProperty().get());
    assertThat(everyone.dryRun()).isTrue();
    assertThat(everyone.summary().assignments()).isEqualTo(24);
    assertThat(everyone.annotators())
        .extracting(load -> load.annotatorId() + "=" + load.clips())
        .containsExactly(first + "=12", second + "=12");
    press(robot, "#assignEveryAnnotator");
    assertThat(robot.lookup("#assignOverlap").query().isDisabled()).isFalse();

    type(robot, "#assignOverlap", "0.5");
    type(robot, "#assignGoldShare", "0.25");
    type(robot, "#assignQuotas", "accent=0.4");
    type(robot, "#assignSeed", "3");
    assertThat(robot.lookup("#assignApply").query().isDisabled()).isTrue();
    press(robot, "#assignPreview");
    await(60, () -> !text(robot, "#assignSummary").isEmpty());

    AssignmentReport preview = fx(() -> model.reportProperty().get());
    assertThat(preview.dryRun()).isTrue();
    assertThat(preview.summary().clips()).isEqualTo(12);
    assertThat(text(robot, "#assignSummary")).startsWith("Would assign 12 clips under ");
    assertThat(fx(() -> List.copyOf(model.loads())))
        .extracting(AssignmentReport.AnnotatorLoad::annotatorId)
        .containsExactly(first, second);
    assertThat(fx(() -> List.copyOf(model.sliceMix())))
        .extracting(row -> row.tag() + "=" + row.value() + " " + row.clips())
        .containsExactlyInAnyOrder("accent=in 4", "accent=uk 4", "accent=us 4");
    assertThat(text(robot, "#assignMessage")).startsWith("Preview only");
    fx(() -> ScreenshotFiles.write(window.scene(), "assign-preview"));
    // The preview wrote nothing: Apply below still finds all twelve clips unassigned.

    press(robot, "#assignApply");
    await(60, () -> text(robot, "#assignMessage").startsWith("Assigned 12 clips"));
    AssignmentReport applied = fx(() -> model.reportProperty().get());
    assertThat(applied.dryRun()).isFalse();
    assertThat(applied.annotators()).isEqualTo(preview.annotators());
    assertThat(applied.sliceMix()).isEqualTo(preview.sliceMix());
    assertThat(robot.lookup("#assignApply").query().isDisabled()).isTrue();

    fx(
        () -> {
          window.shell().shutdown();
          return null;
        });
    Map<String, Integer> queued = new TreeMap<>();
    queued.put(first, openCalls(first));
    queued.put(second, openCalls(second));
    Map<String, Integer> previewed = new TreeMap<>();
    preview.annotators().forEach(load -> previewed.put(load.annotatorId(), load.clips()));
    assertThat(queued).isEqualTo(previewed);
  }

  /** How many clips of the new dataset are in {@code annotator}'s open queue. */
  private static int openCalls(String annotator) {
    try (Project project = Project.openEmbedded(window.project(), false, TestClocks.FIXED)) {
      List<QueueItem> queue =
          new Assignments(project, new Policies(project))
              .queue(project.users().actor("lead-demo"), annotator);
      return (int) queue.stream().filter(item -> item.clipKey().startsWith("calls-")).count();
    }
  }
}
