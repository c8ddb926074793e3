/**
 * Offline packs (PRODUCT.md §3.4): an <em>assignment pack</em> carries one annotator's open
 * assignments, their clips' audio and metadata, the published policy and their drafts out of a
 * project ({@link dev.earmark.storage.pack.AssignmentPacks}); importing it into an empty project on
 * a machine with no network makes a working project linked to the source; its <em>label pack</em>
 * carries the annotator's labels back ({@link dev.earmark.storage.pack.LabelPacks}), and importing
 * that merges them without overwriting anyone's work. Both kinds are one zip file with a {@code
 * pack.json} manifest listing the SHA-256 of every entry and a checksum over the manifest itself
 * ({@link dev.earmark.storage.pack.PackFile}); a tampered pack, one from another project, or one
 * already imported is refused with a {@link dev.earmark.storage.pack.PackRefusedException}. The
 * format is documented in docs/formats/packs.md.
 */
package dev.earmark.storage.pack;
