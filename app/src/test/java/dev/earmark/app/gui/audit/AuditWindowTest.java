package dev.earmark.app.gui.audit;

import static dev.earmark.app.gui.DeskWindows.await;
import static dev.earmark.app.gui.DeskWindows.openScreen;
import static dev.earmark.app.gui.DeskWindows.press;
import static dev.earmark.app.gui.DeskWindows.text;
import static dev.earmark.app.gui.DeskWindows.type;
import static dev.earmark.app.gui.FxThread.fx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.earmark.app.TestClocks;
import dev.earmark.app.gui.desk.DeskWindow;
import dev.earmark.app.gui.shell.ScreenshotFiles;
import dev.earmark.app.gui.shell.WorkbenchShell;
import dev.earmark.storage.audit.AuditEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The Audit screen in the real window on the demo project, as its lead: the log newest first,
 * filters by actor, action, entity and day that narrow the table to matching events only, and
 * Verify chain reporting the chain intact.
 */
@ExtendWith(ApplicationExtension.class)
class AuditWindowTest {
  private static DeskWindow window;
  private static Path dir;
  private static Path demo;
  private WorkbenchShell shell;
  private Scene scene;

  @BeforeAll
  static void buildDemo() throws IOException {
    window = DeskWindow.withDemo("earmark-audit-window");
    dir = window.dir();
    demo = window.demo();
  }

  @AfterAll
  static void removeDemo() throws IOException {
    window.delete();
  }

  @Start
  void start(Stage stage) {
    window.start(stage);
    shell = window.shell();
    scene = window.scene();
  }

  @AfterEach
  void closeShell() {
    window.close();
  }

  private static List<AuditEvent> rows(TableView<?> table) {
    return fx(() -> table.getItems().stream().map(AuditEvent.class::cast).toList());
  }

  @Test
  void aLeadFiltersTheLogAndVerifiesTheChain(FxRobot robot) throws Exception {
    openScreen(robot, shell, demo, "lead-demo", "audit");
    TableView<?> table = robot.lookup("#auditTable").queryAs(TableView.class);
    await(30, () -> !rows(table).isEmpty());
    List<AuditEvent> all = rows(table);
    assertThat(all.get(0).seq()).isGreaterThan(all.get(all.size() - 1).seq());
    // Filter by the actor and the action family of the oldest event shown.
    AuditEvent oldest = all.get(all.size() - 1);
    String actor = oldest.actor();
    String family = oldest.action().split("\\.")[0];
    type(robot, "#auditActor", actor);
    type(robot, "#auditAction", family);
    press(robot, "#auditApply");
    await(
        30,
        () ->
            text(robot, "#auditMessage").endsWith("newest first.")
                && rows(table).stream()
                    .allMatch(e -> e.actor().equals(actor) && e.action().startsWith(family + ".")));
    List<AuditEvent> filtered = rows(table);
    assertThat(filtered).isNotEmpty().contains(oldest);
    assertThat(text(robot, "#auditMessage"))
        .isEqualTo(
            filtered.size() + (filtered.size() == 1 ? " event" : " events") + ", newest first.");
    fx(() -> ScreenshotFiles.write(scene, "audit"));
    String entity = filtered.get(filtered.size() - 1).entityId();
    type(robot, "#auditEntity", entity);
    press(robot, "#auditApply");
    await(
        30,
        () ->
            rows(table).stream()
                .allMatch(e -> e.entityId().contains(entity) || e.entityType().contains(entity)));
    assertThat(rows(table)).isNotEmpty();

    // The demo's events all happened on the fixed clock's day: the next day has none.
    type(
        robot,
        "#auditFrom",
        TestClocks.FIXED
            .instant()
            .atZone(java.time.ZoneOffset.UTC)
            .toLocalDate()
            .plusDays(1)
            .toString());
    press(robot, "#auditApply");
    await(30, () -> rows(table).isEmpty());
    type(robot, "#auditFrom", "yesterday");
    press(robot, "#auditApply");
    assertThat(text(robot, "#auditMessage")).startsWith("From 'yesterday' is neither a date");

    press(robot, "#auditClear");
    await(30, () -> rows(table).size() == all.size());

    press(robot, "#verifyChain");
    await(30, () -> text(robot, "#chainResult").startsWith("Chain intact"));
    assertThat(text(robot, "#chainResult")).matches("Chain intact: \\d+ events, .*");
  }
}
