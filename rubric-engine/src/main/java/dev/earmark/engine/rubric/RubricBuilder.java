package dev.earmark.engine.rubric;

import dev.earmark.engine.EngineException;
import dev.earmark.engine.version.VersionedId;
import java.util.ArrayList;
import java.util.List;

/**
 * Assembles a new rubric version. Published versions are never changed: editing one ({@link
 * Rubric#edit()}) starts a builder with its content under the next id, and {@link #build()} makes a
 * new, separate {@link Rubric} with its own hash. Not thread-safe; use one builder per edit.
 */
public final class RubricBuilder {
  private final VersionedId id;
  private final TaskType taskType;
  private String title;
  private String description = "";
  private double listeningRequirement;
  private final List<String> conventions = new ArrayList<>();
  private final List<FieldSpec> fields = new ArrayList<>();

  private RubricBuilder(VersionedId id, TaskType taskType) {
    this.id = id;
    this.taskType = taskType;
  }

  /** A builder for a first version with no fields yet. */
  public static RubricBuilder create(VersionedId id, TaskType taskType) {
    return new RubricBuilder(id, taskType);
  }

  static RubricBuilder from(Rubric published) {
    RubricBuilder builder = new RubricBuilder(published.id().next(), published.taskType());
    builder.title = published.title();
    builder.description = published.description();
    builder.listeningRequirement = published.listeningRequirement();
    builder.conventions.addAll(published.conventions());
    builder.fields.addAll(published.fields());
    return builder;
  }

  /** The id the built version will carry. */
  public VersionedId id() {
    return id;
  }

  public RubricBuilder title(String title) {
    this.title = title;
    return this;
  }

  public RubricBuilder description(String description) {
    this.description = description;
    return this;
  }

  /** Share of the clip (0–1) that must be heard before rating unlocks. */
  public RubricBuilder listeningRequirement(double share) {
    this.listeningRequirement = share;
    return this;
  }

  /** Replaces the written conventions. */
  public RubricBuilder conventions(List<String> conventions) {
    this.conventions.clear();
    this.conventions.addAll(conventions);
    return this;
  }

  /** Appends a field; refuses a name already present. */
  public RubricBuilder addField(FieldSpec field) {
    if (indexOf(field.name()) >= 0) {
      throw new EngineException(
          "rubric "
              + id
              + ": field "
              + field.name()
              + " already exists; use replaceField to change it");
    }
    fields.add(field);
    return this;
  }

  /** Replaces the field of the same name in place; refuses a name not present. */
  public RubricBuilder replaceField(FieldSpec field) {
    fields.set(requireIndex(field.name()), field);
    return this;
  }

  /** Removes the field named {@code name}; refuses a name not present. */
  public RubricBuilder removeField(String name) {
    fields.remove(requireIndex(name));
    return this;
  }

  /** The new, immutable version. */
  public Rubric build() {
    return new Rubric(id, taskType, title, description, listeningRequirement, conventions, fields);
  }

  private int indexOf(String name) {
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  private int requireIndex(String name) {
    int index = indexOf(name);
    if (index < 0) {
      throw new EngineException("rubric " + id + ": has no field " + name);
    }
    return index;
  }
}
