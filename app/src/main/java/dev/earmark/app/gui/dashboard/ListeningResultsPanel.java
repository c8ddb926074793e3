package dev.earmark.app.gui.dashboard;

import dev.earmark.engine.agreement.ConfidenceInterval;
import dev.earmark.engine.listening.Screening.Exclusion;
import dev.earmark.engine.listening.SystemResults.Difference;
import dev.earmark.engine.listening.SystemResults.DimensionAlpha;
import dev.earmark.engine.listening.SystemResults.LatencySummary;
import dev.earmark.engine.listening.SystemResults.PreferenceShares;
import dev.earmark.engine.listening.SystemResults.SystemMean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;

/**
 * The agreement dashboard's TTS section: system-level results of a listening test beside the
 * agreement cards. Per dimension a table of systems (mean, 95% interval drawn on the design's
 * scale, ratings / raters / items, first-audio-byte latency as metadata), then the differences
 * between systems, the A/B preference shares, α per dimension with its interval, the means per
 * prompt-type slice, and every rater's screening outcome (kept, or excluded by which rule and why).
 * Build on the JavaFX thread.
 */
public final class ListeningResultsPanel extends VBox {
  /** Krippendorff's lowest α for tentative conclusions (Krippendorff 2004, §11.4.2). */
  static final double TENTATIVE_ALPHA = 0.667;

  private static final double BAR_WIDTH = 180;

  public ListeningResultsPanel(ListeningResults results) {
    super(10);
    setId("listeningResults");
    setPadding(new Insets(8, 0, 8, 0));
    Label title = new Label("System results · " + results.design());
    title.getStyleClass().add("title-4");
    title.setId("listeningTitle");
    Label basis = new Label(results.basis());
    basis.getStyleClass().add("text-muted");
    basis.setWrapText(true);
    getChildren().addAll(title, basis);
    Map<String, LatencySummary> latency = new LinkedHashMap<>();
    results.latency().forEach(summary -> latency.put(summary.system(), summary));
    for (Map.Entry<String, List<SystemMean>> dimension : byDimension(results.means()).entrySet()) {
      getChildren().add(section("Means · " + dimension.getKey()));
      getChildren()
          .add(meansTable("means-" + dimension.getKey(), dimension.getValue(), results, latency));
    }
    if (!results.differences().isEmpty()) {
      getChildren().addAll(section("Differences between systems"), differences(results));
    }
    if (!results.preferences().isEmpty()) {
      getChildren().addAll(section("A/B preference shares"), preferences(results));
    }
    getChildren()
        .addAll(section("Rater reliability (Krippendorff's α, interval level)"), alphas(results));
    for (Map.Entry<String, List<SystemMean>> slice : new TreeMap<>(results.bySlice()).entrySet()) {
      getChildren().add(section("Prompt type: " + slice.getKey()));
      getChildren().add(meansTable("slice-" + slice.getKey(), slice.getValue(), results, Map.of()));
    }
    getChildren().addAll(section("Screening of raters"), screening(results));
  }

  private static Map<String, List<SystemMean>> byDimension(List<SystemMean> means) {
    Map<String, List<SystemMean>> grouped = new LinkedHashMap<>();
    for (SystemMean mean : means) {
      grouped.computeIfAbsent(mean.dimension(), d -> new ArrayList<>()).add(mean);
    }
    return grouped;
  }

  private static Label section(String text) {
    Label label = new Label(text);
    label.getStyleClass().add("text-bold");
    return label;
  }

  private static GridPane grid(String id, String... headers) {
    GridPane grid = new GridPane();
    grid.setId(id);
    grid.setHgap(14);
    grid.setVgap(3);
    for (int i = 0; i < headers.length; i++) {
      Label header = new Label(headers[i]);
      header.getStyleClass().add("text-muted");
      grid.add(header, i, 0);
    }
    return grid;
  }

  private static Label cell(String id, String text) {
    Label label = new Label(text);
    label.setId(id);
    return label;
  }

