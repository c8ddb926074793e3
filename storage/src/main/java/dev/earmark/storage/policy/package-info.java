/**
 * Published rubric and normalization rule-set versions (immutable once published) and the label
 * policy, the pair of them a project labels under, with the history of policy changes.
 */
package dev.earmark.storage.policy;
