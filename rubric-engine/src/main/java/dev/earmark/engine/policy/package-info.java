/**
 * Label policies (a rubric version paired with a normalization rule-set version) and the
 * label-policy diff: what changes in normalized text, WER and dispute status when a project moves
 * from one policy to another, per item and per slice, with the rule that caused each change. It
 * answers the release-review question "how many labels changed because the policy changed, not the
 * model".
 */
package dev.earmark.engine.policy;
