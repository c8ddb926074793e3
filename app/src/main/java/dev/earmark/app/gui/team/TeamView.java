package dev.earmark.app.gui.team;

import dev.earmark.storage.user.Role;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The team tab: the users' table on the left; on the right the selected user's roles, state and OS
 * account, and a form to add a user. Refusals from storage show in one line under the table.
 */
public final class TeamView extends BorderPane {
  private final TeamViewModel model;
  private final TableView<TeamMember> table = new TableView<>();
  private final Label selectedHeading = new Label("Select a user in the table");
  private final Map<Role, CheckBox> selectedRoles = roleBoxes("selectedRole-");
  private final Button saveRoles = new Button("Save roles");
  private final Button toggleActive = new Button("Deactivate");
  private final TextField osAccount = new TextField();
  private final Button mapAccount = new Button("Map OS account");
  private String chosenId;

  public TeamView(TeamViewModel model) {
    this.model = model;
    setId("teamView");
    setPadding(new Insets(12));
    setCenter(tableColumn());
    setRight(sideColumn());
    table
        .getSelectionModel()
        .selectedItemProperty()
        .addListener(
            (obs, old, now) -> {
              if (now != null) {
                chosenId = now.id();
              }
              showSelected();
            });
    // Re-reading the roster replaces the rows: select the chosen user again once the table has
    // taken the new rows in.
    model
        .members()
        .addListener(
            (javafx.collections.ListChangeListener<TeamMember>)
                c -> javafx.application.Platform.runLater(this::reselect));
    showSelected();
  }

  private VBox tableColumn() {
    Label title = new Label("Team");
    title.getStyleClass().add("title-3");
    Label hint =
        new Label(
            "Everyone in this project. Users are never deleted: a deactivated user keeps their"
                + " labels and audit trail. Same as 'earmark users list'.");
    hint.setWrapText(true);
    hint.getStyleClass().add("text-muted");
    table.setId("teamTable");
    table.setItems(model.members());
    table.getColumns().add(column("id", TeamMember::id, 120));
    table.getColumns().add(column("display name", TeamMember::displayName, 160));
    table.getColumns().add(column("roles", TeamMember::roleNames, 190));
    table.getColumns().add(column("OS account", TeamMember::osAccount, 120));
    table.getColumns().add(column("state", TeamMember::state, 100));
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
    table.setPlaceholder(new Label("No users yet."));
    VBox.setVgrow(table, Priority.ALWAYS);
    Label problem = new Label();
    problem.setId("teamProblem");
    problem.getStyleClass().add("danger");
    problem.setWrapText(true);
    problem.textProperty().bind(model.problemProperty());
    problem.visibleProperty().bind(model.problemProperty().isNotEmpty());
    problem.managedProperty().bind(problem.visibleProperty());
    Label status = new Label();
    status.setId("teamStatus");
    status.getStyleClass().add("text-muted");
    status.setWrapText(true);
    status.textProperty().bind(model.statusProperty());
    VBox column = new VBox(8, title, hint, table, problem, status);
    column.setPadding(new Insets(0, 12, 0, 0));
    return column;
  }

