package dev.earmark.engine.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earmark.engine.EngineException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VersionedIdTest {
  @Test
  void parsesNameAndVersion() {
    VersionedId id = VersionedId.parse("asr-transcript@3");
    assertThat(id.name()).isEqualTo("asr-transcript");
    assertThat(id.version()).isEqualTo(3);
    assertThat(id).hasToString("asr-transcript@3");
    assertThat(id.next()).isEqualTo(new VersionedId("asr-transcript", 4));
  }

  @ParameterizedTest
  @ValueSource(strings = {"en-asr", "en-asr@0", "EN@1", "en asr@1", "@1", "en-asr@x", "-a@1", ""})
  void rejectsMalformedIdsWithAnExample(String text) {
    assertThat(VersionedId.looksLikeId(text)).isFalse();
    assertThatThrownBy(() -> VersionedId.parse(text))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining("en-asr@1");
  }

  @Test
  void ordersByNameThenNumericVersion() {
    assertThat(VersionedId.parse("a@10")).isGreaterThan(VersionedId.parse("a@9"));
    assertThat(VersionedId.parse("a@10")).isLessThan(VersionedId.parse("b@1"));
  }
}
