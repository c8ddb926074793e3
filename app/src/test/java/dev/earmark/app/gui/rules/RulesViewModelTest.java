package dev.earmark.app.gui.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earmark.app.TestClocks;
import dev.earmark.app.demo.DemoCreation;
import dev.earmark.app.gui.CurrentThreadExecutor;
import dev.earmark.app.gui.labeling.Debouncer;
import dev.earmark.engine.dispute.RoutingSettings;
import dev.earmark.engine.normalize.Rule;
import dev.earmark.engine.normalize.RuleSets;
import dev.earmark.engine.policy.PolicyDiff;
import dev.earmark.engine.policy.PolicyDiffReport;
import dev.earmark.engine.version.VersionedId;
import dev.earmark.storage.policy.Policies;
import dev.earmark.storage.policy.PolicyLabels;
import dev.earmark.storage.project.Project;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rule editor's view-model on a copy of the real demo project: edits change the live preview,
 * the affected count is the policy diff's, and publishing adds the next version for leads only.
 */
class RulesViewModelTest {
  private static final VersionedId EN_ASR_2 = VersionedId.parse("en-asr@2");
  private static final Debouncer AT_ONCE =
      (delay, action) -> {
        action.run();
        return () -> {};
      };

  @TempDir static Path shared;
  @TempDir Path dir;
  private Project project;

  @BeforeAll
  static void buildDemo() {
    DemoCreation.create(shared.resolve("demo"), "lead-demo", TestClocks.FIXED);
  }

  @AfterEach
  void close() {
    if (project != null) {
      project.close();
    }
  }

