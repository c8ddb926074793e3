package dev.earmark.app.cli;

import static dev.earmark.app.cli.EarmarkCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.earmark.app.TestClocks;
import dev.earmark.app.demo.DemoCreation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Export and verify, end to end on the demo project (built once: it takes a few seconds). */
class ExportCommandTest {
  private static final String PINNED = "2026-11-21T12:00:00Z";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path shared;
  static Path project;
  @TempDir Path dir;

  @BeforeAll
  static void demo() {
    project = shared.resolve("demo");
    DemoCreation.create(project, "maria", TestClocks.FIXED);
  }

  private static EarmarkCommandTest.Result export(String batch, Path out, String... extra) {
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
                PINNED));
    args.addAll(List.of(extra));
    return run(args.toArray(String[]::new));
  }

  /** Allows every blocker the demo data has, with reasons. */
  private static String[] allowAll(EarmarkCommandTest.Result blocked) throws Exception {
    List<String> args = new ArrayList<>();
    for (JsonNode blocker : JSON.readTree(blocked.out()).path("blockers")) {
      args.addAll(
          List.of(
              "--allow",
              blocker.path("code").asText(),
              "--reason",
              "test waiver " + blocker.path("code").asText()));
    }
    return args.toArray(String[]::new);
  }

  private EarmarkCommandTest.Result blockedRun() {
    return export("blocked", dir.resolve("blocked"), "--json");
  }

  @Test
  void openDisputesBlockTheExportListingEachBlockerAndWriteNothing() throws Exception {
    var blocked = blockedRun();
    assertThat(blocked.code()).as(blocked.out() + blocked.err()).isEqualTo(1);
    JsonNode report = JSON.readTree(blocked.out());
    assertThat(report.path("exported").asBoolean()).isFalse();
    List<String> codes = new ArrayList<>();
    report.path("blockers").forEach(b -> codes.add(b.path("code").asText()));
    assertThat(codes).contains("unresolved-disputes");
    report.path("blockers").forEach(b -> assertThat(b.path("reason").asText()).isNotBlank());
    assertThat(dir.resolve("blocked")).doesNotExist();
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left).isEmpty();
    }

    var text = export("blocked", dir.resolve("blocked"));
    assertThat(text.code()).isEqualTo(1);
    assertThat(text.out()).contains("NOT exported").contains("unresolved-disputes: ");
  }

  @Test
  void anAllowedBlockerIsRecordedAndTheBatchVerifies() throws Exception {
    String[] allow = allowAll(blockedRun());
    Path out = dir.resolve("batch-1");
    List<String> args = new ArrayList<>(List.of(allow));
    args.addAll(List.of("--format", "kaldi", "--format", "earmark-jsonl", "--json"));
    var exported = export("allowed", out, args.toArray(String[]::new));
    assertThat(exported.code()).as(exported.out() + exported.err()).isZero();

    JsonNode manifest = JSON.readTree(out.resolve("manifest.json").toFile());
    assertThat(manifest.path("overrides").findValuesAsText("code")).contains("unresolved-disputes");
    assertThat(manifest.path("overrides").findValuesAsText("reason"))
        .contains("test waiver unresolved-disputes");
    assertThat(manifest.path("excluded").size()).isPositive();
    assertThat(manifest.path("items").size()).isPositive();
    assertThat(manifest.path("policy").path("rubric").path("content_hash").asText())
        .startsWith("sha256:");
    assertThat(manifest.path("batch").path("created_at").asText()).isEqualTo(PINNED);
    assertThat(manifest.path("batch").path("created_by").asText()).isEqualTo("maria");
    assertThat(manifest.path("files").has("kaldi/text")).isTrue();
    assertThat(
            manifest.path("files").has("earmark-jsonl/labels.jsonl")
                || manifest.path("files").size() > 5)
        .isTrue();
    assertThat(manifest.path("items").get(0).path("audio_sha256").asText()).startsWith("sha256:");

    var verify = run("verify", out.toString(), "--json");
    assertThat(verify.code()).as(verify.out()).isZero();
    assertThat(JSON.readTree(verify.out()).path("intact").asBoolean()).isTrue();

    var audit = run("audit", "verify", "--project", project.toString(), "--user", "maria");
    assertThat(audit.code()).as(audit.out()).isZero();
  }

  @Test
  void aListeningTestIsExportedScreenedWithItsReportAndTheBatchVerifies() throws Exception {
    Path out = dir.resolve("listening");
    List<String> args = new ArrayList<>(List.of(allowAll(blockedRun())));
    args.addAll(List.of("--format", "earmark-jsonl", "--listening", "tts-mushra", "--json"));
    var exported = export("listening", out, args.toArray(String[]::new));
    assertThat(exported.code()).as(exported.out() + exported.err()).isZero();

    JsonNode manifest = JSON.readTree(out.resolve("manifest.json").toFile());
    JsonNode mushra = manifest.path("listening").get(0);
    assertThat(mushra.path("task_type").asText()).isEqualTo("tts-mushra");
    assertThat(mushra.path("screening").findValuesAsText("rule")).containsExactly("bs1534-post@1");
    // The demo's ann-bea scores the hidden reference 85 on every trial: BS.1534-3 excludes her.
    assertThat(mushra.path("raters"))
        .anySatisfy(
            rater -> {
              assertThat(rater.path("rater").asText()).isEqualTo("ann-bea");
              assertThat(rater.path("outcome").asText()).isEqualTo("excluded");
              assertThat(rater.path("exclusions").get(0).path("rule").asText())
                  .isEqualTo("bs1534-post@1");
            });
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(out.resolve("listening/tts-mushra/labels.jsonl"))) {
      lines.add(JSON.readTree(line));
    }
    assertThat(lines).hasSize(mushra.path("labels").asInt());
    assertThat(lines)
        .filteredOn(line -> line.path("rater").asText().equals("ann-bea"))
        .isNotEmpty()
        .allMatch(line -> !line.path("status").asText().equals("kept"));

    // The report beside the labels is what 'earmark tts report --json' prints for the design.
    var report =
        run(
            "tts",
            "report",
            "--project",
            project.toString(),
            "--user",
            "maria",
            "--task",
            "tts-mushra",
            "--json");
    assertThat(report.code()).as(report.err()).isZero();
    JsonNode printed = JSON.readTree(report.out());
    JsonNode written = JSON.readTree(out.resolve("listening/tts-mushra/report.json").toFile());
    assertThat(written.path("designs")).isEqualTo(printed.path("designs"));

    var verify = run("verify", out.toString(), "--json");
    assertThat(verify.code()).as(verify.out()).isZero();
    assertThat(JSON.readTree(verify.out()).path("intact").asBoolean()).isTrue();
  }

  @Test
  void aReSignedManifestFailsOnlyAgainstTheProjectAndTheBatchAnchorIsChecked() throws Exception {
    Path out = dir.resolve("resigned");
    var exported = export("resigned", out, allowAll(blockedRun()));
    assertThat(exported.code()).as(exported.out() + exported.err()).isZero();
    var anchored =
        run("audit", "verify", "--project", project.toString(), "--check", out.toString());
    assertThat(anchored.code()).as(anchored.out() + anchored.err()).isZero();
    assertThat(anchored.out()).contains("anchor(s) held");

    ObjectNode manifest = (ObjectNode) JSON.readTree(out.resolve("manifest.json").toFile());
    String recorded = manifest.path("manifest_sha256").asText();
    ((ObjectNode) manifest.get("batch")).put("created_by", "mallory");
    manifest.remove("manifest_sha256");
    String forged = dev.earmark.engine.version.ContentHash.of(manifest);
    manifest.put("manifest_sha256", forged);
    Files.writeString(out.resolve("manifest.json"), JSON.writeValueAsString(manifest));

    assertThat(run("verify", out.toString()).code()).isZero();
    var verify = run("verify", out.toString(), "--project", project.toString());
    assertThat(verify.code()).isEqualTo(ExitCode.CHECK_FAILED);
    assertThat(verify.out())
        .contains(
            "  manifest-differs manifest_sha256: the manifest's hash is "
                + forged
                + " but the project recorded "
                + recorded
                + " when it exported batch resigned: the manifest was rewritten.");
  }

  @Test
  void verifyNamesEachEditedDeletedAndAddedFileAndAnEditedManifestField() throws Exception {
    Path out = dir.resolve("tampered");
    var exported = export("tampered", out, allowAll(blockedRun()));
    assertThat(exported.code()).as(exported.out() + exported.err()).isZero();

    Files.writeString(out.resolve("kaldi/text"), "edited\n");
    Files.delete(
        out.resolve("nemo/manifest.json").toFile().exists()
            ? out.resolve("nemo/manifest.json")
            : firstFile(out.resolve("nemo")));
    Files.writeString(out.resolve("kaldi/extra.txt"), "added\n");
    String manifest = Files.readString(out.resolve("manifest.json"));
    Files.writeString(
        out.resolve("manifest.json"),
        manifest
            .replace("\"created_by\" : \"maria\"", "\"created_by\" : \"mallory\"")
            .replaceFirst("\"adjudicated\" : \\d+", "\"adjudicated\" : 999"));

    var verify = run("verify", out.toString());
    assertThat(verify.code()).isEqualTo(1);
    assertThat(verify.out())
        .contains("altered-file kaldi/text")
        .contains("missing-file nemo/")
        .contains("extra-file kaldi/extra.txt")
        .contains("manifest-field manifest_sha256")
        .contains("manifest-field agreement.adjudicated");
  }

  private static Path firstFile(Path directory) throws Exception {
    try (Stream<Path> files = Files.list(directory)) {
      return files.sorted().findFirst().orElseThrow();
    }
  }

  @Test
  void reExportingWithAPinnedTimestampGivesByteIdenticalFiles() throws Exception {
    String[] allow = allowAll(blockedRun());
    Path first = dir.resolve("first");
    Path second = dir.resolve("second");
    assertThat(export("repro", first, allow).code()).isZero();
    var again = export("repro", second, allow);
    assertThat(again.code()).as(again.out() + again.err()).isZero();
    assertThat(again.out()).startsWith("re-exported batch repro");

    List<Path> firstFiles;
    try (Stream<Path> walk = Files.walk(first)) {
      firstFiles = walk.filter(Files::isRegularFile).sorted().toList();
    }
    assertThat(firstFiles.size()).isGreaterThan(10);
    for (Path file : firstFiles) {
      Path twin = second.resolve(first.relativize(file));
      assertThat(Files.readAllBytes(twin)).as(file.toString()).isEqualTo(Files.readAllBytes(file));
    }
  }

  @Test
  void aTemporaryDirectoryLeftByAKilledExportDoesNotVerify() throws Exception {
    Path out = dir.resolve("done");
    assertThat(export("crash", out, allowAll(blockedRun())).code()).isZero();
    // A kill before the rename leaves the temporary directory, manifest and all.
    Path partial = dir.resolve(".done.export-partial-0000");
    Files.move(out, partial);
    var verify = run("verify", partial.toString());
    assertThat(verify.code()).isEqualTo(1);
    assertThat(verify.out()).contains("unfinished-export");

    // A kill before the manifest was written leaves no manifest.
    Files.delete(partial.resolve("manifest.json"));
    assertThat(run("verify", partial.toString()).out()).contains("missing-manifest");
  }

  @Test
  void badUsageExitsTwo() {
    assertThat(export("x", dir.resolve("x"), "--allow", "unresolved-disputes").code()).isEqualTo(2);
    assertThat(export("x", dir.resolve("x"), "--format", "nope").code()).isEqualTo(2);
    assertThat(export("x", dir.resolve("x"), "--timestamp", "yesterday").code()).isEqualTo(2);
    assertThat(run("export", "--project", project.toString(), "--out", "x").code()).isEqualTo(2);
  }
}
