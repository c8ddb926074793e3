package dev.earmark.engine.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.earmark.engine.dispute.RoutingSettings;
import dev.earmark.engine.normalize.Rule;
import dev.earmark.engine.normalize.RuleSet;
import dev.earmark.engine.normalize.RuleSets;
import dev.earmark.engine.policy.PolicyDiffReport.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class PolicyDiffTest {
  private static final RoutingSettings ROUTING =
      new RoutingSettings(false, OptionalInt.empty(), OptionalDouble.of(0.15), false, false);

  private static final RuleSet V1 = RuleSets.enAsr1();
  private static final RuleSet V2 = V1.edit().protect("twenty one pilots").build();

  private static final List<PolicyLabel> LABELS =
      List.of(
          new PolicyLabel("a", "music", "ann-1", "I love twenty one pilots", "I love 21 pilots"),
          new PolicyLabel("b", "general", "ann-1", "twenty one people came", "21 people came"),
          new PolicyLabel("c", "music", "ann-1", "twenty one pilots rock", "21 pilots rock"),
          new PolicyLabel("c", "music", "ann-2", "21 pilots rock", "21 pilots rock"));

  @Test
  void protectingABandNameChangesOnlyTheLabelsThatMentionIt() {
    PolicyDiffReport report = new PolicyDiff(V1, V2, ROUTING, 5).compare(LABELS);

    assertThat(report.from()).isEqualTo("en-asr@1");
    assertThat(report.to()).isEqualTo("en-asr@2");
    PolicyDiffReport.Counts totals = report.totals();
    assertThat(totals.items()).isEqualTo(3);
    assertThat(totals.labels()).isEqualTo(4);
    assertThat(totals.changedNormalizedText()).isEqualTo(2);
    assertThat(totals.changedWer()).isEqualTo(2);
    assertThat(totals.changedDispute()).isEqualTo(1);
    // Under v1 every hypothesis matches (0 errors over 4+3+3+3 = 13 words). Under v2 label a
    // costs 2 errors over 5 words and label c/ann-1 2 over 4: 4 errors over 5+3+4+3 = 15 words.
    assertThat(totals.werFrom()).isZero();
    assertThat(totals.werTo()).isCloseTo(4 / 15.0, within(1e-12));
    assertThat(totals.meanWerChange()).isCloseTo((0.4 + 0 + 0.5 + 0) / 4, within(1e-12));

    assertThat(report.bySlice()).containsOnlyKeys("general", "music");
    assertThat(report.bySlice().get("general").changedNormalizedText()).isZero();
    assertThat(report.bySlice().get("general").werTo()).isZero();
    PolicyDiffReport.Counts music = report.bySlice().get("music");
    assertThat(
            List.of(
                music.items(),
                music.changedNormalizedText(),
                music.changedWer(),
                music.changedDispute()))
        .containsExactly(2, 2, 2, 1);
  }

  @Test
  void everyChangeNamesTheRuleThatCausedIt() {
    PolicyDiffReport report = new PolicyDiff(V1, V2, ROUTING, 5).compare(LABELS);
    int protectIndex = V2.rules().size();
    for (int i = 0; i < V2.rules().size(); i++) {
      if (!V1.rules().contains(V2.rules().get(i))) {
        protectIndex = i + 1;
      }
    }
    String cause = "added in en-asr@2: rule " + protectIndex + " (protected-phrases)";
    assertThat(report.examples())
        .extracting(c -> c.id() + " " + c.kind() + " " + c.before() + " -> " + c.after())
        .containsExactly(
            "a NORMALIZED_TEXT i love 21 pilots -> i love twenty one pilots",
            "a WER 0.0000 -> 0.4000",
            "c NORMALIZED_TEXT 21 pilots rock -> twenty one pilots rock",
            "c WER 0.0000 -> 0.5000",
            "c DISPUTE agreed -> disputed");
    assertThat(report.examples())
        .allSatisfy(change -> assertThat(change.causes()).containsExactly(cause));
    assertThat(report.examples().get(4).annotator()).isNull();
    assertThat(report.examples().get(2).annotator()).isEqualTo("ann-1");
  }

  @Test
  void theReverseDiffBlamesTheRemovedRule() {
    PolicyDiffReport report = new PolicyDiff(V2, V1, ROUTING, 1).compare(LABELS);
    assertThat(report.totals().changedDispute()).isEqualTo(1);
    assertThat(report.examples())
        .filteredOn(c -> c.kind() == Kind.DISPUTE)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.before()).isEqualTo("disputed");
              assertThat(c.causes())
                  .singleElement()
                  .asString()
                  .startsWith("removed from en-asr@2: rule");
            });
    assertThat(report.examples()).hasSize(3); // one per slice and kind, music only
  }

  @Test
  void identicalPoliciesChangeNothing() {
    PolicyDiffReport report = new PolicyDiff(V1, V1, ROUTING, 5).compare(LABELS);
    assertThat(report.totals().changedNormalizedText()).isZero();
    assertThat(report.totals().changedWer()).isZero();
    assertThat(report.totals().changedDispute()).isZero();
    assertThat(report.totals().meanWerChange()).isZero();
    assertThat(report.examples()).isEmpty();
  }

  @Test
  void reorderedRulesAreNamedAsSuch() {
    List<Rule> swapped = new ArrayList<>(V1.rules());
    // Case folding after spelling variants: "Colour" no longer matches the lower-case lexicon.
    int caseFold = indexOf(swapped, "case-fold");
    int spelling = indexOf(swapped, "spelling-variants");
    Rule fold = swapped.remove(caseFold);
    swapped.add(spelling, fold);
    RuleSet reordered = RuleSet.of(V1.id().next(), "reordered", swapped);
    PolicyDiffReport report =
        new PolicyDiff(reordered, V1, ROUTING, 5)
            .compare(List.of(new PolicyLabel("x", "s", null, "Colour", "color")));
    assertThat(report.totals().changedNormalizedText()).isEqualTo(1);
    assertThat(report.examples().get(0).causes())
        .containsExactly("rule order changed between en-asr@2 and en-asr@1");
  }

  @Test
  void labelsWithoutHypothesisStillCompareText() {
    PolicyDiffReport report =
        new PolicyDiff(V1, V2, ROUTING, 5)
            .compare(List.of(new PolicyLabel("x", "s", null, "twenty one pilots", null)));
    assertThat(report.totals().changedNormalizedText()).isEqualTo(1);
    assertThat(report.totals().changedWer()).isZero();
    assertThat(report.totals().werFrom()).isNull();
    assertThat(report.totals().meanWerChange()).isNull();
    assertThat(report.totals().labels()).isEqualTo(1);
  }

  private static int indexOf(List<Rule> rules, String kind) {
    for (int i = 0; i < rules.size(); i++) {
      if (rules.get(i).kind().equals(kind)) {
        return i;
      }
    }
    throw new AssertionError("en-asr@1 has no " + kind + " rule");
  }
}
