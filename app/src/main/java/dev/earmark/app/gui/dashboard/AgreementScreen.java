package dev.earmark.app.gui.dashboard;

import dev.earmark.app.gui.background.FxTaskExecutor;
import dev.earmark.app.gui.keys.Keymap;
import dev.earmark.app.gui.screen.WorkbenchContext;
import dev.earmark.app.gui.screen.WorkbenchScreen;
import dev.earmark.engine.rubric.TaskType;
import dev.earmark.storage.agreement.AgreementFigures;
import dev.earmark.storage.agreement.AgreementReader;
import dev.earmark.storage.agreement.TaskFigures;
import dev.earmark.storage.policy.LabelPolicy;
import dev.earmark.storage.policy.Policies;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;

/**
 * The agreement dashboard in the shell: its own background executor (one thread, so a computation
 * never competes with another of this screen), the storage reader bound to the acting user, the
 * view-model and the view. Use on the JavaFX thread; {@link #close} releases the executor.
 */
public final class AgreementScreen implements WorkbenchScreen {
  static final String RECOMPUTE = "agreement.recompute";
  static final String NUMBERS = "agreement.numbers";
  static final String CLOSE_ITEMS = "agreement.close-items";

  private final FxTaskExecutor executor = new FxTaskExecutor(1);
  private final AgreementViewModel model;
  private final AgreementView view;
  private final Keymap keymap =
      new Keymap()
          .bind(RECOMPUTE, new KeyCodeCombination(KeyCode.F5))
          .bind(NUMBERS, new KeyCodeCombination(KeyCode.N, KeyCodeCombination.SHORTCUT_DOWN))
          .bind(CLOSE_ITEMS, new KeyCodeCombination(KeyCode.ESCAPE));
  private final Policies policies;
  private boolean loaded;

  public AgreementScreen(WorkbenchContext context) {
    this.policies = new Policies(context.project());
    AgreementReader reader = new AgreementReader(context.project(), policies);
    AgreementViewModel.Source source =
        type -> reader.read(context.project().users().actor(context.userId()), type);
    this.model = new AgreementViewModel(source, executor, AgreementFigures.Settings.defaults());
    this.view = new AgreementView(model, executor, context.theme().darkProperty());
    ListeningResultsReader listening = new ListeningResultsReader(context.project());
    view.listeningSlot().setId("listeningSlot");
    model
        .taskTypeProperty()
        .addListener(
            (obs, was, type) -> {
              view.listeningSlot().getChildren().clear();
              if (type == null) {
                return;
              }
              executor.inBackground(
                  "read the listening-test results of " + type,
                  () -> listening.read(context.project().users().actor(context.userId()), type),
                  results -> {
                    if (type == model.taskTypeProperty().get()) {
                      view.listeningSlot()
                          .getChildren()
                          .setAll(
                              results
                                  .map(r -> (javafx.scene.Node) new ListeningResultsPanel(r))
                                  .stream()
                                  .toList());
                    }
                  },
                  failure -> {
                    javafx.scene.control.Label why =
                        new javafx.scene.control.Label(
                            "System results unavailable: " + failure.getMessage());
                    why.setWrapText(true);
                    view.listeningSlot().getChildren().setAll(why);
                  });
            });
  }

  @Override
  public AgreementView view() {
    return view;
  }

  public AgreementViewModel model() {
    return model;
  }

  @Override
  public Keymap keymap() {
    return keymap;
  }

  @Override
  public boolean perform(String action) {
    return view.perform(action);
  }

  /**
   * Computes the first task type the first time; later showings keep what is on screen unless the
   * label policy has adopted another rule set since (the figures then say which one they were
   * normalized with, so they are computed again under the one in force).
   */
  @Override
  public void shown() {
    if (!loaded) {
      loaded = true;
      model.select(TaskType.ASR_TRANSCRIPT);
      return;
    }
    TaskFigures shown = model.figuresProperty().get();
    if (shown == null) {
      return;
    }
    TaskType type = model.taskTypeProperty().get();
    executor.inBackground(
        "read the label policy in force",
        () -> policies.policy(type).flatMap(LabelPolicy::ruleSet).map(Object::toString),
        inForce -> {
          if (model.figuresProperty().get() == shown && !shown.ruleSet().equals(inForce)) {
            model.recompute();
          }
        },
        failure -> {});
  }

  @Override
  public void close() {
    model.cancel();
    executor.shutdown();
  }
}
