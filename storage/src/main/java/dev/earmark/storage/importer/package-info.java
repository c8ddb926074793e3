/**
 * Import of manifests (JSONL, a superset of the NeMo manifest, or CSV) under a dataset contract:
 * per-line errors with line numbers, validation and checksums of every clip, quarantine and
 * exclusion with reasons, idempotent and resumable.
 */
package dev.earmark.storage.importer;
