/**
 * Interchange formats of an export: pure writers that turn final transcript labels ({@link
 * dev.earmark.storage.export.format.ExportClip}) into the files other tools read (Earmark JSONL,
 * NeMo manifest, Hugging Face audiofolder metadata, Kaldi data directory, NIST STM and CTM, Praat
 * TextGrid, ELAN EAF), and the reader of Label Studio JSON exports so teams can migrate in.
 *
 * <p>No database access lives here: callers (the batch export) hand in records and an output
 * directory. Every writer is deterministic (clips sorted by id, numbers formatted with {@link
 * java.util.Locale#ROOT}, UTF-8, {@code '\n'} line ends) so a batch is byte-reproducible. The
 * formats, their id rules and what each loses are documented in docs/formats/interchange.md.
 */
package dev.earmark.storage.export.format;
