package dev.earmark.app.gui.audit;

import static dev.earmark.app.gui.FxThread.fx;
import static dev.earmark.app.gui.WindowNodes.await;
import static dev.earmark.app.gui.WindowNodes.press;
import static dev.earmark.app.gui.WindowNodes.text;
import static dev.earmark.app.gui.WindowNodes.type;
import static org.assertj.core.api.Assertions.assertThat;

import dev.earmark.app.TestClocks;
import dev.earmark.app.gui.WorkbenchWindow;
import dev.earmark.app.gui.shell.ScreenshotFiles;
import dev.earmark.storage.audit.AuditEvent;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * The Audit screen in the real window on the demo project, as its lead: the log newest first,
 * filters by actor, action, entity and day that narrow the table to matching events only, and
 * Verify chain reporting the chain intact.
 */
@ExtendWith(ApplicationExtension.class)
class AuditWindowTest {
  @TempDir static Path dir;

  @RegisterExtension static final WorkbenchWindow window = WorkbenchWindow.withDemo(() -> dir);

  private static List<AuditEvent> rows(TableView<?> table) {
    return fx(() -> table.getItems().stream().map(AuditEvent.class::cast).toList());
  }

  @Test
  void aLeadFiltersTheLogAndVerifiesTheChain(FxRobot robot) throws Exception {
    window.openScreen(robot, window.project(), "lead-demo", "audit");
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
    fx(() -> ScreenshotFiles.write(window.scene(), "audit"));
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
