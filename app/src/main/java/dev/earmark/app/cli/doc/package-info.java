/**
 * The generated command-line reference ({@code docs/cli.md}): {@link
 * dev.earmark.app.cli.doc.CliReference} walks the picocli model of {@code earmark} and renders it
 * as Markdown, so the reference cannot drift from the code.
 */
package dev.earmark.app.cli.doc;
