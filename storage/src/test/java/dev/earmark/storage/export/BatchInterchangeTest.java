package dev.earmark.storage.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earmark.engine.normalize.Normalizer;
import dev.earmark.engine.normalize.RuleSets;
import dev.earmark.engine.release.DataUse;
import dev.earmark.engine.release.ReleaseBlocker;
import dev.earmark.fixtures.DemoDataset;
import dev.earmark.storage.Databases;
import dev.earmark.storage.demo.DemoProject;
import dev.earmark.storage.export.format.ExportClip;
import dev.earmark.storage.export.format.ExportFormats;
import dev.earmark.storage.policy.Policies;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.user.Actor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A whole batch in every format: with its audio every path resolves from the file that names it,
 * also in a moved copy, no project path is left, and verify catches one that does not resolve;
 * {@code --normalize} writes the scored formats under the policy's rule set and records it.
 */
class BatchInterchangeTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse(DemoDataset.REFERENCE_DATE + "T10:00:00Z"), ZoneOffset.UTC);
  private static final Instant PINNED = Instant.parse(DemoDataset.REFERENCE_DATE + "T12:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  static List<Named<Supplier<Project>>> databases() {
    return Databases.fresh(CLOCK);
  }

  private static ExportRequest request(
      String name, Path out, Map<String, String> allowed, boolean audio, boolean normalize) {
    return new ExportRequest(
        name,
        out,
        List.of(ExportFormats.ALL),
        allowed,
        Optional.of(PINNED),
        DataUse.TRAINING,
        "test",
        audio,
        normalize,
        List.of());
  }

  private static Map<String, String> waiveAll(BatchExporter exporter, Actor lead, Path probe) {
    Map<String, String> allowed = new LinkedHashMap<>();
    if (exporter.export(lead, request("probe", probe, Map.of(), false, false))
        instanceof ExportOutcome.Blocked blocked) {
      for (ReleaseBlocker blocker : blocked.blockers()) {
        allowed.put(blocker.code(), "waived in test");
      }
    }
    return allowed;
  }

  private static void copyTree(Path from, Path to) throws Exception {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path path : walk.sorted().toList()) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target);
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void everyAudioPathOfEveryFormatResolvesFromItsFileAndFromAMovedCopy(Supplier<Project> factory)
      throws Exception {
    Path data = DemoDataset.copyTo(dir.resolve("demo-data")).getParent();
    try (Project project = factory.get()) {
      new DemoProject(project).build(data, "maria");
      Actor lead = project.users().actor("maria");
      BatchExporter exporter = new BatchExporter(project, new Policies(project));
      Map<String, String> allowed = waiveAll(exporter, lead, dir.resolve("probe"));
      Path batch = dir.resolve("batch");
      assertThat(exporter.export(lead, request("all", batch, allowed, true, false)))
          .isInstanceOf(ExportOutcome.Exported.class);

      assertThat(BatchVerifier.verify(batch).problems()).isEmpty();
      JsonNode manifest = JSON.readTree(batch.resolve("manifest.json").toFile());
      int checkedPaths = 0;
      for (String relative : (Iterable<String>) () -> manifest.path("files").fieldNames()) {
        Path file = batch.resolve(relative);
        for (String path : BatchAudioPaths.audioPaths(relative, file)) {
          assertThat(file.getParent().resolve(path).normalize()).as(relative).isRegularFile();
          checkedPaths++;
        }
        if (!relative.contains("audio/")) {
          assertThat(Files.readString(file, StandardCharsets.UTF_8))
              .as(relative + " names no project path")
              .doesNotContain(data.toString());
        }
      }
      int clips = manifest.path("items").size();
      // nemo, earmark-jsonl, hf, kaldi, lhotse, label-studio, csv, tsv: one each; eaf: two.
      assertThat(checkedPaths).isEqualTo(clips * 10);
      assertThat(Files.readAllLines(batch.resolve("nemo/manifest.json")).get(0))
          .contains("\"audio_filepath\":\"../audio/");

      Path moved = dir.resolve("elsewhere").resolve("copy");
      copyTree(batch, moved);
      assertThat(BatchVerifier.verify(moved).problems()).isEmpty();

      Path nemo = moved.resolve("nemo/manifest.json");
      List<String> lines = Files.readAllLines(nemo);
      JsonNode first = JSON.readTree(lines.get(0));
      String source = manifest.path("items").get(0).path("audio_path").asText();
      lines.set(0, lines.get(0).replace(first.get("audio_filepath").asText(), source));
      Files.write(nemo, lines);
      assertThat(BatchVerifier.verify(moved).problems())
          .extracting(BatchVerification.Problem::kind, BatchVerification.Problem::subject)
          .contains(org.assertj.core.groups.Tuple.tuple("unresolved-path", "nemo/manifest.json"));
    }
  }

  @Test
  void normalizeWritesTheScoredFormatsUnderThePolicysRuleSetAndRecordsIt() throws Exception {
    Path data = DemoDataset.copyTo(dir.resolve("demo-data")).getParent();
    try (Project project = Databases.fresh(CLOCK).get(0).getPayload().get()) {
      new DemoProject(project).build(data, "maria");
      Actor lead = project.users().actor("maria");
      BatchExporter exporter = new BatchExporter(project, new Policies(project));
      Map<String, String> allowed = waiveAll(exporter, lead, dir.resolve("probe"));
      Path raw = dir.resolve("raw");
      Path normalized = dir.resolve("normalized");
      exporter.export(lead, request("raw", raw, allowed, false, false));
      exporter.export(lead, request("normalized", normalized, allowed, false, true));

      JsonNode manifest = JSON.readTree(normalized.resolve("manifest.json").toFile());
      assertThat(manifest.at("/normalization/rule_set").asText())
          .isEqualTo(RuleSets.EN_ASR_1.toString());
      assertThat(manifest.at("/normalization/formats").toString())
          .isEqualTo("[\"kaldi\",\"stm\",\"ctm\",\"trn\"]");
      assertThat(JSON.readTree(raw.resolve("manifest.json").toFile()).has("normalization"))
          .isFalse();
      assertThat(BatchVerifier.verify(normalized).problems()).isEmpty();

      Normalizer normalizer = Normalizer.compile(RuleSets.enAsr1());
      List<String> rawTrn = Files.readAllLines(raw.resolve("trn/reference.trn"));
      List<String> normalizedTrn = Files.readAllLines(normalized.resolve("trn/reference.trn"));
      assertThat(normalizedTrn).isNotEqualTo(rawTrn).hasSameSizeAs(rawTrn);
      JsonNode firstItem = manifest.path("items").get(0);
      String expected =
          String.join(" ", normalizer.normalize(firstItem.path("transcript").asText()).words());
      assertThat(String.join("\n", Files.readAllLines(normalized.resolve("kaldi/text"))))
          .contains(" " + expected.split(" ")[0]);
      // Formats that are not scored keep the label as written.
      assertThat(Files.readString(normalized.resolve("nemo/manifest.json")))
          .isEqualTo(Files.readString(raw.resolve("nemo/manifest.json")));
    }
  }

  @Test
  void segmentsOfAFinalLabelReachTheExportWithTheirSpeakers() throws Exception {
    JsonNode value =
        JSON.readTree(
            "{\"fields\":{\"transcript\":\"hi there\",\"segments\":["
                + "{\"start\":0.0,\"end\":1.0,\"speaker\":\"A\"},"
                + "{\"start\":1.5,\"end\":2.0,\"speaker\":\"B\"}]}}");
    assertThat(BatchData.segmentsOf(value, "hi there"))
        .containsExactly(
            new ExportClip.Segment(0.0, 1.0, "A", ""), new ExportClip.Segment(1.5, 2.0, "B", ""));
    JsonNode one =
        JSON.readTree(
            "{\"fields\":{\"segments\":[{\"start\":0.5,\"end\":1.0,\"speaker\":\"A\"}]}}");
    assertThat(BatchData.segmentsOf(one, "hi"))
        .containsExactly(new ExportClip.Segment(0.5, 1.0, "A", "hi"));
    JsonNode texts =
        JSON.readTree(
            "{\"fields\":{\"segments\":[{\"start\":0,\"end\":1,\"speaker\":\"A\",\"text\":\"hi\"},"
                + "{\"start\":1,\"end\":2,\"speaker\":\"B\",\"text\":\"there\"}]}}");
    assertThat(BatchData.segmentsOf(texts, "hi there"))
        .extracting(ExportClip.Segment::text)
        .containsExactly("hi", "there");
    assertThat(BatchData.segmentsOf(JSON.readTree("{\"fields\":{}}"), "x")).isEmpty();
  }
}
