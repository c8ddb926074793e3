/**
 * Audited batch export and its verification (PRODUCT.md §3.4, §3.8): {@link
 * dev.earmark.storage.export.BatchExporter} picks the final label of every labelled active clip,
 * runs the release check, writes the chosen interchange formats (from {@code export.format}) and a
 * {@code manifest.json} with full lineage into a temporary directory and renames it into place;
 * {@link dev.earmark.storage.export.BatchVerifier} re-checks such a directory anywhere, without the
 * project. The manifest is documented in docs/formats/batch-manifest.md. {@link
 * dev.earmark.storage.export.FinalLabels} exposes the exporter's settlement of final labels to
 * other features (QE training) so they cannot disagree with an export.
 */
package dev.earmark.storage.export;
