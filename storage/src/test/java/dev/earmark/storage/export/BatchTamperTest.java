package dev.earmark.storage.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.earmark.engine.release.DataUse;
import dev.earmark.engine.release.ReleaseBlocker;
import dev.earmark.engine.version.ContentHash;
import dev.earmark.fixtures.DemoDataset;
import dev.earmark.storage.StorageException;
import dev.earmark.storage.adjudicate.Adjudications;
import dev.earmark.storage.adjudicate.DisputeRecord;
import dev.earmark.storage.adjudicate.DisputeStatus;
import dev.earmark.storage.adjudicate.ReasonCode;
import dev.earmark.storage.audit.AuditAnchors;
import dev.earmark.storage.audit.AuditVerification;
import dev.earmark.storage.audit.CarriedAnchor;
import dev.earmark.storage.demo.DemoProject;
import dev.earmark.storage.importer.Checksums;
import dev.earmark.storage.label.Labels;
import dev.earmark.storage.policy.Policies;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.settings.ProjectSettings;
import dev.earmark.storage.user.Actor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batch tamper cases of issue 19: a forger who edits a batch and recomputes every checksum it
 * carries (file hashes, manifest_sha256) is caught by the item checks, and symbolic links are never
 * followed out of the batch.
 */
class BatchTamperTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse(DemoDataset.REFERENCE_DATE + "T10:00:00Z"), ZoneOffset.UTC);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String LABELS = "earmark-jsonl/labels.jsonl";

  @TempDir static Path shared;
  @TempDir Path dir;

  private static Path projectDir;
  private static Path exported;

  @BeforeAll
  static void exportOneBatch() throws Exception {
    Path data = DemoDataset.copyTo(shared.resolve("demo-data")).getParent();
    projectDir = shared.resolve("project");
    exported = shared.resolve("b1");
    try (Project project = Project.openEmbedded(projectDir, true, CLOCK)) {
      new DemoProject(project).build(data, "maria");
      Policies policies = new Policies(project);
      Actor lead = project.users().actor("maria");
      Adjudications adjudications = new Adjudications(project, policies);
      Labels labels = new Labels(project, policies, new ProjectSettings(project));
      for (DisputeRecord dispute : adjudications.disputes(lead, DisputeStatus.OPEN)) {
        adjudications.decide(
            lead,
            dispute.id(),
            labels.labelsForClip(lead, dispute.clipId()).get(0).value(),
            ReasonCode.ANNOTATOR_ERROR,
            "first annotator was right");
      }
      BatchExporter exporter = new BatchExporter(project, policies);
      Map<String, String> allowed = new LinkedHashMap<>();
      ExportOutcome outcome = exporter.export(lead, request(exported, allowed));
      if (outcome instanceof ExportOutcome.Blocked blocked) {
        for (ReleaseBlocker blocker : blocked.blockers()) {
          allowed.put(blocker.code(), "waived in test");
        }
        outcome = exporter.export(lead, request(exported, allowed));
      }
      assertThat(outcome).isInstanceOf(ExportOutcome.Exported.class);
    }
  }

  private static ExportRequest request(Path out, Map<String, String> allowed) {
    return new ExportRequest(
        "b1",
        out,
        List.of("earmark-jsonl"),
        allowed,
        Optional.of(Instant.parse(DemoDataset.REFERENCE_DATE + "T12:00:00Z")),
        DataUse.TRAINING,
        "test",
        true,
        false,
        List.of());
  }

  private Path copy() throws Exception {
    Path target = dir.resolve("b1");
    try (Stream<Path> walk = Files.walk(exported)) {
      for (Path from : walk.toList()) {
        Path to = target.resolve(exported.relativize(from).toString());
        if (Files.isDirectory(from)) {
          Files.createDirectories(to);
        } else {
          Files.copy(from, to);
        }
      }
    }
    return target;
  }

  /** Edits the manifest and recomputes manifest_sha256 (and the hashes of files that changed). */
  private static void resign(Path batch, Consumer<ObjectNode> edit) throws Exception {
    Path file = batch.resolve(BatchExporter.MANIFEST);
    ObjectNode manifest = (ObjectNode) JSON.readTree(file.toFile());
    edit.accept(manifest);
    ObjectNode files = (ObjectNode) manifest.get("files");
    List<String> names = new ArrayList<>();
    files.fieldNames().forEachRemaining(names::add);
    for (String name : names) {
      Path listed = batch.resolve(name);
      if (Files.isRegularFile(listed) && !Files.isSymbolicLink(listed)) {
        files.put(name, Checksums.sha256(listed));
      }
    }
    manifest.remove("manifest_sha256");
    manifest.put("manifest_sha256", ContentHash.of(manifest));
    Files.writeString(file, JSON.writeValueAsString(manifest));
  }

  private static ObjectNode firstItem(ObjectNode manifest) {
    return (ObjectNode) manifest.get("items").get(0);
  }

  private static List<String> problems(BatchVerification result) {
    return result.problems().stream()
        .map(p -> p.kind() + " " + p.subject() + ": " + p.detail())
        .toList();
  }

  @Test
  void anUntouchedBatchVerifiesAndCarriesTheAuditAnchorAndEachFinalLabel() throws Exception {
    Path batch = copy();
    assertThat(problems(BatchVerifier.verify(batch))).isEmpty();
    JsonNode manifest = JSON.readTree(batch.resolve(BatchExporter.MANIFEST).toFile());
    assertThat(AuditAnchors.fromJson(manifest.path("batch").get("audit_anchor"), "batch b1"))
        .hasValueSatisfying(anchor -> assertThat(anchor.seq()).isPositive());
    assertThat(firstItem((ObjectNode) manifest).path("label").path("fields").has("transcript"))
        .isTrue();
    try (Project project = Project.openEmbedded(projectDir, false, CLOCK)) {
      assertThat(problems(BatchVerifier.verify(batch, project))).isEmpty();
      assertThat(CarriedAnchor.read(batch, project.projectId()))
          .isEqualTo(
              AuditAnchors.fromJson(manifest.path("batch").get("audit_anchor"), "batch b1")
                  .orElseThrow());
      assertThat(project.audit().verify(List.of(CarriedAnchor.read(batch, project.projectId()))))
          .isInstanceOf(AuditVerification.Intact.class);
      assertThatThrownBy(() -> CarriedAnchor.read(batch, "another-project"))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("carries the audit anchor of project " + project.projectId());
      assertThat(project.anchors().orElseThrow().read())
          .extracting(a -> a.source())
          .contains("batch b1");
    }
  }

  @Test
  void aTranscriptEditedEverywhereWithEveryHashRecomputedIsNamed() throws Exception {
    Path batch = copy();
    JsonNode manifest = JSON.readTree(batch.resolve(BatchExporter.MANIFEST).toFile());
    String clip = manifest.get("items").get(0).path("clip_id").asText();
    String original = manifest.get("items").get(0).path("transcript").asText();
    Path labels = batch.resolve(LABELS);
    List<String> lines = new ArrayList<>();
    for (String line : Files.readAllLines(labels)) {
      ObjectNode node = (ObjectNode) JSON.readTree(line);
      if (node.path("id").asText().equals(clip)) {
        node.put("text", "forged words");
      }
      lines.add(JSON.writeValueAsString(node));
    }
    Files.write(labels, lines, StandardCharsets.UTF_8);
    resign(batch, m -> firstItem(m).put("transcript", "forged words"));

    assertThat(problems(BatchVerifier.verify(batch)))
        .containsExactly(
            "manifest-field items."
                + clip
                + ".transcript: clip "
                + clip
                + " has transcript \"forged words\" but its label says \""
                + original
                + "\".");
  }

  @Test
  void aLabelHashThatMatchesNoLabelIsNamed() throws Exception {
    Path batch = copy();
    String forged = ContentHash.ofText("forged");
    resign(batch, m -> firstItem(m).put("label_sha256", forged));
    String clip =
        JSON.readTree(batch.resolve(BatchExporter.MANIFEST).toFile())
            .get("items")
            .get(0)
            .path("clip_id")
            .asText();
    assertThat(problems(BatchVerifier.verify(batch)))
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("manifest-field items." + clip + ".label_sha256: clip " + clip)
                    .contains("has label_sha256 " + forged + " but its label hashes to"));
  }

  @Test
  void aLineRemovedFromLabelsJsonlAndAnExtraAudioFileAreNamed() throws Exception {
    Path batch = copy();
    Path labels = batch.resolve(LABELS);
    List<String> lines = new ArrayList<>(Files.readAllLines(labels));
    String removed = JSON.readTree(lines.remove(0)).path("id").asText();
    Files.write(labels, lines, StandardCharsets.UTF_8);
    Files.writeString(batch.resolve("audio/smuggled.wav"), "not from any item");
    resign(batch, m -> ((ObjectNode) m.get("files")).put("audio/smuggled.wav", "sha256:0"));

    assertThat(problems(BatchVerifier.verify(batch)))
        .containsExactlyInAnyOrder(
            "missing-item "
                + LABELS
                + ": "
                + LABELS
                + " has no line for clip "
                + removed
                + ", which the manifest lists.",
            "extra-file audio/smuggled.wav: audio/smuggled.wav is listed in files but belongs to"
                + " no item.");
  }

  @Test
  void symbolicLinksAreRefusedAndNeverFollowedOutOfTheBatch() throws Exception {
    Path batch = copy();
    // An audio file replaced by a link to an identical copy outside the batch: same hash.
    Path audio;
    try (Stream<Path> files = Files.list(batch.resolve("audio"))) {
      audio = files.sorted().findFirst().orElseThrow();
    }
    Path outside = dir.resolve("outside.wav");
    Files.move(audio, outside);
    Files.createSymbolicLink(audio, outside);
    // An unlisted link to a secret outside the batch.
    Files.writeString(dir.resolve("secret.txt"), "root:x:0:0");
    Files.createSymbolicLink(batch.resolve("earmark-jsonl/secret.txt"), dir.resolve("secret.txt"));
    String relative = "audio/" + audio.getFileName();

    assertThat(problems(BatchVerifier.verify(batch)))
        .containsExactlyInAnyOrder(
            "symlink "
                + relative
                + ": "
                + relative
                + " is a symbolic link; it was not followed (a batch holds its own files).",
            "symlink earmark-jsonl/secret.txt: earmark-jsonl/secret.txt is a symbolic link; it was"
                + " not followed (a batch holds its own files).");
  }

  @Test
  void aManifestRewrittenWithItsHashRecomputedFailsAgainstTheProjectsRecord() throws Exception {
    Path batch = copy();
    resign(batch, m -> ((ObjectNode) m.get("batch")).put("created_by", "someone-else"));
    assertThat(BatchVerifier.verify(batch).intact()).isTrue();
    Files.writeString(
        batch.resolve(BatchExporter.MANIFEST),
        Files.readString(batch.resolve(BatchExporter.MANIFEST)).replace("someone-else", "x"));
    assertThatThrownBy(() -> CarriedAnchor.read(batch, "any"))
        .isInstanceOf(StorageException.class)
        .hasMessageEndingWith("was altered: its manifest does not match its manifest_sha256.");
    resign(batch, m -> ((ObjectNode) m.get("batch")).put("created_by", "someone-else"));
    try (Project project = Project.openEmbedded(projectDir, false, CLOCK)) {
      String recorded =
          project
              .jdbi()
              .withHandle(
                  h ->
                      h.createQuery("SELECT manifest_sha256 FROM batches WHERE name = 'b1'")
                          .mapTo(String.class)
                          .one());
      String carried =
          JSON.readTree(batch.resolve(BatchExporter.MANIFEST).toFile())
              .path("manifest_sha256")
              .asText();
      assertThat(problems(BatchVerifier.verify(batch, project)))
          .containsExactly(
              "manifest-differs manifest_sha256: the manifest's hash is "
                  + carried
                  + " but the project recorded "
                  + recorded
                  + " when it exported batch b1: the manifest was rewritten.");
    }
  }
}
