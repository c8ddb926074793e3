package dev.earmark.app.gui.rules;

import static dev.earmark.app.gui.FxThread.fx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.earmark.app.gui.WorkbenchWindow;
import dev.earmark.app.gui.shell.ScreenshotFiles;
import dev.earmark.engine.normalize.Rule;
import dev.earmark.engine.policy.PolicyDiffReport;
import dev.earmark.engine.version.VersionedId;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The rule editor in the real window on a real demo project, as the demo lead: protect a phrase and
 * edit a rule's parameters and see the preview change, delete with the keyboard, publish en-asr@2
 * and see the policy diff per slice with the rule that caused each change.
 */
@ExtendWith(ApplicationExtension.class)
class RulesWindowTest {
  @TempDir static Path dir;

  @RegisterExtension
  static final WorkbenchWindow window =
      WorkbenchWindow.withDemo(() -> dir).rememberingIn(Path.of("last-project"));

  @Test
  void aLeadEditsRulesSeesThePreviewConfirmsThePublishAndSeesThePolicyDiff(FxRobot robot)
      throws Exception {
    fx(
        () -> {
          window.shell().open(window.project(), "lead-demo");
          return null;
        });
    // A lead lands on the first screen their roles allow (adjudication), then opens Rules.
    WaitForAsyncUtils.waitFor(
        30, TimeUnit.SECONDS, () -> robot.lookup("#nav-rules").tryQuery().isPresent());
    robot.clickOn("#nav-rules");
    WaitForAsyncUtils.waitFor(
        30, TimeUnit.SECONDS, () -> robot.lookup("#ruleList").tryQuery().isPresent());
    RulesScreen screen = (RulesScreen) fx(() -> window.shell().activeScreen().orElseThrow());
    ListView<?> rules = robot.lookup("#ruleList").queryAs(ListView.class);
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fx(() -> rules.getItems().size() > 5));
    int published = fx(() -> rules.getItems().size());

    robot.doubleClickOn("#previewInput").press(KeyCode.CONTROL, KeyCode.A);
    robot.release(KeyCode.A, KeyCode.CONTROL).write("I love Twenty One Pilots");
    awaitText(robot, "#previewOutput", "i love 21 pilots");

