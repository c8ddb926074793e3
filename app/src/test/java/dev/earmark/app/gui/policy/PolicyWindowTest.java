package dev.earmark.app.gui.policy;

import static dev.earmark.app.gui.FxThread.fx;
import static dev.earmark.app.gui.WindowNodes.await;
import static dev.earmark.app.gui.WindowNodes.awaitText;
import static dev.earmark.app.gui.WindowNodes.press;
import static dev.earmark.app.gui.WindowNodes.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.earmark.app.gui.WorkbenchWindow;
import dev.earmark.app.gui.adjudication.AdjudicationScreen;
import dev.earmark.app.gui.adjudication.DisputeRow;
import dev.earmark.app.gui.desk.ProjectDeskScreen;
import dev.earmark.app.gui.shell.ScreenshotFiles;
import dev.earmark.engine.normalize.Rule;
import dev.earmark.engine.normalize.RuleSet;
import dev.earmark.engine.rubric.TaskType;
import dev.earmark.engine.version.VersionedId;
import dev.earmark.storage.audit.AuditEvent;
import dev.earmark.storage.policy.LabelPolicy;
import dev.earmark.storage.policy.Policies;
import dev.earmark.storage.policy.PolicyLabels;
import dev.earmark.storage.project.Project;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Policy tab in the real window on a real demo project: with en-asr@2 published, the lead picks
 * it for asr-transcript and sees the rule diff and the policy-diff summary before anything changes;
 * Cancel leaves the policy (and the audit log) as it was; Apply sets it through {@code
 * Policies#setPolicy}, audited, and the history lists it. Then every screen that normalizes names
 * en-asr@2 — the adjudication header that used to keep saying en-asr@1, the agreement dashboard and
 * the rule editor.
 */
@ExtendWith(ApplicationExtension.class)
class PolicyWindowTest {
  private static final VersionedId EN_ASR_1 = VersionedId.parse("en-asr@1");
  private static final VersionedId EN_ASR_2 = VersionedId.parse("en-asr@2");
  @TempDir static Path dir;

  @RegisterExtension static final WorkbenchWindow window = WorkbenchWindow.withDemo(() -> dir);

  @Test
  void thePolicyDiffIsShownBeforeConfirmingCancelChangesNothingAndEveryHeaderNamesTheNewRuleSet(
      FxRobot robot) throws Exception {
    window.open(robot, "lead-demo");
    // Adjudication shows a transcript dispute normalized under the policy in force, en-asr@1.
    AdjudicationScreen adjudication = adjudication(robot);
    DisputeRow transcript =
        fx(
            () ->
                adjudication.model().rows().stream()
                    .filter(row -> row.ruleCodes().contains("transcript-wer"))
                    .findFirst()
                    .orElseThrow());
    fx(
        () -> {
          adjudication.model().open(transcript);
          return null;
        });
    awaitText(robot, "#disputeHeader", s -> s.endsWith(" · normalized with en-asr@1"));
    assertThat(text(robot, "#alignmentCaption")).startsWith("normalized with en-asr@1;");
    show("agreement");
    awaitText(robot, "#dashboardTitle", s -> s.endsWith("transcripts normalized with en-asr@1"));
    show("rules");
    awaitText(robot, "#inForceLabel", s -> s.equals("In force for asr-transcript: en-asr@1"));

    ProjectDeskScreen desk = window.desk(ProjectDeskScreen.Part.POLICY);
    Project project = desk.project();
    publishEnAsr2(project);
    fx(
        () -> {
          desk.policy().load();
          return null;
        });
    // The reload runs in the background and resets the pickers when it ends: wait for it (the
    // policy in force reads the same before and after) before picking.
    await(
        20,
        () ->
            fx(
                () ->
                    desk.policy()
                        .choices(TaskType.ASR_TRANSCRIPT)
                        .map(choices -> choices.ruleSets().contains(EN_ASR_2))
                        .orElse(false)));
    awaitText(robot, "#policyCurrent", s -> s.equals("In force: asr-transcript@1 + en-asr@1"));
    int historyBefore = new Policies(project).history().size();
    int auditBefore = project.audit().eventsFor("policy", "asr-transcript").size();

    pick(desk);
    press(robot, "#reviewPolicyButton");
    awaitText(robot, "#reviewHeading", s -> !s.isEmpty());
    assertThat(text(robot, "#reviewHeading"))
        .isEqualTo(
            "Change asr-transcript: asr-transcript@1 + en-asr@1 → asr-transcript@1 + en-asr@2");
    assertThat(area(robot, "#ruleDiffText"))
        .startsWith("en-asr@1 -> en-asr@2")
        .contains("protected-phrases")
        .endsWith("0 removed, 1 added, " + ruleCount(project, EN_ASR_1) + " kept");
    assertThat(area(robot, "#rubricDiffText")).contains("no changes");
    assertThat(text(robot, "#policyDiffSummary"))
        .startsWith("Under en-asr@2 instead of en-asr@1, of ")
        .contains("2 change their normalized text");
    assertThat(robot.lookup("#policySliceTable").tryQuery()).isPresent();
    // Shown, not applied.
    assertThat(ruleSetInForce(project)).contains(EN_ASR_1);
    fx(() -> ScreenshotFiles.write(window.scene(), "window-project-policy-review"));

    press(robot, "#cancelPolicyButton");
    awaitText(robot, "#policyStatus", s -> s.equals("Cancelled; the policy is unchanged."));
    assertThat(robot.lookup("#applyPolicyButton").tryQuery()).isEmpty();
    assertThat(ruleSetInForce(project)).contains(EN_ASR_1);
    assertThat(new Policies(project).history()).hasSize(historyBefore);
    assertThat(project.audit().eventsFor("policy", "asr-transcript")).hasSize(auditBefore);

    pick(desk);
    press(robot, "#reviewPolicyButton");
    awaitText(robot, "#reviewHeading", s -> !s.isEmpty());
    press(robot, "#applyPolicyButton");
    awaitText(robot, "#policyStatus", s -> s.startsWith("Applied"));
    assertThat(text(robot, "#policyStatus"))
        .isEqualTo("Applied: asr-transcript is now asr-transcript@1 + en-asr@2.");
    assertThat(ruleSetInForce(project)).contains(EN_ASR_2);
    assertThat(project.audit().eventsFor("policy", "asr-transcript"))
        .hasSize(auditBefore + 1)
        .last()
        .extracting(AuditEvent::action, AuditEvent::actor)
        .containsExactly("policy.set", "lead-demo");
    TableView<?> history = robot.lookup("#policyHistoryTable").queryAs(TableView.class);
    assertThat(fx(() -> history.getItems().size())).isEqualTo(historyBefore + 1);
    assertThat(text(robot, "#policyCurrent")).isEqualTo("In force: asr-transcript@1 + en-asr@2");

    // Every screen that normalizes now names the rule set in force.
    show("adjudicate");
    awaitText(robot, "#disputeHeader", s -> s.endsWith(" · normalized with en-asr@2"));
    assertThat(text(robot, "#alignmentCaption")).startsWith("normalized with en-asr@2;");
    show("agreement");
    awaitText(robot, "#dashboardTitle", s -> s.endsWith("transcripts normalized with en-asr@2"));
    show("rules");
    awaitText(robot, "#inForceLabel", s -> s.equals("In force for asr-transcript: en-asr@2"));
  }

  @Test
  void aRubricOfAnotherTaskTypeIsRefusedBeforeAnythingChanges(FxRobot robot) throws Exception {
    window.open(robot, "lead-demo");
    ProjectDeskScreen desk = window.desk(ProjectDeskScreen.Part.POLICY);
    awaitText(robot, "#policyCurrent", s -> s.startsWith("In force: "));
    Optional<LabelPolicy> before = new Policies(desk.project()).policy(TaskType.TTS_RATING);
    fx(
        () -> {
          desk.policyView().pick(TaskType.TTS_RATING, "asr-transcript@1", null);
          return null;
        });
    press(robot, "#reviewPolicyButton");
    awaitText(robot, "#policyProblem", s -> !s.isEmpty());
    assertThat(text(robot, "#policyProblem"))
        .isEqualTo("Rubric asr-transcript@1 is for asr-transcript, not tts-rating.");
    assertThat(robot.lookup("#applyPolicyButton").tryQuery()).isEmpty();
    assertThat(new Policies(desk.project()).policy(TaskType.TTS_RATING)).isEqualTo(before);
  }

  private static void pick(ProjectDeskScreen desk) {
    fx(
        () -> {
          desk.policyView().pick(TaskType.ASR_TRANSCRIPT, "asr-transcript@1", "en-asr@2");
          return null;
        });
  }

  /** Publishes en-asr@2: en-asr@1 with "twenty one pilots" protected, as the rule editor does. */
  private static void publishEnAsr2(Project project) {
    Policies policies = new Policies(project);
    PolicyLabels labels = new PolicyLabels(project, policies);
    RuleSet first = labels.ruleSet(EN_ASR_1);
    List<Rule> rules = new ArrayList<>(first.rules());
    int at = 0;
    while (at < rules.size()
        && (rules.get(at) instanceof Rule.CaseFold
            || rules.get(at) instanceof Rule.StripPunctuation)) {
      at++;
    }
    rules.add(at, new Rule.ProtectedPhrases(List.of("twenty one pilots")));
    labels.publish(
        project.users().actor("lead-demo"), RuleSet.of(EN_ASR_2, first.description(), rules));
  }

  private static int ruleCount(Project project, VersionedId id) {
    return new PolicyLabels(project, new Policies(project)).ruleSet(id).rules().size();
  }

  private static Optional<VersionedId> ruleSetInForce(Project project) {
    return new Policies(project).policy(TaskType.ASR_TRANSCRIPT).flatMap(LabelPolicy::ruleSet);
  }

  private AdjudicationScreen adjudication(FxRobot robot) throws Exception {
    show("adjudicate");
    AdjudicationScreen screen =
        (AdjudicationScreen) fx(() -> window.shell().screen("adjudicate").orElseThrow());
    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> fx(() -> !screen.model().rows().isEmpty()));
    return screen;
  }

  private static void show(String screenId) throws Exception {
    window.show(screenId);
  }

  private static String area(FxRobot robot, String id) {
    TextArea area = robot.lookup(id).queryAs(TextArea.class);
    return fx(area::getText);
  }
}
