/**
 * QE models stored in the project and the per-clip hints they predict. Hints are hidden from
 * annotators unless the lead enables {@code qe_hints_visible_to_annotators}: the rule is enforced
 * here, in data access, not only in the UI.
 */
package dev.earmark.storage.qe;
