package dev.earmark.app;

import dev.earmark.app.cli.EarmarkCommand;

/**
 * The one launcher. With no subcommand it opens the workbench; with a subcommand it runs headless
 * and never touches the JavaFX toolkit. Deliberately not a {@code javafx.application.Application}
 * so that it can run from a plain class path (see STACK.md on {@code javafx:run}).
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(EarmarkCommand.run(args, System.out, System.err));
  }
}
