package dev.earmark.app.gui.policy;

import dev.earmark.engine.policy.PolicyDiffReport;
import dev.earmark.engine.rubric.TaskType;
import dev.earmark.engine.version.VersionedId;
import dev.earmark.storage.policy.PolicyChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The policy tab: the picker (task type, rubric, rule set) and "Review the change…" on top; the
 * review (rubric diff, rule diff, policy-diff summary per slice, Apply / Cancel) in the middle once
 * asked for; the history at the bottom.
 */
public final class PolicyView extends BorderPane {
  /** Shown in the rule-set box for "no rule set". */
  static final String NO_RULE_SET = "no rule set";

  private final PolicyViewModel model;
  private final ComboBox<TaskType> taskBox = new ComboBox<>();
  private final ComboBox<VersionedId> rubricBox = new ComboBox<>();
  private final ComboBox<String> ruleSetBox = new ComboBox<>();
  private final Label current = new Label();
  private final VBox review = new VBox(8);

  public PolicyView(PolicyViewModel model) {
    this.model = model;
    setId("policyView");
    setPadding(new Insets(12));
    setTop(picker());
    javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(review);
    scroll.setFitToWidth(true);
    scroll.setStyle("-fx-background-color: transparent;");
    setCenter(scroll);
    setBottom(history());
    review.setId("policyReview");
    review.setPadding(new Insets(10, 0, 10, 0));
    model.previewProperty().addListener((obs, old, now) -> showReview(now));
    model.choices().addListener((ListChangeListener<PolicyService.Choices>) c -> fillChoices());
    showReview(null);
  }

  private VBox picker() {
    Label title = new Label("Label policy");
    title.getStyleClass().add("title-3");
    Label hint =
        new Label(
            "Per task type, the rubric version labels are made under and the rule set transcripts"
                + " are compared under. Review shows what the change does to this project's"
                + " labels before anything changes; Apply is 'earmark policy set'.");
    hint.setWrapText(true);
    hint.getStyleClass().add("text-muted");
    taskBox.setId("policyTaskBox");
    taskBox.getItems().setAll(TaskType.values());
    taskBox.setConverter(
        new javafx.util.StringConverter<>() {
          @Override
          public String toString(TaskType type) {
            return type == null ? "" : type.id();
          }

          @Override
          public TaskType fromString(String text) {
            return TaskType.fromId(text);
          }
        });
    taskBox.valueProperty().addListener((obs, old, now) -> fillChoices());
    rubricBox.setId("policyRubricBox");
    ruleSetBox.setId("policyRuleSetBox");
    current.setId("policyCurrent");
    current.getStyleClass().add("text-muted");
    Button reviewButton = new Button("Review the change…");
    reviewButton.setId("reviewPolicyButton");
    reviewButton.getStyleClass().add("accent");
    reviewButton.disableProperty().bind(model.busyProperty());
    reviewButton.setOnAction(
        event -> model.review(taskBox.getValue(), rubricBox.getValue(), pickedRuleSet()));
    GridPane grid = new GridPane();
    grid.setHgap(10);
    grid.setVgap(6);
    grid.addRow(0, new Label("Task type"), taskBox, current);
    grid.addRow(1, new Label("Rubric"), rubricBox);
    grid.addRow(2, new Label("Rule set"), ruleSetBox, reviewButton);
    Label problem = new Label();
    problem.setId("policyProblem");
    problem.getStyleClass().add("danger");
    problem.setWrapText(true);
    problem.textProperty().bind(model.problemProperty());
    problem.visibleProperty().bind(model.problemProperty().isNotEmpty());
    problem.managedProperty().bind(problem.visibleProperty());
    Label status = new Label();
    status.setId("policyStatus");
    status.getStyleClass().add("text-muted");
    status.textProperty().bind(model.statusProperty());
    return new VBox(8, title, hint, grid, problem, status);
  }

  private VersionedId pickedRuleSet() {
    String picked = ruleSetBox.getValue();
    return picked == null || picked.equals(NO_RULE_SET) ? null : VersionedId.parse(picked);
  }

