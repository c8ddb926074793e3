package dev.earmark.engine.rubric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earmark.engine.EngineException;
import dev.earmark.engine.version.VersionedId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RubricCatalogTest {
  private final RubricCatalog builtIn = RubricCatalog.builtIn();

  /**
   * The built-in hashes are pinned: a published version never changes, so any edit of the resource
   * files must fail here and be published as version 2 instead.
   */
  @ParameterizedTest
  @CsvSource(
      textBlock =
          """
          asr-transcript@1, asr-transcript, sha256:e87c1b7ef63d2c661200df0eec607349b35fb668332a32d64aec57b859b9dd8c
          tts-rating@1,     tts-rating,     sha256:054b675057a7eecda14f1488059cdae3a3d1a7a1dd517cbffd9b10fda88cbf18
          rag-stages@1,     rag-stages,     sha256:0fd95810c2823d2180759b207de146467358eae8f6f1b692b89297fe8deea7fd
          tts-mushra@1,     tts-mushra,     sha256:8d18a380d0ff716dc11fe90ef88981fadd2e3dff074f0e1aaefab9b907cccb58
          tts-preference@1, tts-preference, sha256:8c33e8b121ba976c73b2cca435af4e0bf955aa3372ce6709b250a67e8f3ae1de
          """)
  void builtInVersionsAreFixed(String id, String taskType, String hash) {
    Rubric rubric = builtIn.get(VersionedId.parse(id));
    assertThat(rubric.taskType()).isEqualTo(TaskType.fromId(taskType));
    assertThat(rubric.hash()).isEqualTo(hash);
    assertThat(builtIn.latest(rubric.id().name())).contains(rubric);
  }

  @Test
  void anEditPublishesANewVersionWithANewHashAndLeavesTheOldOneAlone() {
    Rubric v1 = builtIn.get(VersionedId.parse("tts-rating@1"));
    Rubric v2 = v1.edit().listeningRequirement(0.9).removeField("long_form_stability").build();
    assertThat(v2.id()).isEqualTo(VersionedId.parse("tts-rating@2"));
    assertThat(v2.hash()).isNotEqualTo(v1.hash());
    assertThat(v1.listeningRequirement()).isEqualTo(0.8);
    assertThat(v1.field("long_form_stability")).isPresent();

    RubricCatalog published = builtIn.publish(v2);
    assertThat(published.latest("tts-rating")).contains(v2);
    assertThat(published.get(v1.id())).isEqualTo(v1);
    assertThat(builtIn.find(v2.id())).isEmpty();
    assertThat(published.publish(v2)).isSameAs(published);
  }

  @Test
  void republishingAnIdWithOtherContentIsRefused() {
    Rubric v1 = builtIn.get(VersionedId.parse("asr-transcript@1"));
    Rubric v2 = v1.edit().build();
    Rubric otherV2 = v1.edit().title("Changed").build();
    RubricCatalog withV2 = builtIn.publish(v2);
    assertThatThrownBy(() -> withV2.publish(otherV2))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining("asr-transcript@2 is already published")
        .hasMessageContaining("publish the edit as asr-transcript@3");
  }

  @Test
  void unknownIdsListTheKnownOnes() {
    assertThatThrownBy(() -> builtIn.get(VersionedId.parse("tts-rating@7")))
        .hasMessageContaining("tts-rating@7 is not known")
        .hasMessageContaining(
            "asr-transcript@1, rag-stages@1, tts-mushra@1, tts-preference@1, tts-rating@1");
    assertThat(RubricCatalog.empty().all()).isEmpty();
    assertThat(builtIn.all())
        .extracting(Rubric::id)
        .containsExactlyElementsOf(RubricCatalog.BUILT_IN_IDS.stream().sorted().toList());
  }

  @Test
  void builderRefusesDuplicateAndMissingFields() {
    RubricBuilder builder = builtIn.get(VersionedId.parse("asr-transcript@1")).edit();
    FieldSpec flag = new FieldSpec.FlagField("unsure", "again", "flags");
    assertThatThrownBy(() -> builder.addField(flag)).hasMessageContaining("already exists");
    assertThatThrownBy(() -> builder.removeField("nope")).hasMessageContaining("has no field nope");
    Rubric replaced = builder.replaceField(flag).description("d").conventions(List.of("c")).build();
    assertThat(replaced.field("unsure")).contains(flag);
    assertThat(replaced.conventions()).containsExactly("c");
    assertThat(builder.id()).isEqualTo(VersionedId.parse("asr-transcript@2"));
  }

  @Test
  void taskTypesAreAClosedSet() {
    assertThat(TaskType.values())
        .extracting(TaskType::id)
        .containsExactly(
            "asr-transcript", "tts-rating", "rag-stages", "tts-mushra", "tts-preference");
    assertThat(TaskType.fromId("rag-stages")).hasToString("rag-stages");
    assertThatThrownBy(() -> TaskType.fromId("asr"))
        .hasMessageContaining("use one of asr-transcript");
  }
}
