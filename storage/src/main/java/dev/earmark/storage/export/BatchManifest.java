package dev.earmark.storage.export;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.earmark.engine.version.VersionedId;
import dev.earmark.storage.StorageException;
import dev.earmark.storage.audit.AuditAnchor;
import dev.earmark.storage.audit.AuditAnchors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * The lineage head of a batch's {@code manifest.json} (docs/formats/batch-manifest.md): which
 * batch, made when, by whom, from which parent, under which label policy. {@link BatchExporter}
 * writes it and {@link ExportedBatch} reads it back through this one codec, so the two cannot
 * disagree on a member's name. The codec also owns how a manifest is laid out on disk. Immutable.
 *
 * @param batch the {@code batch} member
 * @param policy the {@code policy} member; empty ({@code null} in the manifest) for a batch of
 *     listening tests only exported from a project without an asr-transcript policy
 */
record BatchManifest(Batch batch, Optional<Policy> policy) {
  /** The manifest's file name inside a batch directory. */
  static final String FILE_NAME = "manifest.json";

  /** The {@code format} member of every manifest. */
  static final String FORMAT = "earmark-batch-manifest/1";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectWriter WRITER;

  static {
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    DefaultPrettyPrinter printer =
        new DefaultPrettyPrinter().withObjectIndenter(indenter).withArrayIndenter(indenter);
    WRITER = JSON.writer(printer);
  }

  /**
   * The {@code batch} member.
   *
   * @param anchor the audit head anchored outside the database when the batch was first exported
   *     (absent in batches from before anchors)
   * @param parent the batch exported before this one, if any
   */
  record Batch(
      String name,
      String projectId,
      Instant createdAt,
      String createdBy,
      String appVersion,
      String use,
      Optional<AuditAnchor> anchor,
      Optional<Parent> parent) {}

  /** The previous batch, by name and by the SHA-256 of its manifest. */
  record Parent(String name, String manifestSha256) {}

  /** A published rubric or rule-set version with its content hash. */
  record Pinned(VersionedId id, String contentHash) {}

  /** The {@code policy} member: the task type, its rubric version and rule-set version. */
  record Policy(String taskType, Pinned rubric, Optional<Pinned> ruleSet) {
    /**
     * The policy written {@code rubric-id+rule-set-id} (just the rubric id without a rule set), as
     * the engine's batch items name it.
     */
    String labelPolicy() {
      return rubric.id() + ruleSet.map(set -> "+" + set.id()).orElse("");
    }
  }

  /** A new manifest holding {@code format}, {@code batch} and {@code policy}, in that order. */
  ObjectNode start() {
    ObjectNode manifest = JSON.createObjectNode();
    manifest.put("format", FORMAT);
    ObjectNode node = manifest.putObject("batch");
    node.put("name", batch.name());
    node.put("project_id", batch.projectId());
    node.put("created_at", batch.createdAt().toString());
    node.put("created_by", batch.createdBy());
    node.put("app_version", batch.appVersion());
    node.put("use", batch.use());
    batch.anchor().ifPresent(a -> node.set("audit_anchor", AuditAnchors.toJson(a)));
    if (batch.parent().isPresent()) {
      ObjectNode parentNode = node.putObject("parent");
      parentNode.put("name", batch.parent().get().name());
      parentNode.put("manifest_sha256", batch.parent().get().manifestSha256());
    } else {
      node.putNull("parent");
    }
    if (policy.isEmpty()) {
      manifest.putNull("policy");
      return manifest;
    }
    ObjectNode policyNode = manifest.putObject("policy");
    policyNode.put("task_type", policy.get().taskType());
    pin(policyNode.putObject("rubric"), policy.get().rubric());
    if (policy.get().ruleSet().isPresent()) {
      pin(policyNode.putObject("rule_set"), policy.get().ruleSet().get());
    } else {
      policyNode.putNull("rule_set");
    }
    return manifest;
  }

  /** Reads the head of {@code manifest} (as {@link #start()} writes it). */
  static BatchManifest of(JsonNode manifest) {
    JsonNode node = manifest.path("batch");
    String name = node.path("name").asText();
    JsonNode parent = node.path("parent");
    Batch batch =
        new Batch(
            name,
            node.path("project_id").asText(),
            Instant.parse(node.path("created_at").asText()),
            node.path("created_by").asText(),
            node.path("app_version").asText(),
            node.path("use").asText(),
            AuditAnchors.fromJson(node.get("audit_anchor"), "batch " + name),
            parent.isObject()
                ? Optional.of(
                    new Parent(
                        parent.path("name").asText(), parent.path("manifest_sha256").asText()))
                : Optional.empty());
    JsonNode policyNode = manifest.path("policy");
    if (!policyNode.isObject()) {
      return new BatchManifest(batch, Optional.empty());
    }
    JsonNode ruleSet = policyNode.path("rule_set");
    Policy policy =
        new Policy(
            policyNode.path("task_type").asText(),
            pinned(policyNode.path("rubric")),
            ruleSet.isObject() ? Optional.of(pinned(ruleSet)) : Optional.empty());
    return new BatchManifest(batch, Optional.of(policy));
  }

  /** The manifest in {@code file}. */
  static JsonNode read(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new StorageException(file + " cannot be read: " + e.getMessage(), e);
    }
  }

  /** How a manifest is written: indented with two spaces and {@code \n} on every platform. */
  static byte[] bytes(JsonNode manifest) {
    try {
      String text = WRITER.writeValueAsString(manifest) + "\n";
      return text.getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void pin(ObjectNode node, Pinned pinned) {
    node.put("id", pinned.id().toString());
    node.put("content_hash", pinned.contentHash());
  }

  private static Pinned pinned(JsonNode node) {
    return new Pinned(
        VersionedId.parse(node.path("id").asText()), node.path("content_hash").asText());
  }
}
