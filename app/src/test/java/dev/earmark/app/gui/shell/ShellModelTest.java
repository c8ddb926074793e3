package dev.earmark.app.gui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earmark.app.TestClocks;
import dev.earmark.app.demo.DemoCreation;
import dev.earmark.app.gui.Screens;
import dev.earmark.app.gui.keys.Keymap;
import dev.earmark.app.gui.screen.ScreenFactory;
import dev.earmark.app.gui.screen.WorkbenchScreen;
import dev.earmark.storage.identity.OsAccount;
import dev.earmark.storage.user.Role;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import javafx.scene.Node;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The window's state without a window, on the real demo project (H2 file, fixed clock): who acts,
 * which screens their roles allow, which screen is in front, which hold unsaved edits, and the
 * one-shot "after open" step.
 */
class ShellModelTest {
  private static final OsAccount OS = OsAccount.fixed("someone-os");
  @TempDir static Path dir;
  private static Path demo;

  @BeforeAll
  static void buildDemo() throws IOException {
    demo = dir.resolve("demo");
    DemoCreation.create(demo, "lead-demo", TestClocks.FIXED);
  }

  private static List<String> ids(List<ScreenFactory> factories) {
    return factories.stream().map(ScreenFactory::id).toList();
  }

  @Test
  void withNoProjectTheUserToOpenForActsAndNoScreenIsOnOffer() {
    ShellModel model = new ShellModel(Screens.all(), "pat");

    assertThat(model.opened()).isEmpty();
    assertThat(model.actingUser()).isEqualTo("pat");
    assertThat(model.roles()).isEmpty();
    assertThat(model.users()).isEmpty();
    assertThat(model.leads()).isFalse();
    assertThat(model.mayActAs()).isFalse();
    assertThat(model.available()).isEmpty();
    assertThat(model.bringToFront("agreement", f -> new Recording(false))).isEmpty();
    assertThat(model.activeScreen()).isEmpty();
  }

  @Test
  void theLeadOfTheDemoMayActAsAnyoneAndSeesTheProjectScreensAnAnnotatorDoesNot() {
    ShellModel model = new ShellModel(Screens.all(), "pat");
    model.opened(OpenedProject.open(demo, "lead-demo", OS, TestClocks.FIXED));
    try {
      assertThat(model.actingUser()).isEqualTo("lead-demo");
      assertThat(model.leads()).isTrue();
      assertThat(model.mayActAs()).as("the demo is a training sandbox").isTrue();
      assertThat(model.who()).startsWith("lead-demo · ").contains("lead");
      assertThat(ids(model.available())).contains("project", "agreement", "export");
      assertThat(model.users()).extracting(u -> u.id()).contains("lead-demo", "ann-alex");

      model.opened(model.opened().orElseThrow().actingAs("ann-alex"));
      assertThat(model.actingUser()).isEqualTo("ann-alex");
      assertThat(model.who()).isEqualTo("ann-alex · annotator");
      assertThat(model.leads()).isFalse();
      assertThat(ids(model.available())).contains("label").doesNotContain("project", "export");
      assertThat(model.bringToFront("project", f -> new Recording(false)))
          .as("a screen the roles do not allow is not created")
          .isEmpty();
    } finally {
      model.closeProject();
    }
    assertThat(model.opened()).isEmpty();
    assertThat(model.actingUser()).isEqualTo("pat");
  }

  @Test
  void aScreenIsCreatedOnceBroughtToFrontAndClosedWithTheOthers() {
    ShellModel model = new ShellModel(Screens.all(), "pat");
    model.opened(OpenedProject.open(demo, "lead-demo", OS, TestClocks.FIXED));
    try {
      List<Recording> made = new ArrayList<>();
      WorkbenchScreen agreement =
          model.bringToFront("agreement", f -> made(made, false)).orElseThrow();
      WorkbenchScreen export = model.bringToFront("export", f -> made(made, true)).orElseThrow();
      assertThat(model.activeScreen()).containsSame(export);
      assertThat(model.bringToFront("agreement", f -> made(made, false))).containsSame(agreement);
      assertThat(made).as("each screen is created once").hasSize(2);
      assertThat(model.activeScreen()).containsSame(agreement);
      assertThat(model.screen("export")).containsSame(export);
      assertThat(model.unsaved()).containsExactly(export);

      model.noneInFront();
      assertThat(model.activeScreen()).isEmpty();
      assertThat(model.screen("agreement")).containsSame(agreement);

      model.closeScreens();
      assertThat(made).allMatch(screen -> screen.closed);
      assertThat(model.screen("agreement")).isEmpty();
      assertThat(model.unsaved()).isEmpty();
    } finally {
      model.closeProject();
    }
  }

  @Test
  void theStepAfterOpeningRunsAtMostOnce() {
    ShellModel model = new ShellModel(List.of(), "pat");
    assertThat(model.takeAfterOpen()).isEmpty();
    Runnable banner = () -> {};
    model.afterOpen(banner);
    assertThat(model.takeAfterOpen()).containsSame(banner);
    assertThat(model.takeAfterOpen()).isEmpty();
    model.afterOpen(banner);
    model.afterOpen(null);
    assertThat(model.takeAfterOpen()).as("a failed open forgets it").isEmpty();
  }

  @Test
  void rolesAreNamedInTheirDeclaredOrderInLowerCase() {
    assertThat(ShellModel.roleNames(Set.of())).isEqualTo("no role");
    assertThat(ShellModel.roleNames(EnumSet.of(Role.LEAD, Role.ANNOTATOR)))
        .isEqualTo("annotator, lead");
  }

  private static Recording made(List<Recording> made, boolean unsaved) {
    Recording screen = new Recording(unsaved);
    made.add(screen);
    return screen;
  }

  /** A screen that only records whether it was closed and says whether it holds edits. */
  private static final class Recording implements WorkbenchScreen {
    private final boolean unsaved;
    private boolean closed;

    Recording(boolean unsaved) {
      this.unsaved = unsaved;
    }

    @Override
    public Node view() {
      throw new UnsupportedOperationException("the model never draws a screen");
    }

    @Override
    public Keymap keymap() {
      return new Keymap();
    }

    @Override
    public boolean perform(String action) {
      return false;
    }

    @Override
    public void shown() {}

    @Override
    public boolean hasUnsavedWork() {
      return unsaved;
    }

    @Override
    public void close() {
      closed = true;
    }
  }
}
