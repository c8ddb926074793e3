package dev.earmark.storage.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earmark.engine.release.DataUse;
import dev.earmark.engine.release.ReleaseBlocker;
import dev.earmark.fixtures.DemoDataset;
import dev.earmark.storage.Databases;
import dev.earmark.storage.PermissionDeniedException;
import dev.earmark.storage.StorageException;
import dev.earmark.storage.adjudicate.Adjudications;
import dev.earmark.storage.adjudicate.DisputeRecord;
import dev.earmark.storage.adjudicate.DisputeStatus;
import dev.earmark.storage.adjudicate.ReasonCode;
import dev.earmark.storage.demo.DemoProject;
import dev.earmark.storage.label.Labels;
import dev.earmark.storage.policy.Policies;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.settings.ProjectSettings;
import dev.earmark.storage.user.Actor;
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

class BatchExporterTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse(DemoDataset.REFERENCE_DATE + "T10:00:00Z"), ZoneOffset.UTC);
  private static final Instant PINNED = Instant.parse(DemoDataset.REFERENCE_DATE + "T12:00:00Z");

  @TempDir Path dir;

  static List<Named<Supplier<Project>>> databases() {
    return Databases.fresh(CLOCK);
  }

  private ExportRequest request(String name, Path out, Map<String, String> allowed) {
    return ExportRequest.plain(
        name,
        out,
        List.of("earmark-jsonl"),
        allowed,
        Optional.of(PINNED),
        DataUse.TRAINING,
        "test");
  }

  @ParameterizedTest
  @MethodSource("databases")
  void adjudicatedItemsAreExportedAndTheBatchWaiversAndItemsAreRecorded(Supplier<Project> factory)
      throws Exception {
    Path data = DemoDataset.copyTo(dir.resolve("demo-data")).getParent();
    try (Project project = factory.get()) {
      new DemoProject(project).build(data, "maria");
      Policies policies = new Policies(project);
      Actor lead = project.users().actor("maria");
      BatchExporter exporter = new BatchExporter(project, policies);

      ExportOutcome before = exporter.export(lead, request("b1", dir.resolve("b1"), Map.of()));
      assertThat(before).isInstanceOf(ExportOutcome.Blocked.class);
      assertThat(((ExportOutcome.Blocked) before).blockers())
          .extracting(ReleaseBlocker::code)
          .contains("unresolved-disputes");

      // Decide every open dispute with the first annotator's label.
      Adjudications adjudications = new Adjudications(project, policies);
      Labels labels = new Labels(project, policies, new ProjectSettings(project));
      List<DisputeRecord> open = adjudications.disputes(lead, DisputeStatus.OPEN);
      assertThat(open).isNotEmpty();
      for (DisputeRecord dispute : open) {
        adjudications.decide(
            lead,
            dispute.id(),
            labels.labelsForClip(lead, dispute.clipId()).get(0).value(),
            ReasonCode.ANNOTATOR_ERROR,
            "first annotator was right");
      }

      ExportOutcome probe = exporter.export(lead, request("b1", dir.resolve("b1"), Map.of()));
      Map<String, String> allowed = new LinkedHashMap<>();
      if (probe instanceof ExportOutcome.Blocked blocked) {
        // The demo contract declares its clips' source (sources: ["synthetic:espeak-ng"]).
        assertThat(blocked.blockers())
            .extracting(ReleaseBlocker::code)
            .doesNotContain(ReleaseBlocker.UnknownSource.CODE);
        for (ReleaseBlocker blocker : blocked.blockers()) {
          allowed.put(blocker.code(), "waived in test: " + blocker.code());
        }
      }
      ExportOutcome outcome = exporter.export(lead, request("b1", dir.resolve("b1"), allowed));
      assertThat(outcome).isInstanceOf(ExportOutcome.Exported.class);
      ExportOutcome.Exported exported = (ExportOutcome.Exported) outcome;

      JsonNode manifest =
          new ObjectMapper().readTree(dir.resolve("b1").resolve(BatchExporter.MANIFEST).toFile());
      assertThat(manifest.path("agreement").path("adjudicated").asInt())
          .isGreaterThanOrEqualTo(open.size() - manifest.path("excluded").size());
      assertThat(manifest.path("manifest_sha256").asText()).isEqualTo(exported.manifestSha256());
      assertThat(BatchVerifier.verify(dir.resolve("b1")).intact()).isTrue();

      Map<String, Object> row =
          project
              .jdbi()
              .withHandle(
                  handle ->
                      handle
                          .createQuery(
                              "SELECT items, overrides_json, manifest_sha256, rubric_version,"
                                  + " (SELECT COUNT(*) FROM batch_items WHERE batch_id = b.id)"
                                  + " AS item_rows FROM batches b WHERE name = 'b1'")
                          .mapToMap()
                          .one());
      assertThat(((Number) row.get("items")).intValue()).isEqualTo(exported.items());
      assertThat(((Number) row.get("item_rows")).intValue()).isEqualTo(exported.items());
      assertThat(row.get("manifest_sha256")).isEqualTo(exported.manifestSha256());
      assertThat(row.get("rubric_version")).isEqualTo("asr-transcript@1");
      JsonNode overrides = new ObjectMapper().readTree((String) row.get("overrides_json"));
      allowed.forEach(
          (code, reason) -> assertThat(overrides.path(code).asText()).isEqualTo(reason));
      assertThat(project.audit().eventsFor("batch", Long.toString(exported.batchId())))
          .extracting(event -> event.action())
          .containsExactly("batch.exported");

      // A second batch names the first as its parent.
      ExportOutcome second = exporter.export(lead, request("b2", dir.resolve("b2"), allowed));
      assertThat(second).isInstanceOf(ExportOutcome.Exported.class);
      JsonNode secondManifest =
          new ObjectMapper().readTree(dir.resolve("b2").resolve(BatchExporter.MANIFEST).toFile());
      assertThat(secondManifest.path("batch").path("parent").path("name").asText()).isEqualTo("b1");

      // The same name with other options is refused: a batch never changes.
      assertThatThrownBy(
              () ->
                  exporter.export(
                      lead,
                      ExportRequest.plain(
                          "b1",
                          dir.resolve("b1-other"),
                          List.of("kaldi"),
                          allowed,
                          Optional.of(PINNED),
                          DataUse.TRAINING,
                          "test")))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("already exists");
      assertThat(dir.resolve("b1-other")).doesNotExist();

      // Only leads export.
      Actor annotator = project.users().actor("ann-bea");
      assertThatThrownBy(
              () -> exporter.export(annotator, request("b3", dir.resolve("b3"), allowed)))
          .isInstanceOf(PermissionDeniedException.class);
    }
  }
}
