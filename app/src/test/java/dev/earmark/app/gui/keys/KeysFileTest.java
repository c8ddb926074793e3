package dev.earmark.app.gui.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earmark.app.gui.labeling.LabelingActions;
import dev.earmark.app.gui.waveform.WaveformActions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The user's keys file (docs/keys.md) applied over the labeling screen's default keys. */
class KeysFileTest {
  @TempDir Path dir;

  @Test
  void goodLinesApplyAndEachBadLineIsReportedWithFileAndLine() throws IOException {
    Path file = dir.resolve("keys.properties");
    Files.writeString(
        file,
        """
        # my keys
        label.submit = Ctrl+Shift+Enter
        player.toggle = F8, Ctrl+Space

        label.nextClip = Ctrl+Banana
        no.such.action = Ctrl+Q
        this line has no equals sign
        waveform.zoomIn = Ctrl+=
        label.save = none
        """);
    Keymap keymap = LabelingActions.defaultKeymap();

    List<String> warnings = keymap.remap(file);

    assertThat(warnings)
        .containsExactly(
            file
                + " line 5: 'Ctrl+Banana' is not a key combination such as Ctrl+Shift+Z or F2;"
                + " line ignored.",
            file
                + " line 6: 'no.such.action' is not an action of this screen (see"
                + " docs/keys.md); line ignored.",
            file
                + " line 7: expected 'action.id = Ctrl+Key', not 'this line has no equals"
                + " sign'; line ignored.");
    assertThat(keymap.combinations(LabelingActions.SUBMIT))
        .as("the old key no longer submits")
        .containsExactly(KeyCombination.valueOf("Ctrl+Shift+Enter"));
    assertThat(keymap.combinations(WaveformActions.TOGGLE_PLAY))
        .containsExactly(
            new KeyCodeCombination(KeyCode.F8),
            new KeyCodeCombination(KeyCode.SPACE, KeyCombination.CONTROL_DOWN));
    assertThat(keymap.combinations(LabelingActions.NEXT_CLIP))
        .as("a bad line leaves the default")
        .containsExactly(new KeyCodeCombination(KeyCode.RIGHT, KeyCombination.ALT_DOWN));
    assertThat(keymap.combinations(WaveformActions.ZOOM_IN)).hasSize(1);
    assertThat(keymap.combinations(LabelingActions.SAVE)).isEmpty();
  }

  @Test
  void aSharedKeysFilePassesOverOtherScreensActionsButStillReportsBadLines() throws IOException {
    Path file = dir.resolve("keys.properties");
    Files.writeString(
        file,
        """
        adjudicate.escalate = Ctrl+Shift+E
        label.submit = Ctrl+Entr
        label.save = F9
        """);
    Keymap keymap = LabelingActions.defaultKeymap();

    List<String> warnings = keymap.remapShared(file);

    assertThat(warnings)
        .containsExactly(
            file
                + " line 2: 'Ctrl+Entr' is not a key combination such as Ctrl+Shift+Z or F2;"
                + " line ignored.");
    assertThat(keymap.combinations(LabelingActions.SAVE))
        .containsExactly(new KeyCodeCombination(KeyCode.F9));
    assertThat(keymap.actions()).doesNotContain("adjudicate.escalate");
  }

  @Test
  void everyActionIsDocumentedInKeysMd() throws IOException {
    Path module = Path.of("").toAbsolutePath();
    Path root = Files.isDirectory(module.resolve("docs")) ? module : module.getParent();
    String keysMd = Files.readString(root.resolve("docs").resolve("keys.md"));

    assertThat(LabelingActions.defaultKeymap().actions())
        .allSatisfy(action -> assertThat(keysMd).contains("`" + action + "`"));
  }

  @Test
  void aMissingKeysFileChangesNothing() {
    Keymap keymap = LabelingActions.defaultKeymap();

    assertThat(keymap.remap(dir.resolve("absent.properties"))).isEmpty();
    assertThat(keymap.combinations(LabelingActions.SUBMIT))
        .isEqualTo(LabelingActions.defaultKeymap().combinations(LabelingActions.SUBMIT));
  }

  @ParameterizedTest
  @CsvSource(
      textBlock =
          """
          /home/u/cfg, /home/u, /home/u/cfg/earmark/keys.properties
          '',          /home/u, /home/u/.config/earmark/keys.properties
          """)
  void theKeysFileFollowsXdgConfigHome(String xdg, String home, String expected) {
    Map<String, String> environment = xdg.isEmpty() ? Map.of() : Map.of("XDG_CONFIG_HOME", xdg);

    assertThat(Keymap.keysFile(environment, Path.of(home))).isEqualTo(Path.of(expected));
  }
}
