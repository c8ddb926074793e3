package dev.earmark.app.gui.status;

import dev.earmark.app.gui.background.BackgroundExecutor;
import dev.earmark.app.gui.background.FailureSentence;
import dev.earmark.storage.policy.Policies;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.qe.QeHints;
import dev.earmark.storage.settings.ProjectSettings;
import dev.earmark.storage.status.ProjectStatus;
import dev.earmark.storage.user.Actor;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The status tab: {@code ProjectStatus#read}, the call {@code earmark status} makes, shown as
 * cards, and the project's QE drift history ({@code earmark qe drift --history}) as one more card;
 * Refresh reads both again. Use on the JavaFX thread.
 */
public final class StatusView extends BorderPane {
  private final Project project;
  private final String userId;
  private final BackgroundExecutor executor;
  private final FlowPane cards = new FlowPane(12, 12);
  private final Label problem = new Label();
  private static final Set<String> WIDE_CARDS = Set.of("annotators", "drift");

  public StatusView(Project project, String userId, BackgroundExecutor executor) {
    this.project = project;
    this.userId = userId;
    this.executor = executor;
    setId("statusView");
    setPadding(new Insets(12));
    Label title = new Label("Status");
    title.getStyleClass().add("title-3");
    Label hint = new Label("Where the project stands; the same figures as 'earmark status'.");
    hint.getStyleClass().add("text-muted");
    Region grow = new Region();
    HBox.setHgrow(grow, Priority.ALWAYS);
    Button refresh = new Button("Refresh");
    refresh.setId("statusRefresh");
    refresh.setOnAction(event -> load());
    HBox header = new HBox(10, title, hint, grow, refresh);
    header.setAlignment(Pos.CENTER_LEFT);
    problem.setId("statusProblem");
    problem.getStyleClass().add("danger");
    problem.setWrapText(true);
    problem.managedProperty().bind(problem.visibleProperty());
    problem.setVisible(false);
    VBox top = new VBox(8, header, problem);
    top.setPadding(new Insets(0, 0, 10, 0));
    setTop(top);
    cards.setId("statusCards");
    ScrollPane scroll = new ScrollPane(cards);
    scroll.setFitToWidth(true);
    setCenter(scroll);
  }

  /** How many drift checks the drift card lists, newest first. */
  static final int DRIFT_CHECKS_SHOWN = 5;

  /** Reads the status again. */
  public void load() {
    executor.inBackground(
        "read the project status",
        () -> {
          Actor actor = project.users().actor(userId);
          List<StatusCard> read =
              new ArrayList<>(
                  StatusCards.of(new ProjectStatus(project, new Policies(project)).read(actor)));
          read.add(
              StatusCards.drift(
                  new QeHints(project, new ProjectSettings(project))
                      .driftHistory(actor, DRIFT_CHECKS_SHOWN)));
          return read;
        },
        this::show,
        failure -> {
          problem.setText(FailureSentence.of(failure));
          problem.setVisible(true);
        });
  }

  private void show(List<StatusCard> shown) {
    problem.setVisible(false);
    cards.getChildren().clear();
    for (StatusCard card : shown) {
      Label title = new Label(card.title());
      title.getStyleClass().addAll("text-muted", "text-small");
      Label figure = new Label(card.figure());
      figure.setId("status-" + card.id());
      figure.getStyleClass().add("title-2");
      figure.setWrapText(true);
      VBox box = new VBox(4, title, figure);
      for (String detail : card.details()) {
        Label line = new Label(detail);
        line.setWrapText(true);
        line.getStyleClass().add("text-small");
        box.getChildren().add(line);
      }
      box.setPadding(new Insets(12));
      box.setPrefWidth(WIDE_CARDS.contains(card.id()) ? 420 : 250);
      box.setStyle(
          "-fx-background-color: -color-bg-subtle; -fx-border-color: -color-border-default;"
              + " -fx-border-radius: 6; -fx-background-radius: 6;");
      cards.getChildren().add(box);
    }
  }
}
