package dev.earmark.app.cli;

import static dev.earmark.app.cli.EarmarkCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earmark.app.TestClocks;
import dev.earmark.app.demo.DemoCreation;
import dev.earmark.engine.rubric.FieldValue;
import dev.earmark.engine.rubric.LabelValue;
import dev.earmark.storage.assign.Assignments;
import dev.earmark.storage.assign.QueueItem;
import dev.earmark.storage.label.LabelInput;
import dev.earmark.storage.label.Labels;
import dev.earmark.storage.policy.Policies;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.settings.ProjectSettings;
import dev.earmark.storage.user.Actor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offline round trip through the command line, on the demo project. */
class PackCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path shared;
  static Path lead;
  @TempDir Path dir;

  @BeforeAll
  static void demo() {
    lead = shared.resolve("demo");
    DemoCreation.create(lead, "maria", TestClocks.FIXED);
  }

  private static EarmarkCommandTest.Result exportAssignments(Path out) {
    return run(
        "pack",
        "export",
        "--project",
        lead.toString(),
        "--user",
        "maria",
        "--annotator",
        "ann-alex",
        "--out",
        out.toString(),
        "--json");
  }

  /** Submits a label for the first item of the annotator's queue in {@code project}. */
  private static String labelFirstItem(Path project, String annotator, String text) {
    try (Project working = Project.openEmbedded(project, false, TestClocks.FIXED)) {
      Policies policies = new Policies(working);
      Actor actor = working.users().actor(annotator);
      List<QueueItem> queue = new Assignments(working, policies).queue(actor, annotator);
      QueueItem first = queue.get(0);
      Labels labels = new Labels(working, policies, new ProjectSettings(working));
      int version = labels.open(actor, first.assignmentId()).version();
      labels.submit(
          actor,
          first.assignmentId(),
          new LabelInput(
              new LabelValue(first.rubric(), Map.of("transcript", new FieldValue.Text(text))),
              Duration.ofSeconds(20),
              1.0),
          version);
      return first.clipKey();
    }
  }

  @Test
  void anAnnotatorsOfflineLabelsComeBackIntoTheLeadsProjectOnce() throws Exception {
    Path assignmentPack = dir.resolve("alex.pack");
    var exported = exportAssignments(assignmentPack);
    assertThat(exported.code()).as(exported.err()).isZero();
    JsonNode exportReport = JSON.readTree(exported.out());
    assertThat(exportReport.path("assignments").asInt()).isPositive();

    Path work = dir.resolve("alex-laptop");
    var imported = run("pack", "import", assignmentPack.toString(), "--project", work.toString());
    assertThat(imported.code()).as(imported.err()).isZero();
    assertThat(imported.out()).contains("--user ann-alex");

    String clip = labelFirstItem(work, "ann-alex", "typed on the train");
    Path labelPack = dir.resolve("alex-labels.pack");
    var labels =
        run(
            "pack",
            "export-labels",
            "--project",
            work.toString(),
            "--out",
            labelPack.toString(),
            "--json");
    assertThat(labels.code()).as(labels.err()).isZero();
    JsonNode labelReport = JSON.readTree(labels.out());
    assertThat(labelReport.path("submitted").asInt()).isEqualTo(1);
    assertThat(labelReport.path("answers_pack").asText())
        .isEqualTo(exportReport.path("pack_id").asText());

    String[] merge = {
      "pack",
      "import",
      labelPack.toString(),
      "--project",
      lead.toString(),
      "--user",
      "maria",
      "--json"
    };
    var merged = run(merge);
    assertThat(merged.code()).as(merged.err()).isZero();
    JsonNode mergeReport = JSON.readTree(merged.out());
    assertThat(mergeReport.path("labels_imported")).hasSize(1);
    assertThat(mergeReport.path("labels_imported").get(0).path("clip_id").asText()).isEqualTo(clip);

    var again = run(merge);
    assertThat(again.code()).isEqualTo(1);
    assertThat(JSON.readTree(again.out()).path("refused").asText()).isEqualTo("already-imported");
    assertThat(again.err().strip().lines()).hasSize(1);
    assertThat(again.err()).contains("already imported");
  }

  @Test
  void aTamperedPackIsRefusedWithExitOneAndNothingIsMade() throws Exception {
    Path assignmentPack = dir.resolve("alex.pack");
    assertThat(exportAssignments(assignmentPack).code()).isZero();
    Path forged = dir.resolve("forged.pack");
    try (ZipFile in = new ZipFile(assignmentPack.toFile());
        ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(forged))) {
      Enumeration<? extends ZipEntry> entries = in.entries();
      while (entries.hasMoreElements()) {
        ZipEntry entry = entries.nextElement();
        out.putNextEntry(new ZipEntry(entry.getName()));
        try (InputStream data = in.getInputStream(entry)) {
          byte[] bytes = data.readAllBytes();
          if (entry.getName().equals("clips.json")) {
            bytes =
                (new String(bytes, StandardCharsets.UTF_8) + " ").getBytes(StandardCharsets.UTF_8);
          }
          out.write(bytes);
        }
        out.closeEntry();
      }
    }
    Path work = dir.resolve("work");
    var result = run("pack", "import", forged.toString(), "--project", work.toString());
    assertThat(result.code()).isEqualTo(1);
    assertThat(result.err()).contains("refused (tampered)").contains("clips.json");
    assertThat(Project.exists(work)).isFalse();
  }

  @Test
  void anAssignmentPackGoesOnlyIntoANewOrEmptyDirectory() throws IOException {
    Path assignmentPack = dir.resolve("alex.pack");
    assertThat(exportAssignments(assignmentPack).code()).isZero();
    Path busy = Files.createDirectories(dir.resolve("busy"));
    Files.writeString(busy.resolve("notes.txt"), "mine");
    var intoBusy = run("pack", "import", assignmentPack.toString(), "--project", busy.toString());
    assertThat(intoBusy.code()).isEqualTo(2);
    assertThat(intoBusy.err()).contains("not empty");

    var intoLead =
        run("pack", "import", assignmentPack.toString(), "--project", lead.toString(), "--json");
    assertThat(intoLead.code()).isEqualTo(1);
    assertThat(JSON.readTree(intoLead.out()).path("refused").asText())
        .isEqualTo("project-not-empty");
  }

  @Test
  void exportLabelsOutsideAPackProjectIsAOneLineError() {
    var result =
        run(
            "pack",
            "export-labels",
            "--project",
            lead.toString(),
            "--out",
            dir.resolve("x.pack").toString());
    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err().strip().lines()).hasSize(1);
    assertThat(result.err()).contains("was not made from an assignment pack");
  }
}
