/**
 * QE in a project: the models stored in it ({@link dev.earmark.storage.qe.QeHints}, whose newest
 * model that passed its gate is the project's current model), training on the project's own final
 * labels ({@link dev.earmark.storage.qe.QeProjectTraining}), the per-clip hints predicted after an
 * import or on demand ({@link dev.earmark.storage.qe.QeInference}) and the drift check of each
 * import against the model's training data ({@link dev.earmark.storage.qe.QeDrift}). Hints are
 * hidden from annotators unless the lead enables {@code qe_hints_visible_to_annotators}: the rule
 * is enforced here, in data access, not only in the UI.
 */
package dev.earmark.storage.qe;
