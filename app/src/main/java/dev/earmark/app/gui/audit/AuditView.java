package dev.earmark.app.gui.audit;

import dev.earmark.storage.audit.AuditEvent;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The audit log: filter fields (Enter applies them), the events table (#, time in UTC, actor,
 * action, entity), and Verify chain with its result. Binds to {@link AuditViewModel} in one place.
 * Used on the JavaFX thread.
 */
public final class AuditView extends BorderPane {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  public AuditView(AuditViewModel model) {
    setId("auditView");
    Label title = new Label("Audit log");
    title.getStyleClass().add("title-3");
    Button verify = new Button("Verify chain");
    verify.setId("verifyChain");
    verify.setTooltip(
        new Tooltip(
            "re-check that every event is present, in order and unaltered (earmark audit verify)"));
    verify.setOnAction(event -> model.verifyChain());
    Label verification = new Label();
    verification.setId("chainResult");
    verification.setWrapText(true);
    verification.textProperty().bind(model.verificationProperty());
    verification
        .styleProperty()
        .bind(
            Bindings.when(model.intactProperty())
                .then("-fx-text-fill: -color-success-fg;")
                .otherwise("-fx-text-fill: -color-danger-fg;"));
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    HBox top = new HBox(10, title, spacer, verification, verify);
    top.setAlignment(Pos.CENTER_LEFT);

    TextField actor =
        filter("auditActor", "user, e.g. lead-demo", model.actorFilterProperty(), model);
    TextField action =
        filter("auditAction", "e.g. label or label.submit", model.actionFilterProperty(), model);
    TextField entity =
        filter("auditEntity", "type or id, e.g. clip-0007", model.entityFilterProperty(), model);
    TextField from = filter("auditFrom", "2026-11-21", model.fromFilterProperty(), model);
    TextField until = filter("auditUntil", "2026-11-22", model.untilFilterProperty(), model);
    Button apply = new Button("Filter");
    apply.setId("auditApply");
    apply.setDefaultButton(false);
    apply.setOnAction(event -> model.load());
    Button clear = new Button("Clear");
    clear.setId("auditClear");
    clear.setOnAction(event -> model.clearFilters());
    FlowPane filters =
        new FlowPane(
            8,
            6,
            labelled("Actor", actor),
            labelled("Action", action),
            labelled("Entity", entity),
            labelled("From", from),
            labelled("Until", until),
            apply,
            clear);
    filters.setAlignment(Pos.CENTER_LEFT);

    TableView<AuditEvent> table = new TableView<>(model.events());
    table.setId("auditTable");
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
    table.getColumns().add(column("#", event -> Long.toString(event.seq()), 60));
    table.getColumns().add(column("Time", event -> WHEN.format(event.occurredAt()), 170));
    table.getColumns().add(column("Actor", AuditEvent::actor, 110));
    table.getColumns().add(column("Action", AuditEvent::action, 170));
    table
        .getColumns()
        .add(column("Entity", event -> event.entityType() + " " + event.entityId(), 260));
    table.getColumns().add(column("Change", AuditView::change, 320));
    table.setPlaceholder(
        new Label("No events match these filters. Clear them to see the whole log."));
    VBox.setVgrow(table, Priority.ALWAYS);

    Label message = new Label();
    message.setId("auditMessage");
    message.getStyleClass().add("text-muted");
    message.textProperty().bind(model.messageProperty());

    VBox pane = new VBox(10, top, filters, table, message);
    pane.setPadding(new Insets(12));
    setCenter(pane);
  }

  private static String change(AuditEvent event) {
    String after = event.afterJson();
    String shown =
        after != null ? after : event.beforeJson() == null ? "" : "was " + event.beforeJson();
    return shown.length() > 160 ? shown.substring(0, 160) + "…" : shown;
  }

  private static TextField filter(
      String id, String prompt, StringProperty property, AuditViewModel model) {
    TextField field = new TextField();
    field.setId(id);
    field.setPromptText(prompt);
    field.setPrefColumnCount(12);
    field.textProperty().bindBidirectional(property);
    field.setOnAction(event -> model.load());
    return field;
  }

  private static HBox labelled(String text, TextField field) {
    Label label = new Label(text);
    label.setLabelFor(field);
    HBox box = new HBox(4, label, field);
    box.setAlignment(Pos.CENTER_LEFT);
    return box;
  }

  private static TableColumn<AuditEvent, String> column(
      String title, Function<AuditEvent, String> value, double width) {
    TableColumn<AuditEvent, String> column = new TableColumn<>(title);
    column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
    column.setPrefWidth(width);
    return column;
  }
}
