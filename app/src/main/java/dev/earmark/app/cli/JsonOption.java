package dev.earmark.app.cli;

import picocli.CommandLine.Option;

/** The {@code --json} switch every subcommand accepts; mixed into each subcommand. */
public final class JsonOption {
  @Option(names = "--json", description = "Print machine-readable JSON on stdout.")
  boolean json;

  public boolean enabled() {
    return json;
  }
}