  private VBox sideColumn() {
    selectedHeading.getStyleClass().add("title-4");
    selectedHeading.setId("selectedUser");
    saveRoles.setId("saveRolesButton");
    saveRoles.setOnAction(
        event -> selected().ifPresent(id -> model.setRoles(id, checked(selectedRoles))));
    toggleActive.setId("toggleActiveButton");
    toggleActive.setOnAction(
        event ->
            model
                .member(selected().orElse(""))
                .ifPresent(member -> model.setActive(member.id(), !member.active())));
    osAccount.setId("selectedOsAccount");
    osAccount.setPromptText("OS login, e.g. bob");
    mapAccount.setId("mapOsAccountButton");
    mapAccount.setOnAction(
        event -> selected().ifPresent(id -> model.mapOsAccount(id, osAccount.getText())));
    HBox mapRow = new HBox(6, osAccount, mapAccount);
    mapRow.setAlignment(Pos.CENTER_LEFT);
    mapRow.disableProperty().bind(model.mapsOsAccountsProperty().not());
    VBox selectedBox =
        new VBox(
            8,
            selectedHeading,
            new FlowPane(10, 6, selectedRoles.values().toArray(CheckBox[]::new)),
            new HBox(8, saveRoles, toggleActive),
            new Label("OS account (only this login may act as the user)"),
            mapRow);

    Label addHeading = new Label("Add a user");
    addHeading.getStyleClass().add("title-4");
    TextField id = new TextField();
    id.setId("newUserId");
    id.setPromptText("user id, e.g. ann-4");
    TextField name = new TextField();
    name.setId("newUserName");
    name.setPromptText("display name (default: the id)");
    Map<Role, CheckBox> roles = roleBoxes("newRole-");
    roles.get(Role.ANNOTATOR).setSelected(true);
    TextField account = new TextField();
    account.setId("newUserOsAccount");
    account.setPromptText("OS account (optional)");
    account.disableProperty().bind(model.mapsOsAccountsProperty().not());
    Button add = new Button("Add user");
    add.setId("addUserButton");
    add.getStyleClass().add("accent");
    add.disableProperty().bind(model.busyProperty());
    add.setOnAction(
        event -> {
          model.add(id.getText(), name.getText(), checked(roles), account.getText());
          id.clear();
          name.clear();
          account.clear();
        });
    VBox addBox =
        new VBox(
            8,
            addHeading,
            id,
            name,
            new FlowPane(10, 6, roles.values().toArray(CheckBox[]::new)),
            account,
            add);
    VBox side = new VBox(24, selectedBox, addBox);
    side.setPrefWidth(340);
    side.setMinWidth(300);
    return side;
  }

  private void reselect() {
    if (chosenId != null) {
      model.member(chosenId).ifPresent(member -> table.getSelectionModel().select(member));
    }
    showSelected();
  }

  private void showSelected() {
    TeamMember member = table.getSelectionModel().getSelectedItem();
    boolean none = member == null;
    selectedRoles.values().forEach(box -> box.setDisable(none));
    saveRoles.setDisable(none);
    toggleActive.setDisable(none);
    mapAccount.setDisable(none);
    if (none) {
      selectedHeading.setText("Select a user in the table");
      selectedRoles.values().forEach(box -> box.setSelected(false));
      osAccount.clear();
      return;
    }
    selectedHeading.setText(member.id() + " · " + member.displayName() + " · " + member.state());
    selectedRoles.forEach((role, box) -> box.setSelected(member.roles().contains(role)));
    toggleActive.setText(member.active() ? "Deactivate" : "Reactivate");
    osAccount.setText(member.osAccount());
  }

  private java.util.Optional<String> selected() {
    return java.util.Optional.ofNullable(table.getSelectionModel().getSelectedItem())
        .map(TeamMember::id);
  }

  /** Selects {@code id} in the table (for tests and screenshots). */
  public void select(String id) {
    chosenId = id;
    model.member(id).ifPresent(member -> table.getSelectionModel().select(member));
  }

  private static Map<Role, CheckBox> roleBoxes(String idPrefix) {
    Map<Role, CheckBox> boxes = new LinkedHashMap<>();
    for (Role role : Role.values()) {
      CheckBox box = new CheckBox(role.code());
      box.setId(idPrefix + role.code());
      boxes.put(role, box);
    }
    return boxes;
  }

  private static Set<Role> checked(Map<Role, CheckBox> boxes) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    boxes.forEach(
        (role, box) -> {
          if (box.isSelected()) {
            roles.add(role);
          }
        });
    return roles;
  }

  private static <T> TableColumn<T, String> column(
      String title, Function<T, String> value, double width) {
    TableColumn<T, String> column = new TableColumn<>(title);
    column.setPrefWidth(width);
    column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
    return column;
  }
}
