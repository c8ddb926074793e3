/**
 * Project-level flows of the workbench: the welcome screen (the demo project, opening a project
 * from disk or the recent list, creating one), and the import wizard (manifest, dataset contract
 * form, import with progress and cancel, the import report as a table). View-models here are plain
 * classes with JavaFX properties, tested without a window; the views only bind to them.
 */
package dev.earmark.app.gui.project;