  private Node meansTable(
      String id,
      List<SystemMean> means,
      ListeningResults results,
      Map<String, LatencySummary> latency) {
    boolean withLatency = !latency.isEmpty();
    GridPane grid =
        withLatency
            ? grid(
                id,
                "system",
                "mean",
                "95% interval",
                "",
                "ratings · raters · items",
                "first audio byte (mean · p95)")
            : grid(id, "system", "mean", "95% interval", "", "ratings · raters · items");
    int row = 1;
    for (SystemMean mean : means) {
      String key = id + "-" + mean.system();
      grid.add(cell(key + "-system", mean.system()), 0, row);
      grid.add(cell(key + "-mean", number(mean.mean())), 1, row);
      grid.add(cell(key + "-interval", interval(mean.interval())), 2, row);
      grid.add(bar(mean, results), 3, row);
      grid.add(
          cell(key + "-counts", mean.ratings() + " · " + mean.raters() + " · " + mean.items()),
          4,
          row);
      if (withLatency) {
        LatencySummary summary = latency.get(mean.system());
        grid.add(
            cell(
                key + "-latency",
                summary == null
                    ? "—"
                    : String.format(
                        Locale.ROOT, "%.0f ms · %.0f ms", summary.meanMs(), summary.p95Ms())),
            5,
            row);
      }
      row++;
    }
    return grid;
  }

  /** The mean and its interval on the design's scale. */
  private static Node bar(SystemMean mean, ListeningResults results) {
    Pane bar = new Pane();
    bar.setPrefSize(BAR_WIDTH, 14);
    bar.setMinSize(BAR_WIDTH, 14);
    Rectangle track = new Rectangle(0, 5, BAR_WIDTH, 4);
    track.setStyle("-fx-fill: -color-bg-default; -fx-stroke: -color-border-default;");
    bar.getChildren().add(track);
    if (mean.interval().isPresent()) {
      double from = x(mean.interval().get().low(), results);
      double to = x(mean.interval().get().high(), results);
      Rectangle interval = new Rectangle(from, 2, Math.max(2, to - from), 10);
      interval.setStyle("-fx-fill: -color-accent-muted; -fx-stroke: -color-accent-emphasis;");
      bar.getChildren().add(interval);
    }
    double at = x(mean.mean(), results);
    Line mark = new Line(at, 0, at, 14);
    mark.setStrokeWidth(3);
    mark.setStyle("-fx-stroke: -color-fg-default;");
    bar.getChildren().add(mark);
    Tooltip.install(
        bar,
        new Tooltip(
            mean.system()
                + ": "
                + number(mean.mean())
                + " "
                + interval(mean.interval())
                + " on "
                + number(results.scaleLow())
                + "–"
                + number(results.scaleHigh())));
    return bar;
  }

  private static double x(double value, ListeningResults results) {
    double share = (value - results.scaleLow()) / (results.scaleHigh() - results.scaleLow());
    return Math.max(0, Math.min(1, share)) * BAR_WIDTH;
  }

  private static Node differences(ListeningResults results) {
    GridPane grid = grid("differences", "dimension", "difference", "95% interval", "");
    int row = 1;
    for (Difference difference : results.differences()) {
      String key = "difference-" + difference.first() + "-" + difference.second();
      grid.add(new Label(difference.dimension()), 0, row);
      grid.add(
          cell(
              key,
              difference.first()
                  + " − "
                  + difference.second()
                  + " = "
                  + signed(difference.difference())),
          1,
          row);
      grid.add(cell(key + "-interval", interval(difference.interval())), 2, row);
      grid.add(
          cell(
              key + "-verdict",
              difference.excludesZero()
                  ? "the interval excludes 0: a real difference"
                  : "the interval includes 0: no clear difference"),
          3,
          row);
      row++;
    }
    return grid;
  }

