/**
 * The lead's Policy tab: per task type, pick the rubric and rule-set versions; before the change is
 * applied the tab shows the rubric diff, the rule diff ({@code earmark rules diff}) and the
 * policy-diff summary over this project's labels (what {@code earmark policy set} reports), and
 * only Apply calls {@code Policies#setPolicy}, the call the command line makes. The policy history
 * is listed below.
 */
package dev.earmark.app.gui.policy;
