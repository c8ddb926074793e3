package dev.earmark.app.cli;

import static dev.earmark.app.cli.EarmarkCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earmark.app.TestClocks;
import dev.earmark.app.cli.EarmarkCommandTest.Result;
import dev.earmark.audio.qe.QeModel;
import dev.earmark.fixtures.DemoDataset;
import dev.earmark.storage.clip.Clips;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.qe.QeHints;
import dev.earmark.storage.settings.ProjectSettings;
import dev.earmark.storage.settings.Setting;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code earmark qe train|predict} on a project and QE on {@code earmark import}, through the real
 * command line on real H2 projects: the demo project for training, the demo fixtures and synthetic
 * clips for import-time hints and drift.
 */
class QeProjectCommandTest {
  @TempDir Path dir;

  private static JsonNode json(Result result) throws IOException {
    return JsonOutput.mapper().readTree(result.out());
  }

  private static void set(Path project, Map<Setting, String> values) {
    try (Project opened = Project.openEmbedded(project, false, TestClocks.FIXED)) {
      ProjectSettings settings = new ProjectSettings(opened);
      values.forEach(
          (setting, value) -> settings.set(opened.users().actor("maria"), setting.key(), value));
    }
  }

  @Test
  void trainingOnTheDemoProjectIsRefusedThenFollowsTheProjectSettingsAndOptions()
      throws IOException {
    String project = dir.resolve("demo").toString();
    assertThat(run("demo", "--project", project, "--user", "maria").code()).isZero();

    Result refused = run("qe", "train", "--project", project, "--user", "maria");
    assertThat(refused.code()).as(refused.err()).isEqualTo(1);
    assertThat(refused.out())
        .containsPattern("\\d+ usable clips from project .*adjudicated or consensus.*en-asr@1")
        .contains("no final label yet (open dispute or disagreement)")
        .containsPattern("REFUSED: \\d+ usable clips; at least 30 are needed")
        .contains("Nothing was stored");
    int usable =
        json(run("qe", "train", "--project", project, "--user", "maria", "--json"))
            .path("usable_clips")
            .asInt();
    assertThat(usable).isBetween(10, 29);

    set(
        Path.of(project),
        Map.of(Setting.QE_MIN_CLIPS, "10", Setting.QE_FOLDS, "3", Setting.QE_RHO_GATE, "-1"));
    Path copy = dir.resolve("copy.qe");
    Result accepted =
        run(
            "qe",
            "train",
            "--project",
            project,
            "--user",
            "maria",
            "--out",
            copy.toString(),
            "--json");
    assertThat(accepted.code()).as(accepted.out() + accepted.err()).isZero();
    JsonNode report = json(accepted);
    assertThat(report.path("status").asText()).isEqualTo("accepted");
    assertThat(report.path("current_model").asBoolean()).isTrue();
    assertThat(report.path("usable_clips").asInt()).isEqualTo(usable);
    JsonNode model = report.path("model");
    assertThat(model.path("rho_gate").asDouble()).isEqualTo(-1.0);
    assertThat(model.path("settings").path("folds").asInt()).isEqualTo(3);
    assertThat(model.path("settings").path("min_usable_clips").asInt()).isEqualTo(10);
    assertThat(model.path("training_clip_ids_sha256").asText()).matches("[0-9a-f]{64}");
    assertThat(model.path("feature_schema_version").asInt()).isEqualTo(2);
    String modelId = model.path("id").asText();
    assertThat(QeModel.load(copy).metadata().modelId()).isEqualTo(modelId);
    try (Project opened = Project.openEmbedded(Path.of(project), false, TestClocks.FIXED)) {
      QeHints hints = new QeHints(opened, new ProjectSettings(opened));
      assertThat(hints.currentModel().orElseThrow().metadata().modelId()).isEqualTo(modelId);
    }

    // An option given here overrides the project's setting; the refused model is not made current.
    Result strict =
        run(
            "qe",
            "train",
            "--project",
            project,
            "--user",
            "maria",
            "--rho-gate",
            "0.99",
            "--seed",
            "3");
    assertThat(strict.code()).isEqualTo(1);
    assertThat(strict.out())
        .contains("REFUSED: cross-validated Spearman rho is below the gate 0.99")
        .contains("Spearman rho")
        .contains("calibration")
        .contains("training clip ids sha256")
        .contains("parameters: rho gate 0.99, 3 folds, min 10 clips, seed 3")
        .contains("not stored: the project keeps its current QE model");

    // On demand: hints from the project's current model, stored and printed.
    Result predicted =
        run(
            "qe",
            "predict",
            "--project",
            project,
            "--user",
            "maria",
            "--clip",
            "clip-001",
            "clip-002",
            "--json");
    assertThat(predicted.code()).as(predicted.err()).isZero();
    JsonNode hints = json(predicted);
    assertThat(hints.path("model_id").asText()).isEqualTo(modelId);
    assertThat(hints.path("default_model").asBoolean()).isFalse();
    assertThat(hints.path("hints")).hasSize(2);
    assertThat(hints.path("hints").get(0).path("top_features")).hasSize(3);
    try (Project opened = Project.openEmbedded(Path.of(project), false, TestClocks.FIXED)) {
      QeHints stored = new QeHints(opened, new ProjectSettings(opened));
      long clip = new Clips(opened).withKey("clip-001", java.util.Optional.empty()).get(0).id();
      assertThat(stored.hint(opened.users().actor("maria"), clip).orElseThrow().modelId())
          .isEqualTo(modelId);
    }
    Result unknown =
        run("qe", "predict", "--project", project, "--user", "maria", "--clip", "nope");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).contains("Clip nope is not an active clip");
    Result mixed =
        run("qe", "predict", "--project", project, "--user", "maria", "--review-threshold", "0.5");
    assertThat(mixed.code()).isEqualTo(2);
    assertThat(mixed.err()).contains("qe.review_threshold");
  }

  @Test
  void importStoresHintsAndWarnsAboutDriftOnlyForAShiftedBatch() throws IOException {
    Path demo = DemoDataset.copyTo(dir.resolve("demo-data")).getParent();
    String project = dir.resolve("project").toString();

    Result similar =
        run(
            "import",
            "--project",
            project,
            "--user",
            "maria",
            "--manifest",
            demo.resolve(DemoDataset.MANIFEST).toString(),
            "--contract",
            demo.resolve(DemoDataset.CONTRACT).toString());
    assertThat(similar.code()).as(similar.err()).isZero();
    // The shipped model is trained on the QE corpus (sample-fixtures/qe-corpus) and passed its
    // gate; the demo is not its training data, so the demo's own import already drifts from it.
    assertThat(similar.out())
        .contains("the model shipped with Earmark")
        .contains("passed its rho gate")
        .doesNotContain("did not pass its rho gate")
        .containsPattern("QE hints stored for 4[0-2] clips")
        .contains("QE DRIFT WARNING");

    Path synthetic = syntheticImport(dir.resolve("synthetic"), 24);
    Result shifted =
        run(
            "import",
            "--project",
            project,
            "--user",
            "maria",
            "--manifest",
            synthetic.toString(),
            "--contract",
            synthetic.resolveSibling("contract.json").toString(),
            "--json");
    assertThat(shifted.code()).as(shifted.err()).isZero();
    JsonNode qe = json(shifted).path("qe");
    assertThat(qe.path("hints")).hasSize(24);
    assertThat(qe.path("failures")).isEmpty();
    assertThat(qe.path("drift").path("status").asText()).isEqualTo("checked");
    assertThat(qe.path("drift").path("warning").asBoolean()).isTrue();
    assertThat(qe.path("drift").path("shifted").size()).isPositive();

    // The stored drift check is what the workbench shows.
    try (Project opened = Project.openEmbedded(Path.of(project), false, TestClocks.FIXED)) {
      var drift =
          new QeHints(opened, new ProjectSettings(opened))
              .latestDrift(opened.users().actor("maria"))
              .orElseThrow();
      assertThat(drift.warning()).isTrue();
      assertThat(drift.report().batchSize()).isEqualTo(24);
      assertThat(drift.shifted()).hasSize(qe.path("drift").path("shifted").size());
    }

    Result shown = run("qe", "drift", "--project", project, "--user", "maria");
    assertThat(shown.code()).isEqualTo(1);
    assertThat(shown.out()).contains("DRIFT WARNING").contains("24 clips").contains("shifted");
    // The history says which import moved which feature, newest first.
    Result history =
        run("qe", "drift", "--project", project, "--user", "maria", "--history", "--json");
    assertThat(history.code()).as(history.err()).isZero();
    JsonNode checks = json(history).path("checks");
    assertThat(checks).hasSize(2);
    assertThat(checks.get(0).path("manifest").asText())
        .endsWith(synthetic.getFileName().toString());
    assertThat(checks.get(0).path("warning").asBoolean()).isTrue();
    assertThat(checks.get(0).path("shifted").size())
        .isEqualTo(qe.path("drift").path("shifted").size());
    assertThat(checks.get(1).path("dataset").asText()).isEqualTo("earmark-demo");
    assertThat(checks.get(1).path("shifted")).isNotEmpty();
    Result historyText =
        run("qe", "drift", "--project", project, "--user", "maria", "--history", "--limit", "1");
    assertThat(historyText.out())
        .contains("newest first")
        .contains("24 clips")
        .contains("moved ")
        .doesNotContain("nothing moved");
    Result half = run("qe", "drift", "--project", project, "--user", "maria", "--batch", "x");
    assertThat(half.code()).isEqualTo(2);
    assertThat(half.err()).contains("give both --baseline MODEL and --batch MANIFEST");

    // Small imports are not checked for drift (PSI over a few clips is noise).
    Path few = syntheticImport(dir.resolve("few"), 3);
    Result small =
        run(
            "import",
            "--project",
            project,
            "--user",
            "maria",
            "--manifest",
            few.toString(),
            "--contract",
            few.resolveSibling("contract.json").toString());
    assertThat(small.code()).as(small.err()).isZero();
    assertThat(small.out())
        .contains("QE hints stored for 3 clips")
        .contains("QE drift not checked: 3 clips predicted, fewer than qe.drift_min_clips (20)");

    // Audio that went bad after its import gets no hint; the others still do (exit 1 lists it).
    Files.writeString(synthetic.resolveSibling("syn-05.wav"), "no longer audio");
    Result onDemand =
        run("qe", "predict", "--project", project, "--user", "maria", "--clip", "syn-05", "syn-06");
    assertThat(onDemand.code()).isEqualTo(1);
    assertThat(onDemand.out())
        .contains("1 hints stored")
        .contains("synthetic/syn-06  predicted WER")
        .contains("no QE hint for synthetic/syn-05: ");
  }

  /**
   * {@code count} synthetic harmonic clips (QeCommandTest's signal, SNR 5 dB upwards) with
   * hypotheses, in a dataset named after the folder: nothing like the espeak-ng speech the shipped
   * model was trained on.
   */
  private static Path syntheticImport(Path folder, int count) throws IOException {
    Files.createDirectories(folder);
    String dataset = folder.getFileName().toString();
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String id = String.format(Locale.ROOT, "syn-%02d", i);
      Files.write(folder.resolve(id + ".wav"), QeCommandTest.wav(5 + i, i));
      lines.add(
          String.format(
              Locale.ROOT,
              "{\"id\": \"%s\", \"audio_filepath\": \"%s.wav\", \"hypothesis\": \"one two\","
                  + " \"consent_scope\": \"full\"}",
              id,
              id));
    }
    Files.writeString(
        folder.resolve("contract.json"),
        """
        {"dataset_id": "%s", "purpose": "p", "owner": "o", "source": "s",
         "consent_scopes": [{"id": "full", "allowed_uses": ["labeling", "training"]}],
         "allowed_uses": ["labeling", "training"], "retention_policy": "per clip",
         "language": "en", "domain": "test", "acoustic_conditions": ["clean"],
         "device_class": ["studio"], "known_gaps": []}
        """
            .formatted(dataset));
    Path manifest = Files.write(folder.resolve("manifest.jsonl"), lines, StandardCharsets.UTF_8);
    return manifest;
  }
}