  private static Node preferences(ListeningResults results) {
    GridPane grid = grid("preferences", "pair", "votes", "first", "second", "no preference");
    int row = 1;
    for (PreferenceShares shares : results.preferences()) {
      String key = "preference-" + shares.first() + "-" + shares.second();
      grid.add(cell(key, shares.first() + " vs " + shares.second()), 0, row);
      grid.add(new Label(String.valueOf(shares.votes())), 1, row);
      grid.add(
          cell(key + "-first", share(shares.first(), shares.firstShare(), shares.firstInterval())),
          2,
          row);
      grid.add(
          cell(
              key + "-second",
              share(shares.second(), shares.secondShare(), shares.secondInterval())),
          3,
          row);
      grid.add(
          cell(
              key + "-none",
              share("", shares.noPreferenceShare(), shares.noPreferenceInterval()).strip()),
          4,
          row);
      row++;
    }
    return grid;
  }

  private static Node alphas(ListeningResults results) {
    GridPane grid = grid("alphas", "dimension", "α", "95% interval", "");
    int row = 1;
    for (DimensionAlpha alpha : results.alphas()) {
      String key = "alpha-" + alpha.dimension();
      grid.add(new Label(alpha.dimension()), 0, row);
      if (alpha.alpha().value().isPresent()) {
        double value = alpha.alpha().value().getAsDouble();
        grid.add(cell(key, String.format(Locale.ROOT, "%.2f", value)), 1, row);
        grid.add(cell(key + "-interval", interval(alpha.interval())), 2, row);
        grid.add(
            cell(
                key + "-note",
                value < TENTATIVE_ALPHA
                    ? "below 0.667: raters disagree too much to lean on these scores"
                    : "raters agree enough for tentative conclusions"),
            3,
            row);
      } else {
        grid.add(cell(key, "—"), 1, row);
        grid.add(cell(key + "-note", alpha.alpha().undefinedReason().get().explanation()), 3, row);
      }
      row++;
    }
    return grid;
  }

  private static Node screening(ListeningResults results) {
    GridPane grid = grid("screening", "rater", "outcome", "rule", "why");
    Map<String, List<Exclusion>> byRater = new LinkedHashMap<>();
    results
        .exclusions()
        .forEach(e -> byRater.computeIfAbsent(e.rater(), r -> new ArrayList<>()).add(e));
    int row = 1;
    List<String> raters = new ArrayList<>(results.raters());
    byRater.keySet().stream().filter(r -> !raters.contains(r)).forEach(raters::add);
    for (String rater : raters) {
      List<Exclusion> excluded = byRater.getOrDefault(rater, List.of());
      if (excluded.isEmpty()) {
        grid.add(new Label(rater), 0, row);
        grid.add(cell("screening-" + rater, "kept"), 1, row);
        row++;
        continue;
      }
      for (Exclusion exclusion : excluded) {
        grid.add(new Label(rater), 0, row);
        grid.add(
            cell(
                "screening-" + rater,
                exclusion.session().isEmpty()
                    ? "excluded"
                    : "session " + exclusion.session() + " excluded"),
            1,
            row);
        grid.add(cell("screening-" + rater + "-rule", exclusion.rule()), 2, row);
        Label why = cell("screening-" + rater + "-why", exclusion.reason());
        why.setWrapText(true);
        why.setMaxWidth(420);
        grid.add(why, 3, row);
        row++;
      }
    }
    return grid;
  }

  private static String share(String system, double share, Optional<ConfidenceInterval> ci) {
    return (system.isEmpty() ? "" : system + " ")
        + String.format(Locale.ROOT, "%.0f%%", share * 100)
        + ci.map(i -> String.format(Locale.ROOT, " [%.0f–%.0f%%]", i.low() * 100, i.high() * 100))
            .orElse("");
  }

  static String number(double value) {
    return String.format(Locale.ROOT, "%.2f", value);
  }

  private static String signed(double value) {
    return String.format(Locale.ROOT, "%+.2f", value);
  }

  static String interval(Optional<ConfidenceInterval> interval) {
    return interval
        .map(ci -> "[" + number(ci.low()) + ", " + number(ci.high()) + "]")
        .orElse("(no interval: too few raters or items)");
  }
}