    robot.clickOn("#protectField").write("twenty one pilots");
    robot.clickOn("#protectButton");
    awaitText(robot, "#previewOutput", "i love twenty one pilots");
    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> text(robot, "#impactLabel").startsWith("Affects 3 labels"));
    assertThat(text(robot, "#draftState")).contains("unpublished changes");
    ListView<?> trace = robot.lookup("#previewTrace").queryAs(ListView.class);
    assertThat(fx(() -> trace.getItems().stream().map(Object::toString).toList()))
        .contains("3 protected-phrases: twenty one pilots → twenty one pilots");

    // Edit a rule's parameters: a new rewrite rule, typed into.
    robot.clickOn("#addRuleButton").clickOn("#add-rewrite");
    robot.doubleClickOn("#ruleParameters").press(KeyCode.CONTROL, KeyCode.A);
    robot.release(KeyCode.A, KeyCode.CONTROL).write("love => adore");
    awaitText(robot, "#previewOutput", "i adore twenty one pilots");
    ScreenshotFiles.write(
        fx(() -> window.scene().snapshot(null)), ScreenshotFiles.directory().resolve("rules.png"));

    // Alt+Delete deletes the selected rule: the rewrite, still selected after typing into it.
    Rule adore = new Rule.Rewrite(Map.of("love", "adore"));
    assertThat(fx(() -> screen.model().rules().get(screen.model().selectedProperty().get()).rule()))
        .isEqualTo(adore);
    fx(
        () -> {
          rules.requestFocus();
          return null;
        });
    robot.press(KeyCode.ALT, KeyCode.DELETE).release(KeyCode.DELETE, KeyCode.ALT);
    awaitText(robot, "#previewOutput", "i love twenty one pilots");
    assertThat(fx(() -> rules.getItems().size())).isEqualTo(published + 1);

    // Alt+Down / Alt+Up move the selected rule (the protection) and back.
    fx(
        () -> {
          screen.model().selectedProperty().set(2);
          return null;
        });
    robot.press(KeyCode.ALT, KeyCode.DOWN).release(KeyCode.DOWN, KeyCode.ALT);
    assertThat(fx(() -> screen.model().selectedProperty().get())).isEqualTo(3);
    assertThat(fx(() -> screen.model().rules().get(3).rule().kind()))
        .isEqualTo("protected-phrases");
    robot.press(KeyCode.ALT, KeyCode.UP).release(KeyCode.UP, KeyCode.ALT);
    assertThat(fx(() -> screen.model().rules().get(2).rule().kind()))
        .isEqualTo("protected-phrases");
    awaitText(robot, "#previewOutput", "i love twenty one pilots");

    // Publishing asks first, saying it cannot be undone; Cancel publishes nothing.
    fire(robot, "#publishButton");
    assertThat(text(robot, "#confirmPublishText"))
        .contains("next version of en-asr")
        .contains("cannot be undone");
    fire(robot, "#cancelPublishButton");
    assertThat(robot.lookup("#confirmPublishText").tryQuery()).isEmpty();
    assertThat(fx(() -> List.copyOf(screen.model().versions())))
        .containsExactly(VersionedId.parse("en-asr@1"));
    assertThat(text(robot, "#draftState")).contains("unpublished changes");

    fire(robot, "#publishButton");
    fire(robot, "#confirmPublishButton");
    WaitForAsyncUtils.waitFor(
        20,
        TimeUnit.SECONDS,
        () -> text(robot, "#diffTitle").equals("Label-policy diff: en-asr@1 → en-asr@2"));
    assertThat(text(robot, "#rulesStatus"))
        .isEqualTo("Published en-asr@2; it changes 3 labels against en-asr@1.");
    TableView<?> examples = robot.lookup("#exampleTable").queryAs(TableView.class);
    assertThat(
            fx(
                () ->
                    examples.getItems().stream()
                        .map(PolicyDiffReport.Change.class::cast)
                        .filter(c -> c.kind() == PolicyDiffReport.Kind.NORMALIZED_TEXT)
                        .map(c -> c.id() + " " + String.join("; ", c.causes()))
                        .toList()))
        .containsExactly(
            "clip-002 added in en-asr@2: rule 3 (protected-phrases)",
            "clip-002 added in en-asr@2: rule 3 (protected-phrases)",
            "clip-011 added in en-asr@2: rule 3 (protected-phrases)");
    TableView<?> slices = robot.lookup("#sliceTable").queryAs(TableView.class);
    assertThat(fx(() -> slices.getItems().size())).isEqualTo(6);
    ScreenshotFiles.write(
        fx(() -> window.scene().snapshot(null)),
        ScreenshotFiles.directory().resolve("policy-diff.png"));

    assertThat(fx(() -> List.copyOf(screen.model().versions())))
        .containsExactly(VersionedId.parse("en-asr@1"), VersionedId.parse("en-asr@2"));
    robot.clickOn("#hideDiffButton");
    assertThat(robot.lookup("#ruleList").tryQuery()).isPresent();
    assertThat(text(robot, "#draftState")).isEqualTo("en-asr@2 as published");
  }

  @Test
  void anAdjudicatorReadsTheRulesAndTriesThePreviewButCannotEdit(FxRobot robot) throws Exception {
    fx(
        () -> {
          window.shell().open(window.project(), "adj-demo");
          return null;
        });
    WaitForAsyncUtils.waitFor(
        30, TimeUnit.SECONDS, () -> robot.lookup("#nav-rules").tryQuery().isPresent());
    robot.clickOn("#nav-rules");
    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> text(robot, "#draftState").contains("read-only"));
    assertThat(text(robot, "#draftState"))
        .endsWith("(read-only: only a lead changes and publishes rules)");
    assertThat(robot.lookup("#addRuleButton").query().isDisabled()).isTrue();
    assertThat(robot.lookup("#publishButton").query().isDisabled()).isTrue();
    assertThat(robot.lookup("#protectField").query().isDisabled()).isTrue();

    robot.doubleClickOn("#previewInput").press(KeyCode.CONTROL, KeyCode.A);
    robot.release(KeyCode.A, KeyCode.CONTROL).write("Uh, I'm here");
    awaitText(robot, "#previewOutput", "i am here");
  }

  private static void fire(FxRobot robot, String id) {
    javafx.scene.control.Button button = robot.lookup(id).queryButton();
    fx(
        () -> {
          button.fire();
          return null;
        });
  }

  private static void awaitText(FxRobot robot, String id, String expected) throws Exception {
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> text(robot, id).equals(expected));
  }

  private static String text(FxRobot robot, String id) {
    return robot
        .lookup(id)
        .tryQuery()
        .map(node -> fx(() -> node instanceof Label label ? label.getText() : ""))
        .orElse("");
  }
}
