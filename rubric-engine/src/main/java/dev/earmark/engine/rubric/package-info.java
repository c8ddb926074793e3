/**
 * Rubrics: versioned, immutable definitions of what a label for one task type contains (fields,
 * scales with anchored descriptions, options, tags, conventions), their JSON format (see {@code
 * docs/formats/rubric.md}), the built-in version 1 of each task type, validation of label values
 * against the exact rubric version they were made under, and the diff between two versions.
 *
 * <p>Entry points: {@link dev.earmark.engine.rubric.RubricCatalog} (built-ins and published
 * versions), {@link dev.earmark.engine.rubric.RubricJson} (reading and writing the format), {@link
 * dev.earmark.engine.rubric.Rubric#validate(LabelValue)} and {@link
 * dev.earmark.engine.rubric.RubricDiff#between(Rubric, Rubric)}.
 */
package dev.earmark.engine.rubric;
