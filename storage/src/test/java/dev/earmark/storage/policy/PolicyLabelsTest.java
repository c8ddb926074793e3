package dev.earmark.storage.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earmark.engine.normalize.RuleSet;
import dev.earmark.engine.normalize.RuleSets;
import dev.earmark.engine.policy.PolicyLabel;
import dev.earmark.engine.version.VersionedId;
import dev.earmark.fixtures.DemoDataset;
import dev.earmark.storage.Databases;
import dev.earmark.storage.PermissionDeniedException;
import dev.earmark.storage.StorageException;
import dev.earmark.storage.demo.DemoProject;
import dev.earmark.storage.label.Label;
import dev.earmark.storage.label.LabelState;
import dev.earmark.storage.label.Labels;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.settings.ProjectSettings;
import dev.earmark.storage.user.Actor;
import dev.earmark.storage.user.Role;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The policy diff's reads and the rule editor's publish, on the demo project in each database. */
class PolicyLabelsTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse(DemoDataset.REFERENCE_DATE + "T10:00:00Z"), ZoneOffset.UTC);
  private static final VersionedId ASR = VersionedId.parse("asr-transcript@1");
  private static final VersionedId EN_ASR_2 = VersionedId.parse("en-asr@2");

  @TempDir Path dir;

  static List<Named<Supplier<Project>>> databases() {
    return Databases.fresh(CLOCK);
  }

  private Project demo(Supplier<Project> factory) throws Exception {
    Path data = DemoDataset.copyTo(dir.resolve("demo-data")).getParent();
    Project project = factory.get();
    new DemoProject(project).build(data, "lead-demo");
    return project;
  }

  @ParameterizedTest
  @MethodSource("databases")
  void transcriptLabelsAreTheSubmittedAsrLabelsWithSliceAndHypothesis(Supplier<Project> factory)
      throws Exception {
    try (Project project = demo(factory)) {
      Policies policies = new Policies(project);
      PolicyLabels reader = new PolicyLabels(project, policies);
      Actor lead = project.users().actor("lead-demo");

      List<PolicyLabel> labels = reader.transcriptLabels(lead, "domain");

      List<Label> submitted =
          new Labels(project, policies, new ProjectSettings(project))
              .labels(lead, ASR).stream()
                  .filter(label -> label.state() == LabelState.SUBMITTED)
                  .toList();
      assertThat(labels).hasSize(submitted.size()).isNotEmpty();
      // clip-002 is in the music domain (manifest.jsonl) and Cem wrote it as the reference reads.
      assertThat(labels)
          .filteredOn(label -> label.id().equals("clip-002") && "ann-cem".equals(label.annotator()))
          .singleElement()
          .satisfies(
              label -> {
                assertThat(label.slice()).isEqualTo("music");
                assertThat(label.reference())
                    .isEqualTo("i bought tickets to see twenty one pilots in june");
                assertThat(label.hypothesis())
                    .isEqualTo("i bought tickets to see twenty one pilots in the");
              });
      assertThat(reader.transcriptLabels(lead, "no-such-tag"))
          .extracting(PolicyLabel::slice)
          .containsOnly(PolicyLabels.NO_SLICE);
      assertThat(reader.transcriptLabels(project.users().actor("adj-demo"), "accent"))
          .hasSameSizeAs(labels);
      assertThatThrownBy(() -> reader.transcriptLabels(project.users().actor("ann-alex"), "domain"))
          .isInstanceOf(PermissionDeniedException.class)
          .hasMessage(
              "ann-alex cannot read every label for a policy diff: that needs the lead or"
                  + " adjudicator role");
      // A claimed role is not enough: the user table decides (blind labeling, ADR 11).
      Actor forged = new Actor("ann-alex", EnumSet.of(Role.LEAD));
      assertThatThrownBy(() -> reader.transcriptLabels(forged, "domain"))
          .isInstanceOf(PermissionDeniedException.class);
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void policyNamesResolveToPublishedRuleSets(Supplier<Project> factory) throws Exception {
    try (Project project = demo(factory)) {
      PolicyLabels reader = new PolicyLabels(project, new Policies(project));

      assertThat(reader.publishedRuleSets()).containsExactly(RuleSets.EN_ASR_1);
      assertThat(reader.resolve("en-asr@1")).isEqualTo(RuleSets.EN_ASR_1);
      assertThat(reader.resolve("asr-transcript")).isEqualTo(RuleSets.EN_ASR_1);
      assertThat(reader.ruleSet(RuleSets.EN_ASR_1)).isEqualTo(RuleSets.enAsr1());
      assertThatThrownBy(() -> reader.resolve("en-asr@7"))
          .isInstanceOf(StorageException.class)
          .hasMessage(
              "'en-asr@7' is neither a published rule set (en-asr@1) nor a task type with a label"
                  + " policy (asr-transcript)");
      assertThatThrownBy(() -> reader.resolve("tts-rating"))
          .hasMessage(
              "the label policy of tts-rating has no rule set; name a published rule set instead:"
                  + " en-asr@1");
      assertThatThrownBy(() -> reader.ruleSet(EN_ASR_2))
          .hasMessage("rule set en-asr@2 is not published in this project; published: en-asr@1");
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void publishingAddsTheNextVersionForLeadsOnlyAndIsAudited(Supplier<Project> factory)
      throws Exception {
    try (Project project = demo(factory)) {
      PolicyLabels reader = new PolicyLabels(project, new Policies(project));
      Actor lead = project.users().actor("lead-demo");
      RuleSet edited = RuleSets.enAsr1().edit().protect("twenty one pilots").build();
      assertThat(reader.nextVersion("en-asr")).isEqualTo(EN_ASR_2).isEqualTo(edited.id());

      assertThatThrownBy(() -> reader.publish(project.users().actor("adj-demo"), edited))
          .isInstanceOf(PermissionDeniedException.class)
          .hasMessage("adj-demo cannot publish a rule-set version: that needs the lead role");
      assertThat(reader.publishedRuleSets()).containsExactly(RuleSets.EN_ASR_1);

      PublishedVersion published = reader.publish(lead, edited);

      assertThat(published.newlyPublished()).isTrue();
      assertThat(published.contentHash()).isEqualTo(edited.hash());
      assertThat(reader.publishedRuleSets()).containsExactly(RuleSets.EN_ASR_1, EN_ASR_2);
      assertThat(reader.ruleSet(EN_ASR_2)).isEqualTo(edited);
      assertThat(reader.nextVersion("en-asr")).isEqualTo(VersionedId.parse("en-asr@3"));
      assertThat(project.audit().eventsFor("rule-set", "en-asr@2")).hasSize(1);
      assertThatThrownBy(() -> reader.publish(lead, edited))
          .isInstanceOf(StorageException.class)
          .hasMessage(
              "rule set en-asr@2 cannot be published: the next version of en-asr is en-asr@3");
      assertThat(reader.nextVersion("fr-asr")).isEqualTo(VersionedId.parse("fr-asr@1"));
    }
  }
}
