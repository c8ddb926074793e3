package dev.earmark.app.cli;

import picocli.CommandLine.Command;

/** {@code earmark labels import}: labels made outside Earmark. */
@Command(
    name = "labels",
    mixinStandardHelpOptions = true,
    description = {"Labels made outside Earmark (a vendor, another tool)."},
    subcommands = {LabelsImportCommand.class})
public final class LabelsCommand {}
