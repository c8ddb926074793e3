package dev.earmark.app.cli;

import picocli.CommandLine.Command;

/** {@code earmark pack export|import|export-labels}: the offline round trip of PRODUCT.md §3.4. */
@Command(
    name = "pack",
    mixinStandardHelpOptions = true,
    description = {
      "Offline packs: take an annotator's assignments offline and bring their labels back.",
      "The lead exports an annotator's assignments as one file, the annotator",
      "imports it into a new project on a machine with no network, labels, and exports their",
      "labels as a label pack, which the lead imports. Packs are checksummed; a tampered pack,",
      "one from another project, or one already imported is refused (exit 1) with the reason."
    },
    subcommands = {PackExportCommand.class, PackImportCommand.class, PackExportLabelsCommand.class})
public final class PackCommand {}
