package dev.earmark.engine.rubric;

import dev.earmark.engine.version.VersionedId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What changed between two rubric versions: rubric-level aspects (title, listening requirement,
 * conventions, …) and, per field, whether it was added, removed or changed and in which aspects
 * (type, definition, scale range, each anchor, each option, each event tag, …). Render it with
 * {@link RubricDiffRenderer}. Immutable.
 *
 * @param rubricChanges changed rubric-level aspects
 * @param fieldChanges one entry per added, removed or changed field, in field order (old fields
 *     first, then fields new in {@code to})
 */
public record RubricDiff(
    VersionedId from,
    String fromHash,
    VersionedId to,
    String toHash,
    List<AspectChange> rubricChanges,
    List<FieldChange> fieldChanges) {
  public RubricDiff {
    rubricChanges = List.copyOf(rubricChanges);
    fieldChanges = List.copyOf(fieldChanges);
  }

  /**
   * One aspect whose value differs; {@code before} is null when the aspect is new, {@code after}
   * null when it was removed.
   */
  public record AspectChange(String aspect, String before, String after) {}

  /** The closed set of things that can happen to a field between two versions. */
  public sealed interface FieldChange {
    /** The field's name. */
    String field();
  }

  /** A field only {@code to} has. */
  public record FieldAdded(String field, String type, String definition) implements FieldChange {}

  /** A field only {@code from} has; labels under {@code to} no longer answer it. */
  public record FieldRemoved(String field, String type, String definition) implements FieldChange {}

  /** A field both have, with the aspects that differ. */
  public record FieldChanged(String field, List<AspectChange> changes) implements FieldChange {
    public FieldChanged {
      changes = List.copyOf(changes);
    }
  }

  /** The difference going from {@code from} to {@code to}. */
  public static RubricDiff between(Rubric from, Rubric to) {
    List<AspectChange> rubricChanges = compare(rubricAspects(from), rubricAspects(to));
    List<FieldChange> fieldChanges = new ArrayList<>();
    for (FieldSpec old : from.fields()) {
      var replacement = to.field(old.name());
      if (replacement.isEmpty()) {
        fieldChanges.add(new FieldRemoved(old.name(), old.type(), old.definition()));
      } else {
        List<AspectChange> changes = compare(old.aspects(), replacement.get().aspects());
        if (!changes.isEmpty()) {
          fieldChanges.add(new FieldChanged(old.name(), changes));
        }
      }
    }
    for (FieldSpec added : to.fields()) {
      if (from.field(added.name()).isEmpty()) {
        fieldChanges.add(new FieldAdded(added.name(), added.type(), added.definition()));
      }
    }
    return new RubricDiff(from.id(), from.hash(), to.id(), to.hash(), rubricChanges, fieldChanges);
  }

  /** True when the two versions define the same content. */
  public boolean isEmpty() {
    return rubricChanges.isEmpty() && fieldChanges.isEmpty();
  }

  private static Map<String, String> rubricAspects(Rubric rubric) {
    Map<String, String> aspects = new LinkedHashMap<>();
    aspects.put("task type", rubric.taskType().id());
    aspects.put("title", rubric.title());
    aspects.put("description", rubric.description());
    aspects.put("listening requirement", Double.toString(rubric.listeningRequirement()));
    List<String> conventions = rubric.conventions();
    for (int i = 0; i < conventions.size(); i++) {
      aspects.put("convention " + (i + 1), conventions.get(i));
    }
    aspects.put(
        "field order", String.join(", ", rubric.fields().stream().map(FieldSpec::name).toList()));
    return aspects;
  }

  private static List<AspectChange> compare(Map<String, String> before, Map<String, String> after) {
    Set<String> keys = new LinkedHashSet<>(before.keySet());
    keys.addAll(after.keySet());
    List<AspectChange> changes = new ArrayList<>();
    for (String key : keys) {
      String old = before.get(key);
      String now = after.get(key);
      if (!Objects.equals(old, now)) {
        changes.add(new AspectChange(key, old, now));
      }
    }
    return changes;
  }
}
