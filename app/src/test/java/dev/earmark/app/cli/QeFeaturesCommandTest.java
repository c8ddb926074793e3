package dev.earmark.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earmark.app.cli.EarmarkCommandTest.Result;
import dev.earmark.audio.qe.FeatureTable;
import dev.earmark.audio.qe.TrainingRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code qe features} writes a feature table; {@code qe train --features} trains on it. */
class QeFeaturesCommandTest {
  @TempDir Path dir;

  @Test
  void aFeatureTableTrainsInGroupedFoldsWithBaselinesAndAReviewThreshold() throws IOException {
    QeCommandTest.dir = dir; // QeCommandTest's clip writer puts its WAVs there
    Path manifest = QeCommandTest.manifest("grouped.jsonl", 40, 0, 30, true, 5);
    // Five groups of consecutive clips (the SNR rises along the list): each group one SNR range.
    List<String> grouped = new ArrayList<>();
    List<String> lines = Files.readAllLines(manifest);
    for (int i = 0; i < lines.size(); i++) {
      grouped.add(lines.get(i).replaceFirst("\\{", "{\"group\": \"g" + (i % 5) + "\", "));
    }
    Files.write(manifest, grouped);
    Path table = manifest.resolveSibling("grouped.csv");
    Result measured =
        QeCommandTest.run(
            "qe",
            "features",
            "--manifest",
            manifest.toString(),
            "--out",
            table.toString(),
            "--json");
    assertThat(measured.code()).as(measured.err()).isZero();
    assertThat(QeCommandTest.json(measured).get("clips").asInt()).isEqualTo(40);
    List<TrainingRow> rows = FeatureTable.read(table);
    assertThat(rows).hasSize(40);
    assertThat(rows.get(7).group()).isEqualTo("g2");
    // The clip with the most dropped words (lowest SNR) has the highest WER.
    assertThat(rows.get(0).targetWer()).isEqualTo(1.0);

    Path out = table.resolveSibling("grouped.qe");
    Result trained =
        QeCommandTest.run(
            "qe", "train", "--features", table.toString(), "--out", out.toString(), "--json");
    assertThat(trained.code()).as(trained.out() + trained.err()).isZero();
    JsonNode json = QeCommandTest.json(trained);
    assertThat(json.get("features").asText()).isEqualTo(table.toString());
    JsonNode evaluation = json.get("evaluation");
    assertThat(evaluation.get("grouped_folds").asBoolean()).isTrue();
    double rho = evaluation.get("model").get("spearman_rho").asDouble();
    assertThat(rho).isEqualTo(json.get("metrics").get("spearman_rho").asDouble());
    assertThat(rho)
        .isGreaterThan(evaluation.get("duration_only_baseline").get("spearman_rho").asDouble());
    assertThat(evaluation.get("calibration")).hasSize(10);
    JsonNode review = evaluation.get("review_threshold");
    assertThat(review.get("wer_bar").asDouble()).isEqualTo(0.2);
    assertThat(review.get("precision").asDouble()).isGreaterThanOrEqualTo(0.9);
    assertThat(json.get("model").get("target").asText())
        .contains("en-asr@1")
        .endsWith("feature table grouped.csv");

    Result human =
        QeCommandTest.run("qe", "train", "--features", table.toString(), "--out", out.toString());
    assertThat(human.out())
        .contains("out of fold, grouped folds:")
        .contains("SNR-only baseline")
        .contains("duration-only baseline")
        .contains("review threshold");
  }

  @Test
  void aBrokenTableIsExitTwoNamingItsLine() throws IOException {
    Path table = dir.resolve("broken.csv");
    Files.writeString(table, FeatureTable.header() + "\nclip-1,g1,notanumber\n");
    Result result = QeCommandTest.run("qe", "train", "--features", table.toString());
    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err()).contains(table + ":2: ");
  }
}
