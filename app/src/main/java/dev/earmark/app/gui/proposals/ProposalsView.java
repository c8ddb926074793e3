package dev.earmark.app.gui.proposals;

import dev.earmark.storage.adjudicate.PolicyProposal.ProposalStatus;
import dev.earmark.storage.adjudicate.ReasonCode;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The lead's proposals list: a table (clip, reason, adjudicator's note, decided label, by, when), a
 * state filter, and for the selected open proposal the lead's note with Accept and Reject; for an
 * accepted one, Mark done; for a normalization-gap one, a link to the Rules screen. Binds to {@link
 * ProposalsViewModel} in one place. Used on the JavaFX thread.
 */
public final class ProposalsView extends BorderPane {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

  /**
   * @param openRules shows the Rules screen, where a normalization-gap proposal is acted on
   */
  public ProposalsView(ProposalsViewModel model, Runnable openRules) {
    setId("proposalsView");
    Label title = new Label("Policy proposals");
    title.getStyleClass().add("title-3");
    ComboBox<ProposalStatus> status = new ComboBox<>();
    status.setId("proposalStatus");
    status.getItems().setAll(ProposalStatus.values());
    status.valueProperty().bindBidirectional(model.statusProperty());
    status.setConverter(
        new javafx.util.StringConverter<>() {
          @Override
          public String toString(ProposalStatus value) {
            return value == null ? "" : value.code();
          }

          @Override
          public ProposalStatus fromString(String text) {
            return ProposalStatus.valueOf(text.toUpperCase(Locale.ROOT));
          }
        });
    Label count = new Label();
    count.getStyleClass().add("text-muted");
    count.textProperty().bind(Bindings.size(model.rows()).asString("%d shown"));
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    HBox top = new HBox(10, title, spacer, count, new Label("State"), status);
    top.setAlignment(Pos.CENTER_LEFT);

    TableView<ProposalRow> table = new TableView<>(model.rows());
    table.setId("proposalTable");
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
    table.getColumns().add(column("Clip", ProposalRow::clipKey, 110));
    table.getColumns().add(column("Reason", ProposalRow::reason, 140));
    table.getColumns().add(column("Note", ProposalRow::note, 260));
    table.getColumns().add(column("Decided label", ProposalRow::decidedLabel, 260));
    table.getColumns().add(column("By", ProposalRow::createdBy, 90));
    table
        .getColumns()
        .add(
            column(
                "Filed",
                row -> WHEN.format(row.proposal().createdAt().atZone(ZoneId.systemDefault())),
                120));
    table.setPlaceholder(new Label("No proposals in this state."));
    table
        .getSelectionModel()
        .selectedItemProperty()
        .addListener((obs, old, now) -> model.selectedProperty().set(now));
    model
        .selectedProperty()
        .addListener(
            (obs, old, now) -> {
              if (table.getSelectionModel().getSelectedItem() != now) {
                table.getSelectionModel().select(now);
              }
            });
    VBox.setVgrow(table, Priority.ALWAYS);

    TextField note = new TextField();
    note.setId("leadNote");
    note.setPromptText("what you did about it, e.g. en-asr@2 protects the band name");
    note.textProperty().bindBidirectional(model.leadNoteProperty());
    HBox.setHgrow(note, Priority.ALWAYS);
    Button accept = new Button("Accept");
    accept.setId("acceptProposal");
    accept.getStyleClass().add("success");
    accept.setOnAction(event -> model.accept());
    Button reject = new Button("Reject");
    reject.setId("rejectProposal");
    reject.getStyleClass().add("danger");
    reject.setOnAction(event -> model.reject());
    var closable =
        Bindings.createBooleanBinding(
            () ->
                model.selectedProperty().get() != null
                    && model.statusProperty().get() == ProposalStatus.OPEN,
            model.selectedProperty(),
            model.statusProperty());
    accept.disableProperty().bind(closable.not());
    reject.disableProperty().bind(closable.not());
    note.disableProperty().bind(closable.not());
    Button done = new Button("Mark done");
    done.setId("markProposalDone");
    done.setTooltip(new Tooltip("the rubric or rule change this proposal asked for is made"));
    done.setOnAction(event -> model.markDone());
    var doable =
        Bindings.createBooleanBinding(
            () ->
                model.selectedProperty().get() != null
                    && model.statusProperty().get() == ProposalStatus.ACCEPTED,
            model.selectedProperty(),
            model.statusProperty());
    done.visibleProperty().bind(model.statusProperty().isEqualTo(ProposalStatus.ACCEPTED));
    done.managedProperty().bind(done.visibleProperty());
    done.disableProperty().bind(doable.not());
    accept.visibleProperty().bind(model.statusProperty().isEqualTo(ProposalStatus.OPEN));
    accept.managedProperty().bind(accept.visibleProperty());
    reject.visibleProperty().bind(accept.visibleProperty());
    reject.managedProperty().bind(accept.visibleProperty());
    note.disableProperty().unbind();
    note.disableProperty().bind(closable.not().and(doable.not()));
    Hyperlink rules = new Hyperlink("Open the Rules screen to change the normalization");
    rules.setId("openRules");
    rules.setOnAction(event -> openRules.run());
    rules
        .visibleProperty()
        .bind(
            Bindings.createBooleanBinding(
                () ->
                    model.selectedProperty().get() != null
                        && model.selectedProperty().get().proposal().kind()
                            == ReasonCode.NORMALIZATION_GAP,
                model.selectedProperty()));
    rules.managedProperty().bind(rules.visibleProperty());
    HBox actions = new HBox(8, new Label("Lead's note:"), note, accept, reject, done, rules);
    actions.setAlignment(Pos.CENTER_LEFT);
    Label message = new Label();
    message.setId("proposalMessage");
    message.getStyleClass().add("text-muted");
    message.textProperty().bind(model.messageProperty());

    VBox pane = new VBox(10, top, table, actions, message);
    pane.setPadding(new Insets(12));
    setCenter(pane);
  }

  private static TableColumn<ProposalRow, String> column(
      String title, Function<ProposalRow, String> value, double width) {
    TableColumn<ProposalRow, String> column = new TableColumn<>(title);
    column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
    column.setPrefWidth(width);
    return column;
  }
}
