/**
 * The workbench shell: the window's frame around the screens. It opens a project for the acting
 * user, shows one navigation button per screen the user's roles may use (labeling, adjudication,
 * proposals, agreement, rules…), routes the keys to the screen on show, owns the light/dark theme,
 * and switches project or acting user. Project-level flows (welcome screen, import wizard) live in
 * {@code dev.earmark.app.gui.project}; {@link dev.earmark.app.gui.shell.StartupProbe} measures the
 * cold start for the benchmarks. Screens plug in through {@link
 * dev.earmark.app.gui.screen.ScreenFactory} and are listed once, in {@link
 * dev.earmark.app.gui.Screens}.
 */
package dev.earmark.app.gui.shell;
