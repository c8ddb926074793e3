package dev.earmark.storage.policy;

import dev.earmark.engine.version.VersionedId;
import java.time.Instant;

/**
 * A published rubric or rule-set version as stored: its id, content (canonical JSON text) and
 * content hash, and who published it when. Immutable.
 *
 * @param newlyPublished whether this call stored it (false when the same content was already
 *     published under the id, which is accepted and changes nothing)
 */
public record PublishedVersion(
    VersionedId id,
    String contentJson,
    String contentHash,
    Instant publishedAt,
    String publishedBy,
    boolean newlyPublished) {}
