package dev.earmark.storage.pack;

/**
 * What {@link AssignmentPacks#importInto} made of an assignment pack. Immutable.
 *
 * @param packId the pack's id, now recorded as imported
 * @param sourceProjectId the id of the project the pack came from, which the new project links to
 * @param lead the source project's lead who exported the pack (a lead of the new project too)
 * @param annotator the annotator who works in the new project
 * @param assignments assignments made
 * @param clips clips stored, with their audio
 * @param drafts draft labels restored
 */
public record AssignmentPackImport(
    String packId,
    String sourceProjectId,
    String lead,
    String annotator,
    int assignments,
    int clips,
    int drafts) {}
