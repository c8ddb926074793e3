package dev.earmark.storage.policy;

import static dev.earmark.storage.LabelingFixture.ANN_1;
import static dev.earmark.storage.LabelingFixture.ASR;
import static dev.earmark.storage.LabelingFixture.LEAD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earmark.engine.normalize.Rule;
import dev.earmark.engine.normalize.RuleSet;
import dev.earmark.engine.normalize.RuleSets;
import dev.earmark.engine.rubric.Rubric;
import dev.earmark.engine.rubric.RubricCatalog;
import dev.earmark.engine.rubric.TaskType;
import dev.earmark.engine.version.VersionedId;
import dev.earmark.storage.Databases;
import dev.earmark.storage.LabelingFixture;
import dev.earmark.storage.PermissionDeniedException;
import dev.earmark.storage.StorageException;
import dev.earmark.storage.agreement.AgreementData;
import dev.earmark.storage.agreement.AgreementReader;
import dev.earmark.storage.audit.AuditEvent;
import dev.earmark.storage.project.Project;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Publishing rubric and rule-set files as versions, and setting the policy by task type: built-ins
 * count as published versions, nothing published ever changes, and no-ops write nothing.
 */
class PolicyVersionsTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC);
  private static final VersionedId EN_ASR_2 = VersionedId.parse("en-asr@2");

  @TempDir Path dir;

  static List<Named<Supplier<Project>>> databases() {
    return Databases.fresh(CLOCK);
  }

  private static LabelingFixture withUsers(Project project) {
    LabelingFixture fixture = LabelingFixture.over(project);
    project.users().add(LEAD, "lead-1", "Lena", LEAD.roles());
    project.users().add(LEAD, "ann-1", "Ari", ANN_1.roles());
    return fixture;
  }

  private static Rubric asr2() {
    return RubricCatalog.builtIn().get(ASR).edit().title("Transcript, team conventions").build();
  }

  private static RuleSet enAsr2() {
    return RuleSets.enAsr1().edit().protect("twenty one pilots").build();
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aRubricFileIsPublishedAsTheNextVersionOnceAndNeverChanges(Supplier<Project> factory) {
    try (LabelingFixture fixture = withUsers(factory.get())) {
      Policies policies = fixture.policies();
      assertThat(policies.nextFreeRubricId("asr-transcript")).hasToString("asr-transcript@2");
      assertThat(policies.nextFreeRubricId("call-transcript")).hasToString("call-transcript@1");

      Rubric edited = asr2();
      assertThat(edited.id()).hasToString("asr-transcript@2");
      PublishedVersion first = policies.publishRubricVersion(LEAD, edited);
      assertThat(first.newlyPublished()).isTrue();
      assertThat(policies.publishRubricVersion(LEAD, edited).newlyPublished()).isFalse();
      assertThat(policies.publishedRubricIds()).containsExactly(edited.id());
      assertThat(policies.rubric(edited.id())).isEqualTo(edited);

      Rubric other = RubricCatalog.builtIn().get(ASR).edit().title("Something else").build();
      assertThatThrownBy(() -> policies.publishRubricVersion(LEAD, other))
          .isInstanceOf(StorageException.class)
          .hasMessageStartingWith(
              "rubric asr-transcript@2 is already published with different content")
          .hasMessageEndingWith("publish the edit as asr-transcript@3");
      Rubric skipping = edited.edit().build().edit().build();
      assertThatThrownBy(() -> policies.publishRubricVersion(LEAD, skipping))
          .hasMessage(
              "rubric asr-transcript@4 skips a version: the next version of asr-transcript is"
                  + " asr-transcript@3; change the file's id to asr-transcript@3");
      assertThat(fixture.project().audit().eventsFor("rubric", "asr-transcript@2"))
          .extracting(AuditEvent::action)
          .containsExactly("rubric.publish");
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aBuiltInIdIsAcceptedOnlyWithTheBuiltInContent(Supplier<Project> factory) {
    try (LabelingFixture fixture = withUsers(factory.get())) {
      Policies policies = fixture.policies();
      assertThat(
              policies
                  .publishRubricVersion(LEAD, RubricCatalog.builtIn().get(ASR))
                  .newlyPublished())
          .isTrue();
      assertThat(policies.publishRuleSetVersion(LEAD, RuleSets.enAsr1()).newlyPublished()).isTrue();
      assertThat(policies.publishedRuleSetIds()).containsExactly(RuleSets.EN_ASR_1);

      RuleSet forged = RuleSet.of(RuleSets.EN_ASR_1, "mine", List.of(new Rule.CaseFold()));
      try (LabelingFixture fresh = withUsers(Databases.fresh(CLOCK).get(0).getPayload().get())) {
        assertThatThrownBy(() -> fresh.policies().publishRuleSetVersion(LEAD, forged))
            .isInstanceOf(StorageException.class)
            .hasMessageStartingWith(
                "rule set en-asr@1 is built into Earmark with different content")
            .hasMessageEndingWith("publish the edit as en-asr@2");
      }
      assertThatThrownBy(() -> policies.publishRuleSetVersion(LEAD, forged))
          .hasMessageStartingWith("rule-set en-asr@1 is already published with different content");
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void ruleSetFilesFollowTheSameRulesAndOnlyLeadsPublish(Supplier<Project> factory) {
    try (LabelingFixture fixture = withUsers(factory.get())) {
      Policies policies = fixture.policies();
      RuleSet edited = enAsr2();
      assertThat(policies.nextFreeRuleSetId("en-asr")).isEqualTo(EN_ASR_2);
      assertThat(policies.publishRuleSetVersion(LEAD, edited).contentHash())
          .isEqualTo(edited.hash());
      assertThat(policies.publishRuleSetVersion(LEAD, edited).newlyPublished()).isFalse();
      assertThat(policies.nextFreeRuleSetId("en-asr")).hasToString("en-asr@3");
      assertThatThrownBy(() -> policies.publishRuleSetVersion(ANN_1, edited.edit().build()))
          .isInstanceOf(PermissionDeniedException.class)
          .hasMessage("ann-1 cannot publish a rule-set version: that needs the lead role");
      assertThatThrownBy(() -> policies.publishRubricVersion(ANN_1, asr2()))
          .isInstanceOf(PermissionDeniedException.class);
      assertThat(policies.publishedRubricIds()).isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void settingAPolicyPublishesNamedBuiltInsAndIgnoresARepeat(Supplier<Project> factory) {
    try (LabelingFixture fixture = withUsers(factory.get())) {
      Policies policies = fixture.policies();
      PolicyUpdate first =
          policies.setPolicy(LEAD, TaskType.ASR_TRANSCRIPT, ASR, RuleSets.EN_ASR_1);
      assertThat(first.changed()).isTrue();
      assertThat(first.previous()).isEmpty();
      assertThat(policies.publishedRubricIds()).containsExactly(ASR);
      assertThat(policies.publishedRuleSetIds()).containsExactly(RuleSets.EN_ASR_1);

      PolicyUpdate again =
          policies.setPolicy(LEAD, TaskType.ASR_TRANSCRIPT, ASR, RuleSets.EN_ASR_1);
      assertThat(again.changed()).isFalse();
      policies.publishRuleSetVersion(LEAD, enAsr2());
      PolicyUpdate moved = policies.setPolicy(LEAD, TaskType.ASR_TRANSCRIPT, ASR, EN_ASR_2);
      assertThat(moved.previous().flatMap(LabelPolicy::ruleSet)).contains(RuleSets.EN_ASR_1);
      assertThat(moved.current().ruleSet()).contains(EN_ASR_2);
      assertThat(fixture.project().audit().eventsFor("policy", "asr-transcript")).hasSize(2);
      assertThat(policies.history()).hasSize(2);
      assertThat(policies.submittedLabelsByRubric(TaskType.ASR_TRANSCRIPT)).isEqualTo(Map.of());
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void agreementNormalizesWithTheRuleSetOfThePolicyInForce(Supplier<Project> factory) {
    try (LabelingFixture fixture = withUsers(factory.get())) {
      Policies policies = fixture.policies();
      AgreementReader agreement = new AgreementReader(fixture.project(), policies);
      policies.setPolicy(LEAD, TaskType.ASR_TRANSCRIPT, ASR, RuleSets.EN_ASR_1);
      AgreementData before = agreement.read(LEAD, TaskType.ASR_TRANSCRIPT).orElseThrow();
      assertThat(before.normalizer().normalize("Twenty one pilots").words())
          .containsExactly("21", "pilots");

      policies.publishRuleSetVersion(LEAD, enAsr2());
      policies.setPolicy(LEAD, TaskType.ASR_TRANSCRIPT, ASR, EN_ASR_2);
      AgreementData after = agreement.read(LEAD, TaskType.ASR_TRANSCRIPT).orElseThrow();
      assertThat(after.ruleSet()).contains(EN_ASR_2);
      assertThat(after.normalizer().normalize("Twenty one pilots").words())
          .containsExactly("twenty", "one", "pilots");
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void unknownVersionsWrongTaskTypesAndAnnotatorsAreRefused(Supplier<Project> factory) {
    try (LabelingFixture fixture = withUsers(factory.get())) {
      Policies policies = fixture.policies();
      VersionedId unknown = VersionedId.parse("asr-transcript@9");
      assertThatThrownBy(
              () -> policies.setPolicy(LEAD, TaskType.ASR_TRANSCRIPT, unknown, RuleSets.EN_ASR_1))
          .isInstanceOf(StorageException.class)
          .hasMessage(
              "rubric asr-transcript@9 is neither published in this project (none) nor built in"
                  + " (asr-transcript@1, rag-stages@1, tts-mushra@1, tts-preference@1, tts-rating@1); publish it first");
      assertThatThrownBy(() -> policies.setPolicy(LEAD, TaskType.ASR_TRANSCRIPT, ASR, EN_ASR_2))
          .hasMessage(
              "rule set en-asr@2 is neither published in this project (none) nor built in"
                  + " (en-asr@1); publish it first");
      assertThatThrownBy(() -> policies.setPolicy(LEAD, TaskType.TTS_RATING, ASR, null))
          .hasMessage(
              "rubric asr-transcript@1 is for asr-transcript, not tts-rating; name a rubric of"
                  + " tts-rating");
      assertThatThrownBy(
              () -> policies.setPolicy(ANN_1, TaskType.ASR_TRANSCRIPT, ASR, RuleSets.EN_ASR_1))
          .isInstanceOf(PermissionDeniedException.class);
      assertThat(policies.policy(TaskType.ASR_TRANSCRIPT)).isEqualTo(Optional.empty());
    }
  }
}
