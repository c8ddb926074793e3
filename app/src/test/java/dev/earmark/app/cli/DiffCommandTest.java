package dev.earmark.app.cli;

import static dev.earmark.app.cli.EarmarkCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earmark.app.TestClocks;
import dev.earmark.app.demo.DemoCreation;
import dev.earmark.engine.rubric.FieldValue;
import dev.earmark.engine.rubric.LabelValue;
import dev.earmark.storage.adjudicate.Adjudications;
import dev.earmark.storage.adjudicate.DisputeRecord;
import dev.earmark.storage.adjudicate.DisputeStatus;
import dev.earmark.storage.adjudicate.ReasonCode;
import dev.earmark.storage.policy.Policies;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.user.Actor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code earmark diff} on two real exports of the demo project: the second after one disputed clip
 * was decided with a transcript nothing like its ASR hypothesis.
 */
class DiffCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path shared;
  static Path first;
  static Path second;
  static String decidedClip;

  @TempDir Path dir;

  @BeforeAll
  static void twoExports() throws Exception {
    Path project = shared.resolve("demo");
    DemoCreation.create(project, "maria", TestClocks.FIXED);
    first = shared.resolve("b1");
    export(project, "b1", first);
    try (Project open = Project.openEmbedded(project, false, TestClocks.FIXED)) {
      Policies policies = new Policies(open);
      Actor lead = open.users().actor("maria");
      Adjudications adjudications = new Adjudications(open, policies);
      DisputeRecord dispute = adjudications.disputes(lead, DisputeStatus.OPEN).get(0);
      decidedClip = dispute.clipKey();
      adjudications.decide(
          lead,
          dispute.id(),
          new LabelValue(
              dispute.rubric(),
              Map.of(
                  "transcript",
                  new FieldValue.Text("zebra quartz yodel xylophone wombat vortex umbra"))),
          ReasonCode.OTHER,
          "test: a final label far from the hypothesis");
    }
    second = shared.resolve("b2");
    export(project, "b2", second);
  }

  /** Exports with every release blocker the demo data has waived. */
  private static void export(Path project, String batch, Path out) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "export",
                "--project",
                project.toString(),
                "--user",
                "maria",
                "--batch",
                batch,
                "--out",
                out.toString(),
                "--timestamp",
                "2026-11-21T12:00:00Z",
                "--json"));
    var probe = run(args.toArray(String[]::new));
    if (probe.code() == 1) {
      for (JsonNode blocker : JSON.readTree(probe.out()).path("blockers")) {
        args.addAll(List.of("--allow", blocker.path("code").asText(), "--reason", "test waiver"));
      }
      probe = run(args.toArray(String[]::new));
    }
    assertThat(probe.code()).as(probe.out() + probe.err()).isZero();
  }

  @Test
  void aBatchComparedWithItselfHasNoChangesAndPasses() throws Exception {
    var result = run("diff", first.toString(), first.toString(), "--json");
    assertThat(result.code()).as(result.err()).isZero();
    JsonNode report = JSON.readTree(result.out());
    assertThat(report.path("added")).isEmpty();
    assertThat(report.path("removed")).isEmpty();
    assertThat(report.path("relabeled")).isEmpty();
    assertThat(report.path("unchanged").asInt())
        .isEqualTo(report.path("before").path("items").asInt())
        .isPositive();
    assertThat(report.path("slice_regression").path("passed").asBoolean()).isTrue();
    assertThat(report.path("slice_regression").path("slices").toString()).contains("\"all\"");
  }

  @Test
  void aDecidedClipIsAddedAndItsSlicesRegressBeyondTheBudget() throws Exception {
    var result = run("diff", first.toString(), second.toString(), "--json");
    assertThat(result.code()).as(result.err()).isEqualTo(1);
    JsonNode report = JSON.readTree(result.out());
    List<String> added = new ArrayList<>();
    report.path("added").forEach(node -> added.add(node.asText()));
    assertThat(added).containsExactly(decidedClip);
    assertThat(report.path("slice_regression").path("passed").asBoolean()).isFalse();
    JsonNode all = null;
    for (JsonNode slice : report.path("slice_regression").path("slices")) {
      if (slice.path("slice").asText().equals("all")) {
        all = slice;
      }
    }
    assertThat(all).isNotNull();
    assertThat(all.path("after").asDouble()).isGreaterThan(all.path("before").asDouble());

    var text = run("diff", first.toString(), second.toString());
    assertThat(text.code()).isEqualTo(1);
    assertThat(text.out()).contains("+ " + decidedClip).contains("FAILED");
  }

  @Test
  void aDirectoryThatIsNotAnIntactBatchIsExitTwoWithOneLine() throws Exception {
    Path notBatch = Files.createDirectories(dir.resolve("empty"));
    var result = run("diff", notBatch.toString(), first.toString());
    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err().strip().lines()).hasSize(1);
    assertThat(result.err()).contains("is not an intact batch");
  }
}
