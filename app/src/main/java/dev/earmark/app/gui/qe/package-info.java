/**
 * The QE hint as the workbench shows it: {@link dev.earmark.app.gui.qe.QeHintReader} reads a clip's
 * newest hint through storage's role-checked {@code QeHints} together with the model's calibration
 * bin for that prediction, and {@link dev.earmark.app.gui.qe.QeHintPanel} is the small reusable
 * node that shows it (predicted WER, "review recommended", what such predictions meant in observed
 * WER, the features that moved it most), or says there is none.
 */
package dev.earmark.app.gui.qe;
