package dev.earmark.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code earmark tts report|session}: TTS listening tests (ACR, MUSHRA, A/B preference) over a
 * project; docs/formats/listening-tests.md.
 */
@Command(
    name = "tts",
    mixinStandardHelpOptions = true,
    description = "TTS listening tests: the screened system-level report, and rater sessions.",
    subcommands = {TtsReportCommand.class, TtsSessionCommand.class})
public final class TtsCommand {
  @ParentCommand EarmarkCommand root;
}
