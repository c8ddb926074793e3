package dev.earmark.storage.pack;

import java.nio.file.Path;

/**
 * What {@link AssignmentPacks#export} wrote. Immutable.
 *
 * @param packId the new pack's id, recorded in the project's {@code packs} table
 * @param file the pack file
 * @param annotator whose assignments it carries
 * @param assignments open assignments in the pack
 * @param clips distinct clips (and audio files) in the pack
 * @param drafts draft labels in the pack
 * @param sha256 the pack's {@code pack_sha256}
 */
public record AssignmentPackExport(
    String packId,
    Path file,
    String annotator,
    int assignments,
    int clips,
    int drafts,
    String sha256) {}
