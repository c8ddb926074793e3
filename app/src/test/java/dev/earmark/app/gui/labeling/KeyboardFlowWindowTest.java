package dev.earmark.app.gui.labeling;

import static dev.earmark.app.gui.FxThread.fx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.earmark.app.TestClocks;
import dev.earmark.app.gui.screen.Theme;
import dev.earmark.engine.rubric.FieldSpec;
import dev.earmark.engine.version.VersionedId;
import dev.earmark.storage.assign.Assignments;
import dev.earmark.storage.policy.Policies;
import dev.earmark.storage.project.Project;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * An annotator's keyboard flow in a real window (headless Monocle), with a focusable button above
 * the screen as the workbench's welcome banner has: {@code ?} opens the cheat sheet outside text
 * fields, Tab leaves the transcript, focus stays in the form after submitting a rating, and a
 * focused check box shows a ring (issue 17).
 */
@ExtendWith(ApplicationExtension.class)
class KeyboardFlowWindowTest {
  @TempDir static Path dir;
  private static Project project;
  private static String asrKey;

  private LabelingScreen screen;
  private Scene scene;
  private Button banner;

  @BeforeAll
  static void buildDemo() throws IOException {
    project = DemoProjects.withRatingQueue(dir.resolve("demo"));
    // One transcript too, for the text-field keys.
    long asrClip =
        project
            .jdbi()
            .withHandle(
                handle ->
                    handle
                        .createQuery(
                            "SELECT MIN(id) FROM clips WHERE task_type = 'asr-transcript' AND"
                                + " status = 'active'")
                        .mapTo(Long.class)
                        .one());
    asrKey =
        project
            .jdbi()
            .withHandle(
                handle ->
                    handle
                        .createQuery("SELECT clip_key FROM clips WHERE id = :id")
                        .bind("id", asrClip)
                        .mapTo(String.class)
                        .one());
    new Assignments(project, new Policies(project))
        .assignExplicit(
            project.users().actor(DemoProjects.LEAD),
            VersionedId.parse("asr-transcript@1"),
            asrClip,
            DemoProjects.RATER,
            false);
  }

  @AfterAll
  static void removeDemo() throws IOException {
    project.close();
  }

  @Start
  void start(Stage stage) {
    screen =
        new LabelingScreen(
            new LabelingService(project, DemoProjects.RATER),
            dir.resolve("cache"),
            TestClocks.FIXED,
            new Theme());
    banner = new Button("Open…");
    banner.setId("bannerOpen");
    scene = new Scene(new BorderPane(screen.view(), banner, null, null, null), 1280, 800);
    stage.setScene(scene);
    stage.show();
    screen.start(scene);
  }

  @Test
  void questionMarkOpensTheCheatSheetOutsideTextFieldsAndTypesInThem(FxRobot robot) {
    openFirst(asrKey);
    clearTranscript();
    robot.clickOn("#transcriptArea").write("why?");
    TextArea transcript = robot.lookup("#transcriptArea").queryAs(TextArea.class);
    assertThat(textOf(transcript)).isEqualTo("why?");
    assertThat(fx(() -> robot.lookup("#cheatSheetOverlay").query().isVisible())).isFalse();

    ListView<?> queue = robot.lookup("#queueList").queryAs(ListView.class);
    fx(
        () -> {
          queue.requestFocus();
          return null;
        });
    robot.write("?");

    assertThat(fx(() -> robot.lookup("#cheatSheetOverlay").query().isVisible())).isTrue();
    robot.write("?");
    assertThat(fx(() -> robot.lookup("#cheatSheetOverlay").query().isVisible())).isFalse();
  }

  @Test
  void theCheatSheetListsEachKeyOnceAndCutsNothingOff(FxRobot robot) {
    openFirst(asrKey);
    robot.press(KeyCode.F1).release(KeyCode.F1);
    WaitForAsyncUtils.waitForFxEvents();
    GridPane sheet = robot.lookup("#cheatSheet").queryAs(GridPane.class);
    List<String> keys = new ArrayList<>();
    List<String> cut = new ArrayList<>();
    fx(
        () -> {
          for (Node node : sheet.getChildren()) {
            Label label = (Label) node;
            if (GridPane.getColumnIndex(label) == 0 && !label.getText().isEmpty()) {
              keys.addAll(List.of(label.getText().split(" {2}or {2}")));
            }
            Text shown = (Text) label.lookup(".text");
            if (shown != null && !shown.getText().equals(label.getText())) {
              cut.add(label.getText() + " shown as " + shown.getText());
            }
          }
          return null;
        });
    Set<String> once = new HashSet<>();
    assertThat(keys).isNotEmpty().allMatch(once::add, "listed once");
    assertThat(keys).contains("?", "F1");
    assertThat(cut).isEmpty();
  }