  private RulesViewModel openAs(String userId) throws IOException {
    Path copy = dir.resolve("demo");
    Path source = shared.resolve("demo");
    try (Stream<Path> files = Files.walk(source)) {
      for (Path file : files.sorted(Comparator.naturalOrder()).toList()) {
        Path target = copy.resolve(source.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
    project = Project.openEmbedded(copy, false, TestClocks.FIXED);
    RulesViewModel model =
        new RulesViewModel(new RulesService(project, userId), new CurrentThreadExecutor(), AT_ONCE);
    model.load();
    return model;
  }

  @Test
  void theDraftStartsAsTheRuleSetInForceWithItsPreview() throws Exception {
    RulesViewModel model = openAs("lead-demo");

    assertThat(model.problemProperty().get()).isEmpty();
    assertThat(model.versions()).containsExactly(RuleSets.EN_ASR_1);
    assertThat(model.baseProperty().get()).isEqualTo(RuleSets.EN_ASR_1);
    assertThat(model.rules())
        .extracting(RulesViewModel.DraftRule::rule)
        .containsExactlyElementsOf(RuleSets.enAsr1().rules());
    assertThat(model.hasUnsavedWork()).isFalse();
    assertThat(model.affectedLabelsProperty().get()).isZero();
    model.previewInputProperty().set("Uh, I'm seeing Twenty One Pilots");
    assertThat(model.previewOutputProperty().get()).isEqualTo("i am seeing 21 pilots");
    assertThat(model.trace())
        .extracting(RulesViewModel.TraceLine::kind)
        .contains("case-fold", "fillers", "contractions", "numbers");
  }

  @Test
  void protectingReorderingAndDisablingChangeThePreview() throws Exception {
    RulesViewModel model = openAs("lead-demo");
    model.previewInputProperty().set("I love Twenty One Pilots");
    assertThat(model.previewOutputProperty().get()).isEqualTo("i love 21 pilots");

    model.protect("twenty one pilots");
    assertThat(model.hasUnsavedWork()).isTrue();
    assertThat(model.previewOutputProperty().get()).isEqualTo("i love twenty one pilots");
    int protectedRule = model.selectedProperty().get();
    // en-asr@1 starts with case-fold and strip-punctuation, so the phrase goes third.
    assertThat(protectedRule).isEqualTo(2);
    assertThat(model.trace())
        .extracting(Object::toString)
        .contains("3 protected-phrases: twenty one pilots → twenty one pilots");

    model.toggleEnabled();
    assertThat(model.rules().get(protectedRule).enabled()).isFalse();
    assertThat(model.previewOutputProperty().get()).isEqualTo("i love 21 pilots");
    model.toggleEnabled();
    assertThat(model.previewOutputProperty().get()).isEqualTo("i love twenty one pilots");

    // Moved below the numbers rule, the protection comes too late.
    int numbers = indexOf(model, Rule.Numbers.class);
    while (model.selectedProperty().get() < numbers) {
      assertThat(model.moveDown()).isTrue();
    }
    assertThat(model.previewOutputProperty().get()).isEqualTo("i love 21 pilots");
    assertThat(model.moveUp()).isTrue();
    assertThat(model.previewOutputProperty().get()).isEqualTo("i love twenty one pilots");

    model.add("rewrite");
    assertThat(model.editSelected("love => like")).isTrue();
    assertThat(model.previewOutputProperty().get()).isEqualTo("i like twenty one pilots");
    assertThat(model.delete()).isTrue();
    assertThat(model.previewOutputProperty().get()).isEqualTo("i love twenty one pilots");
  }

  @Test
  void aParameterTextThatDoesNotParseIsRefusedNamingTheRule() throws Exception {
    RulesViewModel model = openAs("lead-demo");
    model.selectedProperty().set(indexOf(model, Rule.SpellingVariants.class));
    Rule before = model.rules().get(model.selectedProperty().get()).rule();

    assertThat(model.editSelected("colour => color\nflavour")).isFalse();

    assertThat(model.problemProperty().get())
        .isEqualTo(
            "Rule "
                + (model.selectedProperty().get() + 1)
                + " (spelling-variants): line 2 ('flavour') needs 'from => to'.");
    assertThat(model.rules().get(model.selectedProperty().get()).rule()).isEqualTo(before);
    assertThat(model.hasUnsavedWork()).isFalse();
  }

  @Test
  void theAffectedCountIsThePolicyDiffsCount() throws Exception {
    RulesViewModel model = openAs("lead-demo");

    model.protect("twenty one pilots");

    // clip-002 (Bea and Cem) and clip-011 (Cem) write the band's name in words.
    assertThat(model.affectedLabelsProperty().get()).isEqualTo(3);
    PolicyDiffReport report =
        new PolicyDiff(
                RuleSets.enAsr1(),
                RuleSets.enAsr1().edit().protect("twenty one pilots").build(),
                new RoutingSettings(
                    false, OptionalInt.empty(), OptionalDouble.of(0.2), false, false),
                3)
            .compare(
                new PolicyLabels(project, new Policies(project))
                    .transcriptLabels(project.users().actor("lead-demo"), "domain"));
    assertThat(model.draftDiffProperty().get().totals()).isEqualTo(report.totals());
    assertThat(model.draftDiffProperty().get().bySlice()).isEqualTo(report.bySlice());
    assertThat(model.impactProperty().get())
        .startsWith("Affects 3 labels in this project (of 91): 2 items change normalized text");

    model.showDraftDiff();
    assertThat(model.shownDiffProperty().get().examples())
        .filteredOn(change -> change.kind() == PolicyDiffReport.Kind.NORMALIZED_TEXT)
        .extracting(PolicyDiffReport.Change::id)
        .containsExactly("clip-002", "clip-002", "clip-011");
  }

  @Test
  void publishingStoresVersionTwoAndShowsItsPolicyDiff() throws Exception {
    RulesViewModel model = openAs("lead-demo");
    model.protect("twenty one pilots");

    model.publish();

    assertThat(model.problemProperty().get()).isEmpty();
    assertThat(model.versions()).containsExactly(RuleSets.EN_ASR_1, EN_ASR_2);
    assertThat(model.baseProperty().get()).isEqualTo(EN_ASR_2);
    assertThat(model.hasUnsavedWork()).isFalse();
    assertThat(model.statusProperty().get())
        .isEqualTo("Published en-asr@2; it changes 3 labels against en-asr@1.");
    PolicyDiffReport shown = model.shownDiffProperty().get();
    assertThat(shown.from()).isEqualTo("en-asr@1");
    assertThat(shown.to()).isEqualTo("en-asr@2");
    assertThat(shown.bySlice().get("music").changedNormalizedText()).isEqualTo(2);
    PolicyLabels stored = new PolicyLabels(project, new Policies(project));
    assertThat(stored.ruleSet(EN_ASR_2).rules())
        .isEqualTo(RuleSets.enAsr1().edit().protect("twenty one pilots").build().rules());
    assertThat(model.affectedLabelsProperty().get()).isZero();

    model.publish();
    assertThat(model.problemProperty().get())
        .isEqualTo("The draft is the same as en-asr@2; change a rule before publishing.");
    assertThat(stored.publishedRuleSets()).containsExactly(RuleSets.EN_ASR_1, EN_ASR_2);
  }

  @Test
  void anAdjudicatorMayPreviewButPublishingIsRefusedInASentence() throws Exception {
    RulesViewModel model = openAs("adj-demo");
    model.protect("twenty one pilots");
    assertThat(model.mayPublishProperty().get()).isFalse();
    assertThat(model.affectedLabelsProperty().get()).isEqualTo(3);

    model.publish();

    assertThat(model.problemProperty().get())
        .isEqualTo(
            "Only a lead can publish a rule set; adj-demo may look at the rules but not change"
                + " them.");
    assertThat(new PolicyLabels(project, new Policies(project)).publishedRuleSets())
        .containsExactly(RuleSets.EN_ASR_1);
  }

  @Test
  void aGlmFileAddsItsRulesAsOneGlmRule() throws Exception {
    RulesViewModel model = openAs("lead-demo");
    Path glm =
        Files.writeString(
            dir.resolve("extra.glm"),
            """
            ;; two rules in the sclite GLM style
            * name "extra"
            * case_sensitive = 'F'
            THRU => through / [ ] __ [ ]
            GONNA => { GOING TO / GONNA } / [ ] __ [ ]
            """);
    int before = model.rules().size();
    model.previewInputProperty().set("we're gonna drive thru");

    model.importGlm(glm);

    assertThat(model.problemProperty().get()).isEmpty();
    assertThat(model.rules().size()).isGreaterThan(before);
    assertThat(model.rules().subList(before, model.rules().size()))
        .extracting(draft -> draft.rule().kind())
        .containsExactly("glm");
    assertThat(model.previewOutputProperty().get()).isEqualTo("we are going to drive through");
  }

  @Test
  void aClosedEditorSubmitsNothingMore() throws Exception {
    RulesViewModel model = openAs("lead-demo");
    CurrentThreadExecutor executor = new CurrentThreadExecutor();
    RulesViewModel closed =
        new RulesViewModel(new RulesService(project, "lead-demo"), executor, AT_ONCE);

    closed.close();
    closed.load();
    closed.previewInputProperty().set("Twenty One");

    assertThat(executor.submitted()).isZero();
    assertThat(closed.versions()).isEmpty();
    assertThat(model.versions()).isNotEmpty();
  }

  private static int indexOf(RulesViewModel model, Class<? extends Rule> kind) {
    for (int i = 0; i < model.rules().size(); i++) {
      if (kind.isInstance(model.rules().get(i).rule())) {
        return i;
      }
    }
    throw new AssertionError("no " + kind.getSimpleName() + " rule in the draft");
  }
}
