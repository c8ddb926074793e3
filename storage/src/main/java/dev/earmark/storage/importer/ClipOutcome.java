package dev.earmark.storage.importer;

/**
 * Why one manifest line did not become an active clip, or what is worth a second look.
 *
 * @param line the manifest line
 * @param clipId the clip id (null when the line was too broken to have one)
 * @param code a stable code: an audio problem ({@code truncated}, {@code not-audio} ...), an
 *     exclusion ({@code retention-expired} ...), or a warning ({@code duration-mismatch} ...)
 * @param reason one sentence for people
 */
public record ClipOutcome(int line, String clipId, String code, String reason) {}
