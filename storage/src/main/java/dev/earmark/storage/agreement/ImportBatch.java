package dev.earmark.storage.agreement;

import java.time.Instant;

/**
 * One import run of the project: the unit a trend across batches is drawn over. Immutable.
 *
 * @param id the import run's id
 * @param manifestName the manifest's file name (without its folder)
 * @param startedAt when the import started
 */
public record ImportBatch(long id, String manifestName, Instant startedAt) {}
