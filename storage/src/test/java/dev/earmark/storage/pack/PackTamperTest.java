package dev.earmark.storage.pack;

import static dev.earmark.storage.LabelingFixture.ANN_1;
import static dev.earmark.storage.LabelingFixture.ASR;
import static dev.earmark.storage.LabelingFixture.LEAD;
import static dev.earmark.storage.LabelingFixture.transcript;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.earmark.engine.version.ContentHash;
import dev.earmark.storage.Databases;
import dev.earmark.storage.LabelingFixture;
import dev.earmark.storage.audit.AuditAnchors;
import dev.earmark.storage.audit.AuditReplay;
import dev.earmark.storage.audit.AuditVerification;
import dev.earmark.storage.audit.CarriedAnchor;
import dev.earmark.storage.pack.PackRefusedException.Reason;
import dev.earmark.storage.project.Project;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Packs carry the audit head of the project that made them, and a label pack whose label value no
 * longer matches its {@code value_sha256} is refused naming the label, even when every checksum of
 * the container was recomputed.
 */
class PackTamperTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  static List<Named<Supplier<Project>>> databases() {
    return Databases.fresh(CLOCK);
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aLabelWhoseValueNoLongerMatchesItsHashRefusesTheWholePack(Supplier<Project> factory)
      throws Exception {
    Path assignmentPack = dir.resolve("a.zip");
    Path labelPack = dir.resolve("l.zip");
    try (LabelingFixture lead = LabelingFixture.create(factory.get(), dir.resolve("lead"), 2)) {
      for (String key : List.of("clip-0001", "clip-0002")) {
        lead.assignments().assignExplicit(LEAD, ASR, lead.clipId(key), ANN_1.userId(), false);
      }
      new AssignmentPacks(lead.project(), lead.policies())
          .export(LEAD, "ann-1", assignmentPack, "test");
      JsonNode assignmentHeader = JSON.readTree(entry(assignmentPack, PackFile.MANIFEST));
      assertThat(AuditAnchors.fromJson(assignmentHeader.get("audit_anchor"), "pack"))
          .hasValueSatisfying(a -> assertThat(a.seq()).isPositive());
      assertThat(assignmentHeader.path("audit_anchor").path("project_id").asText())
          .isEqualTo(lead.project().projectId());
      assertThat(
              lead.project()
                  .audit()
                  .verify(List.of(CarriedAnchor.read(assignmentPack, lead.project().projectId()))))
          .isInstanceOf(AuditVerification.Intact.class);
      // An embedded project also keeps the anchor beside its database.
      lead.project().anchors().ifPresent(file -> assertThat(file.read()).hasSize(1));

      try (LabelingFixture work =
          LabelingFixture.over(Project.openEmbedded(dir.resolve("work"), true, CLOCK))) {
        new AssignmentPacks(work.project(), work.policies())
            .importInto(assignmentPack, dir.resolve("audio"));
        work.labels().submit(ANN_1, work.assignmentId("ann-1", "clip-0001"), transcript("one"), 0);
        work.labels().submit(ANN_1, work.assignmentId("ann-1", "clip-0002"), transcript("two"), 0);
        new LabelPacks(work.project(), work.policies()).export(ANN_1, labelPack, "test");
        // A working project made from a pack replays to its tables like any other.
        assertThat(new AuditReplay(work.project().jdbi()).compare()).isEmpty();
      }
      Path forged = dir.resolve("forged.zip");
      reforge(
          labelPack,
          forged,
          labels -> {
            for (JsonNode label : labels) {
              if (label.path("clip_id").asText().equals("clip-0002")) {
                ((ObjectNode) label.path("value").path("fields")).put("transcript", "forged");
              }
            }
          });
      LabelPacks packs = new LabelPacks(lead.project(), lead.policies());
      assertThatThrownBy(() -> packs.importInto(LEAD, forged))
          .isInstanceOfSatisfying(
              PackRefusedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TAMPERED))
          .hasMessageContaining("the label of clip-0002 under asr-transcript@1 has value_sha256");
      assertThat(lead.labels().open(LEAD, lead.assignmentId("ann-1", "clip-0001")).label())
          .isEmpty();
      // The genuine pack still imports.
      assertThat(packs.importInto(LEAD, labelPack).merges()).hasSize(2);
      assertThat(new AuditReplay(lead.project().jdbi()).compare()).isEmpty();
    }
  }

  private static String entry(Path zip, String name) throws Exception {
    try (ZipFile file = new ZipFile(zip.toFile());
        InputStream in = file.getInputStream(file.getEntry(name))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Edits labels.json and recomputes its entry checksum and pack_sha256, as a forger would. */
  private static void reforge(Path from, Path to, java.util.function.Consumer<ArrayNode> edit)
      throws Exception {
    ArrayNode labels = (ArrayNode) JSON.readTree(entry(from, LabelPacks.LABELS));
    edit.accept(labels);
    byte[] labelBytes = JSON.writeValueAsBytes(labels);
    ObjectNode manifest = (ObjectNode) JSON.readTree(entry(from, PackFile.MANIFEST));
    ((ObjectNode) manifest.get("entries"))
        .put(
            LabelPacks.LABELS,
            "sha256:"
                + HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(labelBytes)));
    manifest.remove("pack_sha256");
    manifest.put("pack_sha256", ContentHash.of(manifest));
    byte[] manifestBytes = JSON.writeValueAsBytes(manifest);
    PackRoundTripTest.rewrite(
        from,
        to,
        name ->
            name.equals(LabelPacks.LABELS)
                ? labelBytes
                : name.equals(PackFile.MANIFEST) ? manifestBytes : null);
  }
}
