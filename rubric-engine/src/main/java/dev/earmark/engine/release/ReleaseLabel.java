package dev.earmark.engine.release;

import dev.earmark.engine.version.VersionedId;

/**
 * A final label of a batch as the release check sees it: which clip, and which rubric version it
 * was made under. Immutable.
 */
public record ReleaseLabel(String clipId, VersionedId rubric) {}
