package dev.earmark.storage.qe;

import java.util.Optional;

/**
 * One entry of a project's drift history: a stored drift check and the import it checked (which
 * dataset, which manifest), so a lead can read which import moved which feature. Immutable.
 *
 * @param drift the check as stored
 * @param datasetId the imported dataset; empty for a check not tied to an import
 * @param manifestPath the manifest the import read, as given to it; empty likewise
 */
public record ImportDrift(
    QeDrift drift, Optional<String> datasetId, Optional<String> manifestPath) {}
