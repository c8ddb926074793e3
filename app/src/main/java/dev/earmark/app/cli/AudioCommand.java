package dev.earmark.app.cli;

import picocli.CommandLine.Command;

/** {@code earmark audio info|peaks}: look at one audio file without opening a project. */
@Command(
    name = "audio",
    mixinStandardHelpOptions = true,
    description = "Inspect audio files: format and validity, waveform peaks.",
    subcommands = {AudioInfoCommand.class, AudioPeaksCommand.class})
public final class AudioCommand {}
