package dev.earmark.storage.pack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.earmark.storage.StoredTime;
import dev.earmark.storage.audit.AuditAction;
import dev.earmark.storage.audit.AuditLog;
import dev.earmark.storage.pack.PackFile.OpenedPack;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.user.Actor;
import java.time.Instant;
import org.jdbi.v3.core.Handle;

/**
 * The one path by which a pack, of either kind, is written down when it leaves or enters a project:
 * its row in the {@code packs} table and its {@code pack.export} or {@code pack.import} audit
 * event, in the caller's transaction. Every event names the pack's kind, file and SHA-256; each
 * kind adds its own counts. Stateless.
 */
final class PackLedger {
  private PackLedger() {}

  /**
   * Records that pack {@code packId} was written to {@code file}.
   *
   * @param detail the kind's own members of the audit event (annotator, counts)
   */
  static void exported(
      Project project,
      Handle handle,
      Actor by,
      Instant at,
      String packId,
      PackKind kind,
      String annotator,
      String sourceProjectId,
      String file,
      String sha256,
      int items,
      ObjectNode detail) {
    record(handle, packId, kind, "exported", annotator, sourceProjectId, sha256, items, by, at);
    project
        .audit()
        .append(
            handle, by, AuditAction.PACK_EXPORT.created(packId, event(kind, file, sha256, detail)));
  }

  /**
   * Records, in a transaction of its own and as of now, that the opened {@code pack} was imported
   * here.
   *
   * @param items the assignments or labels it brought in
   * @param detail the kind's own members of the audit event (annotator, counts)
   */
  static void imported(
      Project project, Actor by, OpenedPack pack, String annotator, int items, ObjectNode detail) {
    Instant at = StoredTime.now(project.clock()).toInstant();
    project
        .jdbi()
        .useTransaction(
            handle -> {
              record(
                  handle,
                  pack.packId(),
                  pack.kind(),
                  "imported",
                  annotator,
                  pack.projectId(),
                  pack.sha256(),
                  items,
                  by,
                  at);
              project
                  .audit()
                  .append(
                      handle,
                      by,
                      AuditAction.PACK_IMPORT.created(
                          pack.packId(),
                          event(pack.kind(), pack.file().toString(), pack.sha256(), detail)));
            });
  }

  /** The members every pack event has, then the kind's own. */
  private static ObjectNode event(PackKind kind, String file, String sha256, ObjectNode detail) {
    ObjectNode after =
        AuditLog.json()
            .createObjectNode()
            .put("kind", kind.code())
            .put("file", file)
            .put("pack_sha256", sha256);
    after.setAll(detail);
    return after;
  }

  private static void record(
      Handle handle,
      String packId,
      PackKind kind,
      String direction,
      String annotator,
      String sourceProjectId,
      String sha256,
      int items,
      Actor by,
      Instant at) {
    handle
        .createUpdate(
            "INSERT INTO packs (id, kind, direction, annotator_id, source_project_id, sha256,"
                + " items, recorded_at, recorded_by) VALUES (:id, :kind, :direction, :annotator,"
                + " :source, :sha, :items, :at, :by)")
        .bind("id", packId)
        .bind("kind", kind.code())
        .bind("direction", direction)
        .bind("annotator", annotator)
        .bind("source", sourceProjectId)
        .bind("sha", sha256)
        .bind("items", items)
        .bind("at", StoredTime.of(at))
        .bind("by", by.userId())
        .execute();
  }
}
