/**
 * Reading other tools' files into an import: Label Studio exports (JSON and JSON-MIN), Praat
 * TextGrids and ELAN EAF documents become {@link dev.earmark.storage.importer.ManifestLine}s, one
 * per task or file, so they go through the one import path ({@link
 * dev.earmark.storage.importer.Importer}) with its contract checks, audio validation, report and
 * audit. Formats and mappings: docs/formats/interchange.md.
 */
package dev.earmark.storage.importer.interchange;
