package dev.earmark.app.cli;

import static dev.earmark.app.cli.EarmarkCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earmark.app.TestClocks;
import dev.earmark.app.demo.DemoCreation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code earmark export --with-audio} followed by {@code earmark verify}, on the demo project. */
class ExportWithAudioCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void aBatchWithItsAudioVerifiesAndAnAudioFileSwappedAfterwardsDoesNot() throws Exception {
    Path project = dir.resolve("demo");
    DemoCreation.create(project, "maria", TestClocks.FIXED);
    Path out = dir.resolve("b1");
    List<String> args =
        new ArrayList<>(
            List.of(
                "export",
                "--project",
                project.toString(),
                "--user",
                "maria",
                "--batch",
                "b1",
                "--out",
                out.toString(),
                "--format",
                "nemo",
                "--with-audio",
                "--json"));
    var probe = run(args.toArray(String[]::new));
    if (probe.code() == 1) {
      for (JsonNode blocker : JSON.readTree(probe.out()).path("blockers")) {
        args.addAll(List.of("--allow", blocker.path("code").asText(), "--reason", "test"));
      }
      probe = run(args.toArray(String[]::new));
    }
    assertThat(probe.code()).as(probe.out() + probe.err()).isZero();
    JsonNode exported = JSON.readTree(probe.out());
    List<String> audioFiles = new ArrayList<>();
    exported
        .path("files")
        .forEach(
            file -> {
              if (file.asText().startsWith("audio/")) {
                audioFiles.add(file.asText());
              }
            });
    assertThat(audioFiles).hasSize(exported.path("items").asInt());

    assertThat(run("verify", out.toString()).code()).isZero();
    Path first;
    try (Stream<Path> files = Files.list(out.resolve("audio"))) {
      first = files.sorted().findFirst().orElseThrow();
    }
    Files.write(first, new byte[] {0, 1, 2});
    var verify = run("verify", out.toString(), "--json");
    assertThat(verify.code()).isEqualTo(1);
    assertThat(verify.out()).contains("altered-file").contains("audio/" + first.getFileName());
  }

  @Test
  void normalizedExportWithAudioRecordsTheRuleSetAndVerifyNamesAPathThatLeavesTheBatch()
      throws Exception {
    Path project = dir.resolve("demo");
    DemoCreation.create(project, "maria", TestClocks.FIXED);
    Path out = dir.resolve("b2");
    List<String> args =
        new ArrayList<>(
            List.of(
                "export",
                "--project",
                project.toString(),
                "--user",
                "maria",
                "--batch",
                "b2",
                "--out",
                out.toString(),
                "--format",
                "nemo",
                "--format",
                "stm",
                "--with-audio",
                "--normalize",
                "--json"));
    var probe = run(args.toArray(String[]::new));
    if (probe.code() == 1) {
      for (JsonNode blocker : JSON.readTree(probe.out()).path("blockers")) {
        args.addAll(List.of("--allow", blocker.path("code").asText(), "--reason", "test"));
      }
      probe = run(args.toArray(String[]::new));
    }
    assertThat(probe.code()).as(probe.out() + probe.err()).isZero();
    JsonNode manifest = JSON.readTree(out.resolve("manifest.json").toFile());
    assertThat(manifest.at("/normalization/formats").toString()).isEqualTo("[\"stm\"]");
    assertThat(manifest.at("/normalization/rule_set").asText()).isNotEmpty();
    assertThat(run("verify", out.toString()).code()).isZero();

    Path nemo = out.resolve("nemo/manifest.json");
    List<String> lines = Files.readAllLines(nemo);
    lines.set(0, lines.get(0).replace("\"../audio/", "\"../../audio/"));
    Files.write(nemo, lines);
    var verify = run("verify", out.toString(), "--json");
    assertThat(verify.code()).isEqualTo(1);
    assertThat(verify.out()).contains("unresolved-path").contains("nemo/manifest.json");
  }
}
