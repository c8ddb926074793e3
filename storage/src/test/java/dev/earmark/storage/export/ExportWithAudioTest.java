package dev.earmark.storage.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earmark.engine.release.DataUse;
import dev.earmark.engine.release.ReleaseBlocker;
import dev.earmark.fixtures.DemoDataset;
import dev.earmark.storage.Databases;
import dev.earmark.storage.demo.DemoProject;
import dev.earmark.storage.importer.Checksums;
import dev.earmark.storage.policy.Policies;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.user.Actor;
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
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code earmark export --with-audio}: the clips' audio travels in the batch, checksummed. */
class ExportWithAudioTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse(DemoDataset.REFERENCE_DATE + "T10:00:00Z"), ZoneOffset.UTC);
  private static final Instant PINNED = Instant.parse(DemoDataset.REFERENCE_DATE + "T12:00:00Z");

  @TempDir Path dir;

  static List<Named<Supplier<Project>>> databases() {
    return Databases.fresh(CLOCK);
  }

  private static ExportRequest request(Path out, Map<String, String> allowed, boolean audio) {
    return new ExportRequest(
        "with-audio",
        out,
        List.of("earmark-jsonl"),
        allowed,
        Optional.of(PINNED),
        DataUse.TRAINING,
        "test",
        audio,
        false,
        List.of());
  }

  @ParameterizedTest
  @MethodSource("databases")
  void copiedAudioIsListedWithEachClipsChecksumAndAnAlteredFileFailsVerify(
      Supplier<Project> factory) throws Exception {
    Path data = DemoDataset.copyTo(dir.resolve("demo-data")).getParent();
    try (Project project = factory.get()) {
      new DemoProject(project).build(data, "maria");
      Actor lead = project.users().actor("maria");
      BatchExporter exporter = new BatchExporter(project, new Policies(project));
      Map<String, String> allowed = new LinkedHashMap<>();
      if (exporter.export(lead, request(dir.resolve("probe"), Map.of(), true))
          instanceof ExportOutcome.Blocked blocked) {
        for (ReleaseBlocker blocker : blocked.blockers()) {
          allowed.put(blocker.code(), "waived in test");
        }
      }
      Path batch = dir.resolve("batch");
      ExportOutcome outcome = exporter.export(lead, request(batch, allowed, true));
      assertThat(outcome).isInstanceOf(ExportOutcome.Exported.class);

      JsonNode manifest = new ObjectMapper().readTree(batch.resolve("manifest.json").toFile());
      assertThat(manifest.path("audio_directory").asText()).isEqualTo("audio");
      assertThat(manifest.path("items").size()).isPositive();
      for (JsonNode item : manifest.path("items")) {
        Path copy =
            batch.resolve("audio").resolve(Path.of(item.path("audio_path").asText()).getFileName());
        assertThat(Checksums.sha256(copy)).isEqualTo(item.path("audio_sha256").asText());
      }
      assertThat(BatchVerifier.verify(batch).intact()).isTrue();

      Path someAudio;
      try (var files = Files.list(batch.resolve("audio"))) {
        someAudio = files.sorted().findFirst().orElseThrow();
      }
      byte[] bytes = Files.readAllBytes(someAudio);
      bytes[bytes.length - 1] ^= 1;
      Files.write(someAudio, bytes);
      BatchVerification altered = BatchVerifier.verify(batch);
      assertThat(altered.problems())
          .extracting(BatchVerification.Problem::kind, BatchVerification.Problem::subject)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(
                  "altered-file", "audio/" + someAudio.getFileName()));

      // Without the option nothing changes: no audio directory, no audio_directory member.
      Path plain = dir.resolve("plain");
      ExportOutcome without =
          exporter.export(
              lead,
              ExportRequest.plain(
                  "plain",
                  plain,
                  List.of("earmark-jsonl"),
                  allowed,
                  Optional.of(PINNED),
                  DataUse.TRAINING,
                  "test"));
      assertThat(without).isInstanceOf(ExportOutcome.Exported.class);
      assertThat(plain.resolve("audio")).doesNotExist();
      assertThat(
              new ObjectMapper()
                  .readTree(plain.resolve("manifest.json").toFile())
                  .has("audio_directory"))
          .isFalse();
    }
  }
}