  private void fillChoices() {
    if (taskBox.getValue() == null && !model.choices().isEmpty()) {
      taskBox.setValue(TaskType.ASR_TRANSCRIPT);
      return; // the listener fills the boxes for it
    }
    model
        .choices(taskBox.getValue())
        .ifPresent(
            choices -> {
              rubricBox.getItems().setAll(choices.rubrics());
              List<String> ruleSets = new ArrayList<>();
              ruleSets.add(NO_RULE_SET);
              choices.ruleSets().forEach(id -> ruleSets.add(id.toString()));
              ruleSetBox.getItems().setAll(ruleSets);
              rubricBox.setValue(
                  choices
                      .current()
                      .map(p -> p.rubric())
                      .orElse(choices.rubrics().isEmpty() ? null : choices.rubrics().get(0)));
              ruleSetBox.setValue(
                  choices
                      .current()
                      .flatMap(p -> p.ruleSet())
                      .map(Object::toString)
                      .orElse(NO_RULE_SET));
              current.setText(
                  "In force: "
                      + choices.current().map(PolicyPreview::describe).orElse("no policy yet"));
            });
  }

  /** Picks versions in the boxes (for tests and screenshots). */
  public void pick(TaskType type, String rubric, String ruleSet) {
    taskBox.setValue(type);
    rubricBox.setValue(VersionedId.parse(rubric));
    ruleSetBox.setValue(ruleSet == null ? NO_RULE_SET : ruleSet);
  }

  private void showReview(PolicyPreview preview) {
    if (preview == null) {
      Label empty =
          new Label(
              "Pick versions and press Review: the rubric diff, the rule diff and what the change"
                  + " does to this project's labels are shown here before anything changes.");
      empty.setWrapText(true);
      empty.getStyleClass().add("text-muted");
      review.getChildren().setAll(empty);
      return;
    }
    Label heading = new Label("Change " + preview.heading());
    heading.setId("reviewHeading");
    heading.getStyleClass().add("title-4");
    TextArea rubricDiff =
        monospace(
            preview.rubricDiff().isEmpty()
                ? "No rubric in force yet: every field of " + preview.rubric() + " is new."
                : preview.rubricDiff().strip());
    rubricDiff.setId("rubricDiffText");
    TextArea ruleDiff =
        monospace(
            preview.ruleDiff().isEmpty()
                ? "No rule-set change to compare."
                : String.join("\n", preview.ruleDiff()));
    ruleDiff.setId("ruleDiffText");
    VBox rubricBoxed = new VBox(4, small("Rubric diff"), rubricDiff);
    VBox ruleBoxed = new VBox(4, small("Rule diff"), ruleDiff);
    HBox.setHgrow(rubricBoxed, Priority.ALWAYS);
    HBox.setHgrow(ruleBoxed, Priority.ALWAYS);
    HBox diffs = new HBox(10, rubricBoxed, ruleBoxed);
    Label summary = new Label(summary(preview));
    summary.setId("policyDiffSummary");
    summary.setWrapText(true);
    VBox.setVgrow(diffs, Priority.SOMETIMES);
    Button apply = new Button("Apply this policy");
    apply.setId("applyPolicyButton");
    apply.getStyleClass().add("accent");
    apply.disableProperty().bind(model.busyProperty());
    apply.setOnAction(event -> model.apply());
    Button cancel = new Button("Cancel");
    cancel.setId("cancelPolicyButton");
    cancel.setOnAction(event -> model.cancel());
    // Apply and Cancel beside the heading: in view at 1280×800 without scrolling.
    javafx.scene.layout.Region grow = new javafx.scene.layout.Region();
    HBox.setHgrow(grow, Priority.ALWAYS);
    HBox top = new HBox(8, heading, grow, apply, cancel);
    top.setAlignment(Pos.CENTER_LEFT);
    review.getChildren().setAll(top, summary, diffs);
    preview.policyDiff().ifPresent(report -> review.getChildren().add(slices(report)));
  }

