/**
 * The rule editor: a lead edits a draft copy of a published normalization rule set (add, reorder,
 * disable, delete rules and edit their parameters, protected phrases, GLM-style alternations and
 * GLM import), sees a sentence normalized with its trace as they type, sees how many of the
 * project's labels the draft would change, and publishes it as the next immutable version; the
 * label-policy diff between two versions is shown per slice with examples and the causing rule.
 */
package dev.earmark.app.gui.rules;
