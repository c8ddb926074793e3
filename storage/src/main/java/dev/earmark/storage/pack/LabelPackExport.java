package dev.earmark.storage.pack;

import java.nio.file.Path;

/**
 * What {@link LabelPacks#export} wrote. Immutable.
 *
 * @param packId the label pack's id
 * @param file the pack file
 * @param answersPack the assignment pack the labels answer
 * @param sourceProjectId the project the labels go back to
 * @param annotator whose labels they are
 * @param submitted submitted labels in the pack
 * @param drafts draft labels in the pack (flagged as drafts)
 * @param sha256 the pack's {@code pack_sha256}
 */
public record LabelPackExport(
    String packId,
    Path file,
    String answersPack,
    String sourceProjectId,
    String annotator,
    int submitted,
    int drafts,
    String sha256) {}
