package dev.earmark.storage.policy;

import static dev.earmark.storage.LabelingFixture.ANN_1;
import static dev.earmark.storage.LabelingFixture.ASR;
import static dev.earmark.storage.LabelingFixture.LEAD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.earmark.engine.rubric.Rubric;
import dev.earmark.engine.rubric.RubricCatalog;
import dev.earmark.engine.rubric.RubricJson;
import dev.earmark.engine.rubric.TaskType;
import dev.earmark.engine.version.VersionedId;
import dev.earmark.storage.Databases;
import dev.earmark.storage.LabelingFixture;
import dev.earmark.storage.PermissionDeniedException;
import dev.earmark.storage.StorageException;
import dev.earmark.storage.audit.AuditLog;
import dev.earmark.storage.audit.AuditVerification;
import dev.earmark.storage.project.Project;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Published versions are immutable; policy changes are kept with what they replaced. */
class PoliciesTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-21T09:30:00Z"), ZoneOffset.UTC);
  private static final VersionedId EN_ASR_1 = VersionedId.parse("en-asr@1");
  private static final VersionedId EN_ASR_2 = VersionedId.parse("en-asr@2");

  static List<Named<Supplier<Project>>> databases() {
    return Databases.fresh(CLOCK);
  }

  private static ObjectNode ruleSet(String... rules) {
    ObjectNode node = AuditLog.json().createObjectNode();
    var array = node.putArray("rules");
    for (String rule : rules) {
      array.addObject().put("kind", rule);
    }
    return node;
  }

  @ParameterizedTest
  @MethodSource("databases")
  void publishedRubricReadsBackEqualAndCannotChange(Supplier<Project> factory) {
    try (LabelingFixture fixture = LabelingFixture.withUsers(factory.get())) {
      Policies policies = fixture.policies();
      Rubric builtIn = RubricCatalog.builtIn().get(ASR);
      PublishedVersion first = policies.publishRubric(LEAD, builtIn);
      assertThat(first.newlyPublished()).isTrue();
      assertThat(first.contentHash()).isEqualTo(builtIn.hash());
      assertThat(first.publishedAt()).isEqualTo(CLOCK.instant());
      assertThat(policies.rubric(ASR)).isEqualTo(builtIn);
      assertThat(LabelingFixture.over(fixture.project()).policies().rubric(ASR)).isEqualTo(builtIn);

      // The same content again is accepted and changes nothing.
      assertThat(policies.publishRubric(LEAD, builtIn).newlyPublished()).isFalse();
      // Other content under the same id is refused.
      Rubric altered = builtIn.edit().title("A different title").build();
      ObjectNode document = RubricJson.toJson(altered);
      document.put("id", ASR.toString());
      document.remove("hash");
      Rubric forged = RubricJson.fromJson("test", document);
      assertThatThrownBy(() -> policies.publishRubric(LEAD, forged))
          .isInstanceOf(StorageException.class)
          .hasMessageStartingWith(
              "rubric asr-transcript@1 is already published with different content")
          .hasMessageEndingWith("publish the edit as asr-transcript@2");
      assertThat(policies.publishedRubric(ASR).orElseThrow().contentHash())
          .isEqualTo(builtIn.hash());
      assertThat(fixture.project().audit().eventsFor("rubric", "asr-transcript@1")).hasSize(1);
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void ruleSetsAreImmutableToo(Supplier<Project> factory) {
    try (LabelingFixture fixture = LabelingFixture.withUsers(factory.get())) {
      Policies policies = fixture.policies();
      PublishedVersion published = policies.publishRuleSet(LEAD, EN_ASR_1, ruleSet("case-fold"));
      assertThat(published.contentHash()).startsWith("sha256:");
      assertThat(policies.publishRuleSet(LEAD, EN_ASR_1, ruleSet("case-fold")).newlyPublished())
          .isFalse();
      assertThatThrownBy(
              () -> policies.publishRuleSet(LEAD, EN_ASR_1, ruleSet("case-fold", "punctuation")))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("rule-set en-asr@1 is already published with different content");
      assertThat(policies.ruleSet(EN_ASR_1).orElseThrow().contentJson())
          .isEqualTo("{\"rules\":[{\"kind\":\"case-fold\"}]}");
      assertThat(policies.ruleSet(EN_ASR_2)).isEmpty();
      assertThatThrownBy(
              () -> policies.publishRuleSet(LEAD, EN_ASR_2, AuditLog.json().createArrayNode()))
          .hasMessage("rule set en-asr@2 must be a JSON object");
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void policyChangesAreKeptWithWhatTheyReplaced(Supplier<Project> factory) {
    try (LabelingFixture fixture = LabelingFixture.withUsers(factory.get())) {
      Policies policies = fixture.policies();
      policies.publishRubric(LEAD, RubricCatalog.builtIn().get(ASR));
      policies.publishRuleSet(LEAD, EN_ASR_1, ruleSet("case-fold"));
      policies.publishRuleSet(LEAD, EN_ASR_2, ruleSet("case-fold", "numbers"));
      assertThat(policies.policy(TaskType.ASR_TRANSCRIPT)).isEmpty();

      policies.setPolicy(LEAD, ASR, EN_ASR_1);
      LabelPolicy now = policies.setPolicy(LEAD, ASR, EN_ASR_2);
      assertThat(policies.policy(TaskType.ASR_TRANSCRIPT)).contains(now);
      assertThat(now.ruleSet()).contains(EN_ASR_2);
      assertThat(policies.history())
          .extracting(
              change ->
                  change.previousRuleSet().map(Object::toString).orElse("-")
                      + " -> "
                      + change.ruleSet().orElseThrow()
                      + " by "
                      + change.changedBy())
          .containsExactly("- -> en-asr@1 by lead-1", "en-asr@1 -> en-asr@2 by lead-1");
      assertThat(policies.history().get(1).previousRubric()).contains(ASR);
      assertThat(fixture.project().audit().eventsFor("policy", "asr-transcript"))
          .extracting(event -> event.afterJson())
          .containsExactly(
              "{\"rubric\":\"asr-transcript@1\",\"rule_set\":\"en-asr@1\"}",
              "{\"rubric\":\"asr-transcript@1\",\"rule_set\":\"en-asr@2\"}");
      assertThat(fixture.project().audit().verify()).isInstanceOf(AuditVerification.Intact.class);
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void unpublishedVersionsAndNonLeadsAreRefused(Supplier<Project> factory) {
    try (LabelingFixture fixture = LabelingFixture.withUsers(factory.get())) {
      Policies policies = fixture.policies();
      assertThatThrownBy(() -> policies.setPolicy(LEAD, ASR, null))
          .isInstanceOf(StorageException.class)
          .hasMessage("rubric asr-transcript@1 is not published in this project; published: none");
      policies.publishRubric(LEAD, RubricCatalog.builtIn().get(ASR));
      assertThatThrownBy(() -> policies.setPolicy(LEAD, ASR, EN_ASR_1))
          .hasMessage("rule set en-asr@1 is not published in this project; published: none");
      assertThat(policies.setPolicy(LEAD, ASR, null).ruleSet()).isEqualTo(Optional.empty());
      assertThatThrownBy(() -> policies.setPolicy(ANN_1, ASR, null))
          .isInstanceOf(PermissionDeniedException.class)
          .hasMessage("ann-1 cannot change the label policy: that needs the lead role");
      assertThatThrownBy(
              () -> policies.publishRubric(ANN_1, RubricCatalog.builtIn().get(ASR).edit().build()))
          .isInstanceOf(PermissionDeniedException.class);
    }
  }
}