  @Test
  void tabMovesFocusOutOfTheTranscriptInsteadOfTypingATab(FxRobot robot) {
    openFirst(asrKey);
    clearTranscript();
    robot.clickOn("#transcriptArea").write("good morning");
    TextArea transcript = robot.lookup("#transcriptArea").queryAs(TextArea.class);

    robot.type(KeyCode.TAB);

    assertThat(textOf(transcript)).isEqualTo("good morning");
    assertThat(fx(() -> scene.getFocusOwner())).isNotSameAs(transcript);
    robot.press(KeyCode.SHIFT, KeyCode.TAB).release(KeyCode.TAB, KeyCode.SHIFT);
    assertThat(fx(() -> scene.getFocusOwner())).isSameAs(transcript);
    assertThat(textOf(transcript)).isEqualTo("good morning");
  }

  @Test
  void aFocusedCheckBoxShowsAThickAccentRing(FxRobot robot) {
    openFirst(asrKey);
    CheckBox unsure = robot.lookup("#flag-unsure").queryAs(CheckBox.class);
    CheckBox other = robot.lookup("#flag-bad_audio").queryAs(CheckBox.class);
    fx(
        () -> {
          unsure.requestFocus();
          return null;
        });
    WaitForAsyncUtils.waitForFxEvents();

    double focused = fx(() -> ringWidth(unsure));
    double unfocused = fx(() -> ringWidth(other));
    assertThat(focused).isGreaterThanOrEqualTo(2);
    assertThat(focused).isGreaterThan(unfocused);
  }

  @Test
  void afterSubmittingARagItemFocusStaysInTheFormAndDigitsKeepWorking(FxRobot robot)
      throws Exception {
    LabelingViewModel model = screen.model();
    QueueEntry first = openFirst("rag-");
    fx(
        () -> {
          for (FieldSpec field : model.currentProperty().get().rubric().fields()) {
            if (field instanceof FieldSpec.CategoricalField categorical && field.required()) {
              model.choose(field.name(), categorical.options().get(0).value());
            } else if (field instanceof FieldSpec.ScaleField scale && field.required()) {
              model.rate(field.name(), scale.min());
            }
          }
          return null;
        });
    assertThat(fx(() -> List.copyOf(model.problemsProperty()))).isEmpty();
    // Focus is put on the row directly: a click at screen coordinates can land beside the row on
    // a loaded machine (the row may be scrolled or the window not yet laid out), and where focus
    // starts is not what this test is about.
    ChoiceRow start = robot.lookup("#row-query_intent").queryAs(ChoiceRow.class);
    fx(
        () -> {
          start.requestFocus();
          return null;
        });
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(fx(() -> scene.getFocusOwner())).isSameAs(start);

    robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
    WaitForAsyncUtils.waitFor(
        10,
        TimeUnit.SECONDS,
        () ->
            fx(
                () ->
                    model.currentEntryProperty().get() != null
                        && model.currentEntryProperty().get().item().assignmentId()
                            != first.item().assignmentId()));
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(fx(() -> model.formProperty().get())).isEqualTo(FormKind.RAG_STAGES);

    Node owner = fx(() -> scene.getFocusOwner());
    assertThat(owner).isNotSameAs(banner).isInstanceOf(ChoiceRow.class);
    String field = fx(() -> ((ChoiceRow) owner).fieldName());
    robot.type(KeyCode.DIGIT1);
    assertThat(fx(() -> model.answersProperty().containsKey(field))).isTrue();
  }

  private void clearTranscript() {
    fx(
        () -> {
          screen.model().transcriptProperty().set("");
          return null;
        });
  }

  /** Opens the first queue entry whose clip id starts with {@code prefix}. */
  private QueueEntry openFirst(String prefix) {
    LabelingViewModel model = screen.model();
    try {
      WaitForAsyncUtils.waitFor(
          20, TimeUnit.SECONDS, () -> fx(() -> model.currentProperty().get() != null));
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("the queue did not load", e);
    }
    QueueEntry entry =
        fx(
            () ->
                model.entries().stream()
                    .filter(e -> e.clipKey().startsWith(prefix))
                    .filter(e -> e.state() != dev.earmark.storage.assign.AssignmentState.SUBMITTED)
                    .findFirst()
                    .orElseThrow());
    fx(
        () -> {
          model.open(entry);
          return null;
        });
    try {
      WaitForAsyncUtils.waitFor(
          10,
          TimeUnit.SECONDS,
          () ->
              fx(
                  () ->
                      model.currentEntryProperty().get() != null
                          && model.currentEntryProperty().get().item().assignmentId()
                              == entry.item().assignmentId()));
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError(entry.clipKey() + " did not open", e);
    }
    WaitForAsyncUtils.waitForFxEvents();
    return entry;
  }

  private static String textOf(TextArea area) {
    return fx(() -> area.getText());
  }

  private static double ringWidth(CheckBox box) {
    Region mark = (Region) box.lookup(".box");
    return mark.getBorder() == null || mark.getBorder().getStrokes().isEmpty()
        ? 0
        : mark.getBorder().getStrokes().get(0).getWidths().getTop();
  }
}
