/**
 * Offline packs in the workbench (docs/formats/packs.md): the lead's Packs screen exports an
 * annotator's assignment pack and imports label packs; an annotator opens an assignment pack into a
 * new working project ({@code Project › Open assignment pack…}) and exports their labels ({@code
 * Project › Export my labels…}). Every step is storage's {@code AssignmentPacks} / {@code
 * LabelPacks}, as {@code earmark pack export|import|export-labels} call them.
 */
package dev.earmark.app.gui.packs;
