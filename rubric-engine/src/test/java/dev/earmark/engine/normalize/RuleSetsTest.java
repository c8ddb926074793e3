package dev.earmark.engine.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earmark.engine.EngineException;
import dev.earmark.engine.version.VersionedId;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleSetsTest {
  @Test
  void aBuiltInResolvesByIdToTheSameInstance() {
    assertThat(RuleSets.resolve("en-asr@1")).isSameAs(RuleSets.enAsr1());
    assertThat(RuleSets.builtInIds()).containsExactly(RuleSets.EN_ASR_1);
    assertThat(RuleSets.builtIn(VersionedId.parse("en-asr@9"))).isEmpty();
  }

  @Test
  void aPathResolvesToTheFileItNames(@TempDir Path dir) {
    RuleSet derived = RuleSets.enAsr1().edit().protect("twenty one pilots").build();
    Path file = dir.resolve("en-asr@2");
    RuleSetJson.write(derived, file);

    assertThat(RuleSets.resolve(file.toString())).isEqualTo(derived);
  }

  @Test
  void anUnknownIdIsRefusedListingTheBuiltIns() {
    assertThatThrownBy(() -> RuleSets.resolve("en-asr@7"))
        .isInstanceOf(EngineException.class)
        .hasMessage(
            "Unknown rule set 'en-asr@7'; the built-in rule sets are en-asr@1, or give the path"
                + " of a rule-set JSON file.");
  }

  @Test
  void aMissingFileOrNothingAtAllIsRefused() {
    assertThatThrownBy(() -> RuleSets.resolve("rules/none.json"))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining("rules/none.json does not exist")
        .hasMessageContaining("en-asr@1");
    assertThatThrownBy(() -> RuleSets.resolve(" "))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining("No rule set given");
  }
}
