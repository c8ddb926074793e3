/**
 * Audio decoding and validation, peak pyramids, spectrograms, acoustic features and the QE model,
 * shared by the workbench, the command line, import and model training. No JavaFX.
 */
package dev.earmark.audio;
