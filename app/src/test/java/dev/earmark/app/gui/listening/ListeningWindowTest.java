package dev.earmark.app.gui.listening;

import static dev.earmark.app.gui.FxThread.fx;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earmark.app.gui.background.FxTaskExecutor;
import dev.earmark.app.gui.labeling.FxDebouncer;
import dev.earmark.app.gui.labeling.SaveState;
import dev.earmark.app.gui.player.LoopRegion;
import dev.earmark.app.gui.player.ManualClockPlayer;
import dev.earmark.app.gui.player.PlayerState;
import dev.earmark.fixtures.DemoDataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.scene.AccessibleAttribute;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The MUSHRA and A/B screens in a real window (headless Monocle), on the demo's MUSHRA test: the
 * real WAVs of sample-fixtures' mushra/ folder, grouped by prompt, the hidden reference and the
 * anchors shuffled among the systems with a fixed seed (the rater's recorded order). Playback runs
 * on {@link ManualClockPlayer}s the test advances; storage is a {@link RecordingListeningService}.
 */
@ExtendWith(ApplicationExtension.class)
class ListeningWindowTest {
  private static final double CLIP_SECONDS = 2.0;
  @TempDir static Path dir;
  private static List<MushraTrial> trials;
  private static Map<String, String> systemOfKey;

  private final List<ManualClockPlayer> players = new ArrayList<>();
  private RecordingListeningService service;
  private ListeningScreen screen;

  @BeforeAll
  static void copyDemo() throws IOException {
    Path manifest = DemoDataset.copyTo(dir).getParent().resolve(DemoDataset.MUSHRA_MANIFEST);
    Map<String, List<JsonNode>> byPrompt = new LinkedHashMap<>();
    ObjectMapper json = new ObjectMapper();
    for (String line : Files.readAllLines(manifest)) {
      JsonNode item = json.readTree(line);
      byPrompt.computeIfAbsent(item.get("prompt_id").asText(), p -> new ArrayList<>()).add(item);
    }
    trials = new ArrayList<>();
    systemOfKey = new LinkedHashMap<>();
    Random order = new Random(23);
    int position = 0;
    for (List<JsonNode> items : byPrompt.values()) {
      Path base = manifest.getParent();
      Path reference = null;
      List<String[]> keyed = new ArrayList<>();
      for (JsonNode item : items) {
        Path audio = base.resolve(item.get("audio_filepath").asText());
        String role = item.get("stimulus_role").asText();
        if (role.equals("reference")) {
          reference = audio;
          keyed.add(new String[] {item.get("id").asText(), audio.toString()});
        } else {
          keyed.add(new String[] {item.get("id").asText(), audio.toString()});
        }
        if (item.has("system")) {
          systemOfKey.put(keyed.get(keyed.size() - 1)[0], item.get("system").asText());
        }
      }
      Collections.shuffle(keyed, order);
      List<Stimulus> stimuli = new ArrayList<>();
      for (int i = 0; i < keyed.size(); i++) {
        stimuli.add(new Stimulus(keyed.get(i)[0], Stimulus.letter(i), Path.of(keyed.get(i)[1])));
      }
      trials.add(
          new MushraTrial(
              "trial-" + items.get(0).get("prompt_id").asText(),
              items.get(0).get("prompt_text").asText(),
              Optional.of(reference),
              stimuli,
              1.0,
              Map.of(),
              ++position,
              byPrompt.size(),
              false));
    }
  }

  @Start
  void start(Stage stage) {
    MushraTrial first = trials.get(0);
    PreferenceTrial forced =
        new PreferenceTrial(
            "ab-1",
            first.prompt(),
            first.stimuli().get(0),
            new Stimulus(first.stimuli().get(1).key(), "B", first.stimuli().get(1).audio()),
            false,
            1.0,
            Optional.empty(),
            1,
            2,
            false);
    PreferenceTrial open =
        new PreferenceTrial(
            "ab-2",
            trials.get(1).prompt(),
            trials.get(1).stimuli().get(2),
            new Stimulus(
                trials.get(1).stimuli().get(3).key(), "B", trials.get(1).stimuli().get(3).audio()),
            true,
            1.0,
            Optional.empty(),
            2,
            2,
            false);
    service = new RecordingListeningService(trials.subList(0, 2), List.of(forced, open));
    screen =
        new ListeningScreen(
            service,
            new FxTaskExecutor(1),
            new FxDebouncer(),
            Optional.empty(),
            executor -> {
              ManualClockPlayer player = new ManualClockPlayer(CLIP_SECONDS);
              players.add(player);
              return player;
            });
    Scene scene = new Scene(screen.view(), 1280, 800);
    stage.setScene(scene);
    stage.show();
    screen.start(scene);
  }

  @AfterEach
  void close() throws Exception {
    fx(
        () -> {
          screen.close();
          return null;
        });
  }

  @Test
  void slidersUnlockOnlyOnceTheirStimulusIsHeardAndTheKeysRateLoopAndSubmit(FxRobot robot)
      throws Exception {
    MushraViewModel model = screen.mushra();
    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> fx(() -> model.trialProperty().get().isPresent()));
    ManualClockPlayer player = players.get(0);
    MushraTrial trial = trials.get(0);
    int count = trial.stimuli().size();
    assertThat(count).as("3 systems, hidden reference, 2 anchors").isEqualTo(6);
    assertThat(text(robot, "#mushraView #prompt")).isEqualTo("“" + trial.prompt() + "”");

    // Locked: every slider disabled under "listen first"; the keys refuse and say why.
    for (int i = 0; i < count; i++) {
      String letter = Stimulus.letter(i);
      assertThat(fx(() -> robot.lookup("#mushraView #slider-" + letter).query().isDisabled()))
          .isTrue();
      assertThat(fx(() -> robot.lookup("#mushraView #lock-" + letter).query().isVisible()))
          .isTrue();
    }
    robot.type(KeyCode.UP);
    assertThat(text(robot, "#mushraView #status")).startsWith("Play a stimulus");
    robot.type(KeyCode.DIGIT1);
    assertThat(fx(() -> player.loaded())).isEqualTo(trial.stimuli().get(0).audio());
    listen(player, model, 1.0);
    robot.type(KeyCode.UP);
    // half of A heard: still locked
    assertThat(text(robot, "#mushraView #status"))
        .isEqualTo("listen to A first (50% heard, 100% needed)");
    assertThat(fx(() -> model.scores().isEmpty())).isTrue();

    // Switching to B keeps the position (the same passage is compared), and B starts unheard.
    robot.type(KeyCode.DIGIT2);
    assertThat(fx(() -> player.loaded())).isEqualTo(trial.stimuli().get(1).audio());
    assertThat(fx(player::position)).isEqualTo(1.0);
    assertThat(fx(() -> player.stateProperty().get())).isEqualTo(PlayerState.PLAYING);
    robot.type(KeyCode.DIGIT1);
    listen(player, model, 1.2);
    assertThat(fx(() -> model.deck().heardProperty(0).get())).isEqualTo(1.0);
    assertThat(fx(() -> robot.lookup("#mushraView #slider-A").query().isDisabled())).isFalse();
    assertThat(fx(() -> robot.lookup("#mushraView #lock-A").query().isVisible())).isFalse();
    assertThat(fx(() -> robot.lookup("#mushraView #slider-B").query().isDisabled())).isTrue();

    // Keys on the open stimulus's slider: ↑ from the middle, Shift+↑ by ten, ↓ back one.
    robot.type(KeyCode.UP);
    robot.press(KeyCode.SHIFT).type(KeyCode.UP).release(KeyCode.SHIFT);
    robot.type(KeyCode.DOWN);
    assertThat(fx(() -> model.scores().get(0))).isEqualTo(60);
    assertThat(text(robot, "#mushraView #score-A")).isEqualTo("60");
    assertThat(fx(() -> ((Slider) robot.lookup("#mushraView #slider-A").query()).getValue()))
        .isEqualTo(60.0);

    // Loop the whole stimulus: playing past the end wraps instead of stopping.
    // A played to its end and stopped there.
    assertThat(fx(() -> player.stateProperty().get())).isEqualTo(PlayerState.PAUSED);
    fx(
        () -> {
          model.deck().seek(0);
          return null;
        });
    robot.type(KeyCode.L);
    assertThat(fx(() -> player.loopProperty().get())).hasValue(new LoopRegion(0, CLIP_SECONDS));
    robot.type(KeyCode.DIGIT1); // A is open: 1 plays it again
    advance(player, model, 2.6);
    assertThat(fx(() -> player.stateProperty().get())).isEqualTo(PlayerState.PLAYING);
    assertThat(fx(player::position)).isCloseTo(0.6, org.assertj.core.data.Offset.offset(1e-9));
    // Mark a region at 0.6 s and 1.4 s: it loops, on whichever stimulus plays.
    robot.type(KeyCode.M);
    advance(player, model, 0.8);
    robot.type(KeyCode.M);
    assertThat(fx(() -> player.loopProperty().get())).isPresent();
    LoopRegion region = fx(() -> player.loopProperty().get().get());
    assertThat(region.startSeconds()).isCloseTo(0.6, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(region.endSeconds()).isCloseTo(1.4, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(text(robot, "#mushraView #regionLabel")).isEqualTo("region 0.60–1.40 s");
    robot.type(KeyCode.DIGIT3);
    assertThat(fx(() -> player.loopProperty().get())).hasValue(region);
    robot.press(KeyCode.SHIFT).type(KeyCode.M).release(KeyCode.SHIFT);
    robot.type(KeyCode.L);
    assertThat(fx(() -> player.loopProperty().get())).isEmpty();

    // Submit refuses while a stimulus is unscored, naming it.
    robot.press(KeyCode.CONTROL).type(KeyCode.ENTER).release(KeyCode.CONTROL);
    assertThat(text(robot, "#mushraView #status")).startsWith("Not submitted: listen to B first");
    assertThat(service.mushraSubmits).isEmpty();

    // Hear and score the rest with the keys: stimulus i gets 10·i + 5.
    for (int i = 1; i < count; i++) {
      robot.type(KeyCode.valueOf("DIGIT" + (i + 1)));
      fx(
          () -> {
            model.deck().seek(0);
            return null;
          });
      if (fx(() -> player.stateProperty().get()) != PlayerState.PLAYING) {
        robot.type(KeyCode.valueOf("DIGIT" + (i + 1)));
      }
      listen(player, model, CLIP_SECONDS);
      int index = i;
      fx(() -> model.setScore(index, 10 * index + 5));
    }
    WaitForAsyncUtils.waitFor(
        10, TimeUnit.SECONDS, () -> fx(() -> !service.mushraDrafts.isEmpty()));
    robot.press(KeyCode.CONTROL).type(KeyCode.ENTER).release(KeyCode.CONTROL);
    WaitForAsyncUtils.waitFor(
        10, TimeUnit.SECONDS, () -> fx(() -> service.mushraSubmits.size() == 1));
    RecordingListeningService.MushraSubmit sent = service.mushraSubmits.get(0);
    assertThat(sent.trialId()).isEqualTo(trial.trialId());
    Map<String, Integer> expected = new LinkedHashMap<>();
    expected.put(trial.stimuli().get(0).key(), 60);
    for (int i = 1; i < count; i++) {
      expected.put(trial.stimuli().get(i).key(), 10 * i + 5);
    }
    assertThat(sent.scores()).isEqualTo(expected);
    assertThat(sent.heard().values())
        .allSatisfy(
            share -> assertThat(share).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9)));
    WaitForAsyncUtils.waitFor(
        10,
        TimeUnit.SECONDS,
        () -> fx(() -> model.trialProperty().get().map(MushraTrial::position).orElse(0) == 2));
    assertThat(fx(() -> robot.lookup("#mushraView #slider-A").query().isDisabled()))
        .as("a new trial starts locked")
        .isTrue();
  }

  @Test
  void leavingTheScreenWaitsForTheDraftInFlight(FxRobot robot) throws Exception {
    MushraViewModel model = screen.mushra();
    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> fx(() -> model.trialProperty().get().isPresent()));
    ManualClockPlayer player = players.get(0);
    MushraTrial trial = trials.get(0);
    robot.type(KeyCode.DIGIT1);
    listen(player, model, CLIP_SECONDS);
    // The save is held in storage, as a slow disk or a busy server would hold it.
    CountDownLatch gate = new CountDownLatch(1);
    service.mushraSaveGate = gate;
    fx(() -> model.setScore(0, 73));
    assertThat(fx(() -> model.saveStateProperty().get())).isEqualTo(SaveState.UNSAVED);
    assertThat(fx(() -> screen.hasUnsavedWork())).isTrue();

    AtomicBoolean left = new AtomicBoolean(false);
    try {
      fx(
          () -> {
            screen.saveThen(() -> left.set(true));
            return null;
          });
      // The save started and is in flight: the screen stays, and still says it has unsaved work.
      WaitForAsyncUtils.waitForFxEvents();
      Thread.sleep(300); // give a wrong implementation the chance to move on
      WaitForAsyncUtils.waitForFxEvents();
      assertThat(fx(() -> model.saveStateProperty().get())).isEqualTo(SaveState.SAVING);
      assertThat(left).isFalse();
      assertThat(fx(() -> screen.hasUnsavedWork())).isTrue();
      assertThat(service.mushraDrafts).isEmpty();
    } finally {
      gate.countDown(); // never leave the executor held, even when an assertion failed
    }
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, left::get);
    // It moved on only once the draft was stored, with the score just given.
    assertThat(service.mushraDrafts).last().isEqualTo(Map.of(trial.stimuli().get(0).key(), 73));
    assertThat(fx(() -> model.saveStateProperty().get())).isEqualTo(SaveState.SAVED);
    assertThat(fx(() -> screen.hasUnsavedWork())).isFalse();
  }

  @Test
  void noSystemNameRoleOrClipNameIsAnywhereInTheScene(FxRobot robot) throws Exception {
    MushraViewModel model = screen.mushra();
    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> fx(() -> model.trialProperty().get().isPresent()));
    MushraTrial trial = trials.get(0);
    Set<String> texts = fx(() -> everyText(screen.view()));
    Set<String> forbidden = new HashSet<>(systemOfKey.values());
    for (Stimulus stimulus : trial.stimuli()) {
      forbidden.add(stimulus.key());
      forbidden.add(stimulus.audio().getFileName().toString());
    }
    forbidden.addAll(List.of("sys-", "espeak", "anchor", "hidden", "lowpass", "klatt"));
    for (String text : texts) {
      for (String word : forbidden) {
        assertThat(text.toLowerCase(java.util.Locale.ROOT))
            .as("scene text \"%s\" leaks \"%s\"", text, word)
            .doesNotContain(word.toLowerCase(java.util.Locale.ROOT));
      }
    }
    // The hidden reference is a lettered button like any other; the open reference alone says so.
    List<String> buttons = new ArrayList<>();
    for (int i = 0; i < trial.stimuli().size(); i++) {
      buttons.add(text(robot, "#mushraView #play-" + Stimulus.letter(i)));
    }
    assertThat(buttons).containsExactly("A", "B", "C", "D", "E", "F");
    assertThat(fx(() -> ((Labeled) robot.lookup("#mushraView #playReference").query()).getText()))
        .as("only the open reference says what it is")
        .isEqualTo("Reference\n(R)");
  }

  @Test
  void abForcedChoiceRefusesNoPreferenceAndWaitsForBothToBeHeard(FxRobot robot) throws Exception {
    PreferenceViewModel model = screen.preference();
    fx(
        () -> {
          screen.showPreference(true);
          return null;
        });
    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> fx(() -> model.trialProperty().get().isPresent()));
    ManualClockPlayer player = players.get(1);
    assertThat(fx(() -> robot.lookup("#prefer-none").query().isVisible()))
        .as("forced choice offers no 'no preference'")
        .isFalse();
    assertThat(fx(() -> robot.lookup("#prefer-A").query().isDisabled())).isTrue();
    robot.type(KeyCode.A);
    assertThat(text(robot, "#preferenceView #status"))
        .isEqualTo("listen to A first (0% heard, 100% needed)");
    robot.type(KeyCode.N);
    assertThat(text(robot, "#preferenceView #status"))
        .isEqualTo("This test is forced choice: choose A or B.");

    robot.type(KeyCode.DIGIT1);
    listen(player, model, CLIP_SECONDS);
    robot.type(KeyCode.DIGIT2);
    fx(
        () -> {
          model.deck().seek(0);
          return null;
        });
    if (fx(() -> player.stateProperty().get()) != PlayerState.PLAYING) {
      robot.type(KeyCode.DIGIT2);
    }
    listen(player, model, CLIP_SECONDS);
    assertThat(fx(() -> robot.lookup("#prefer-A").query().isDisabled())).isFalse();
    robot.type(KeyCode.B);
    assertThat(fx(() -> model.choiceProperty().get())).hasValue(Preference.B);
    assertThat(
            fx(
                () ->
                    ((javafx.scene.control.ToggleButton) robot.lookup("#prefer-B").query())
                        .isSelected()))
        .isTrue();
    robot.press(KeyCode.CONTROL).type(KeyCode.ENTER).release(KeyCode.CONTROL);
    WaitForAsyncUtils.waitFor(
        10, TimeUnit.SECONDS, () -> fx(() -> service.preferenceSubmits.size() == 1));
    assertThat(service.preferenceSubmits.get(0).choice()).isEqualTo(Preference.B);
    assertThat(service.preferenceSubmits.get(0).heard().values())
        .allSatisfy(
            share -> assertThat(share).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9)));

    // The second trial allows "no preference".
    WaitForAsyncUtils.waitFor(
        10,
        TimeUnit.SECONDS,
        () -> fx(() -> model.trialProperty().get().map(PreferenceTrial::position).orElse(0) == 2));
    assertThat(fx(() -> robot.lookup("#prefer-none").query().isVisible())).isTrue();
    assertThat(fx(() -> model.choiceProperty().get())).isEmpty();
  }

  /** Plays for {@code seconds} of the player's clock in frames of 0.2 s, counting each. */
  private static void listen(ManualClockPlayer player, TrialModel model, double seconds)
      throws Exception {
    advance(player, model, seconds);
  }

  private static void advance(ManualClockPlayer player, TrialModel model, double seconds)
      throws Exception {
    for (double left = seconds; left > 1e-9; left -= 0.2) {
      double step = Math.min(0.2, left);
      fx(
          () -> {
            player.advance(step);
            model.deck().tick();
            return null;
          });
    }
    WaitForAsyncUtils.waitForFxEvents();
  }

  /** Every text a user or a screen reader could get from the scene. */
  private static Set<String> everyText(Node node) {
    Set<String> texts = new HashSet<>();
    if (node instanceof Labeled labeled && labeled.getText() != null) {
      texts.add(labeled.getText());
      Tooltip tip = labeled.getTooltip();
      if (tip != null) {
        texts.add(tip.getText());
      }
    }
    Object accessible = node.queryAccessibleAttribute(AccessibleAttribute.TEXT);
    if (accessible != null) {
      texts.add(accessible.toString());
    }
    if (node.getAccessibleText() != null) {
      texts.add(node.getAccessibleText());
    }
    if (node.getId() != null) {
      texts.add(node.getId());
    }
    if (node instanceof Parent parent) {
      for (Node child : parent.getChildrenUnmodifiable()) {
        texts.addAll(everyText(child));
      }
    }
    if (node instanceof javafx.scene.control.TabPane tabs) {
      for (var tab : tabs.getTabs()) {
        texts.add(tab.getText());
        if (tab.getContent() != null) {
          texts.addAll(everyText(tab.getContent()));
        }
      }
    }
    return texts;
  }

  private static String text(FxRobot robot, String query) throws Exception {
    return fx(() -> ((Labeled) robot.lookup(query).query()).getText());
  }
}
