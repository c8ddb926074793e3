/** The {@code earmark} command line: one picocli command per subcommand, headless. */
package dev.earmark.app.cli;