  /** The sentences {@code earmark policy set} prints about the labels. */
  static String summary(PolicyPreview preview) {
    List<String> lines = new ArrayList<>();
    preview
        .policyDiff()
        .ifPresent(
            report -> {
              PolicyDiffReport.Counts totals = report.totals();
              lines.add(
                  "Under "
                      + report.to()
                      + " instead of "
                      + report.from()
                      + ", of "
                      + totals.items()
                      + " items with submitted transcripts ("
                      + totals.labels()
                      + " labels): "
                      + totals.changedNormalizedText()
                      + " change their normalized text, "
                      + totals.changedWer()
                      + " their WER, "
                      + totals.changedDispute()
                      + " their dispute status.");
            });
    if (!preview.labelsUnderOtherRubrics().isEmpty()) {
      int total =
          preview.labelsUnderOtherRubrics().values().stream().mapToInt(Integer::intValue).sum();
      lines.add(
          total
              + " submitted labels are under other rubric versions; a batch under "
              + preview.rubric()
              + " refuses them.");
    }
    if (lines.isEmpty()) {
      lines.add("No submitted label of this project changes under the new policy.");
    }
    return String.join("\n", lines);
  }

  private static TableView<Map.Entry<String, PolicyDiffReport.Counts>> slices(
      PolicyDiffReport report) {
    TableView<Map.Entry<String, PolicyDiffReport.Counts>> table = new TableView<>();
    table.setId("policySliceTable");
    table
        .getItems()
        .setAll(report.bySlice().entrySet().stream().sorted(Map.Entry.comparingByKey()).toList());
    table.getColumns().add(column("slice (domain)", Map.Entry::getKey, 140));
    table.getColumns().add(column("items", e -> "" + e.getValue().items(), 70));
    table.getColumns().add(column("labels", e -> "" + e.getValue().labels(), 70));
    table
        .getColumns()
        .add(column("text changed", e -> "" + e.getValue().changedNormalizedText(), 100));
    table.getColumns().add(column("WER changed", e -> "" + e.getValue().changedWer(), 100));
    table.getColumns().add(column("dispute changed", e -> "" + e.getValue().changedDispute(), 110));
    table.getColumns().add(column("WER from", e -> percent(e.getValue().werFrom()), 80));
    table.getColumns().add(column("WER to", e -> percent(e.getValue().werTo()), 80));
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
    table.setFixedCellSize(26);
    table.setPrefHeight(26 * Math.min(report.bySlice().size() + 1, 7) + 10);
    table.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
    return table;
  }

  private VBox history() {
    Label heading = new Label("History");
    heading.getStyleClass().add("title-4");
    TableView<PolicyChange> table = new TableView<>(model.history());
    table.setId("policyHistoryTable");
    table.getColumns().add(column("when", c -> c.changedAt().toString(), 170));
    table.getColumns().add(column("task type", c -> c.taskType().id(), 120));
    table
        .getColumns()
        .add(
            column(
                "before",
                c ->
                    c.previousRubric()
                        .map(
                            r ->
                                r
                                    + " + "
                                    + c.previousRuleSet().map(Object::toString).orElse(NO_RULE_SET))
                        .orElse("no policy"),
                230));
    table
        .getColumns()
        .add(
            column(
                "after",
                c -> c.rubric() + " + " + c.ruleSet().map(Object::toString).orElse(NO_RULE_SET),
                230));
    table.getColumns().add(column("by", PolicyChange::changedBy, 100));
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
    table.setPlaceholder(new Label("No policy set yet."));
    table.setPrefHeight(130);
    table.setMinHeight(100);
    return new VBox(4, heading, table);
  }

  private static Label small(String text) {
    Label label = new Label(text);
    label.getStyleClass().add("text-bold");
    return label;
  }

  private static TextArea monospace(String text) {
    TextArea area = new TextArea(text);
    area.setEditable(false);
    area.setWrapText(false);
    area.setPrefRowCount(6);
    area.setMinHeight(100);
    area.setStyle("-fx-font-family: monospace;");
    return area;
  }

  private static <T> TableColumn<T, String> column(
      String title, Function<T, String> value, double width) {
    TableColumn<T, String> column = new TableColumn<>(title);
    column.setPrefWidth(width);
    column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
    return column;
  }

  private static String percent(Double value) {
    return value == null ? "n/a" : String.format(Locale.ROOT, "%.1f%%", value * 100);
  }
}
