package dev.earmark.engine.rubric;

import dev.earmark.engine.EngineException;
import dev.earmark.engine.version.ContentHash;
import dev.earmark.engine.version.VersionedId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One published version of a rubric: what a label for one task type contains. Immutable and
 * thread-safe. Its content hash is computed from its content (the canonical JSON form, see {@code
 * docs/formats/rubric.md}), never supplied, so two rubrics with one id and different content can
 * never pass for each other. Edits go through {@link #edit()}, which yields the next version.
 */
public final class Rubric {
  private final VersionedId id;
  private final TaskType taskType;
  private final String title;
  private final String description;
  private final double listeningRequirement;
  private final List<String> conventions;
  private final Map<String, FieldSpec> fields;
  private final String hash;

  Rubric(
      VersionedId id,
      TaskType taskType,
      String title,
      String description,
      double listeningRequirement,
      List<String> conventions,
      List<FieldSpec> fields) {
    this.id = Objects.requireNonNull(id, "id");
    this.taskType = Objects.requireNonNull(taskType, "taskType");
    if (title == null || title.isBlank()) {
      throw new EngineException("rubric " + id + ": needs a title");
    }
    this.title = title;
    this.description = description == null ? "" : description;
    if (!(listeningRequirement >= 0 && listeningRequirement <= 1)) {
      throw new EngineException(
          "rubric "
              + id
              + ": listening_requirement must be a share of the clip between 0 and 1, not "
              + listeningRequirement);
    }
    this.listeningRequirement = listeningRequirement;
    this.conventions = List.copyOf(conventions);
    if (fields.isEmpty()) {
      throw new EngineException("rubric " + id + ": needs at least one field");
    }
    Map<String, FieldSpec> byName = new LinkedHashMap<>();
    for (FieldSpec field : fields) {
      if (byName.putIfAbsent(field.name(), field) != null) {
        throw new EngineException("rubric " + id + ": field " + field.name() + " is defined twice");
      }
    }
    this.fields = Collections.unmodifiableMap(byName);
    this.hash = ContentHash.of(RubricJson.toJson(this), "hash");
  }

  /** The version's id, for example {@code tts-rating@1}. */
  public VersionedId id() {
    return id;
  }

  public TaskType taskType() {
    return taskType;
  }

  public String title() {
    return title;
  }

  public String description() {
    return description;
  }

  /**
   * The share of the clip (0–1) an annotator must have heard before the rating form unlocks; the
   * workbench enforces it from the label's listened coverage.
   */
  public double listeningRequirement() {
    return listeningRequirement;
  }

  /** The written conventions annotators follow (for transcripts: tags, hesitations, …). */
  public List<String> conventions() {
    return conventions;
  }

  /** The fields in the order annotators see them. */
  public List<FieldSpec> fields() {
    return List.copyOf(fields.values());
  }

  /** The field named {@code name}, if this version has one. */
  public Optional<FieldSpec> field(String name) {
    return Optional.ofNullable(fields.get(name));
  }

  /** {@code sha256:…} over the canonical JSON of this version, excluding the hash itself. */
  public String hash() {
    return hash;
  }

  /**
   * Every problem of {@code label} under this version; see {@link #validate(LabelValue,
   * LabelContext)}.
   */
  public List<Violation> validate(LabelValue label) {
    return validate(label, LabelContext.none());
  }

  /**
   * Every problem of {@code label} under this version, in field order: unknown fields, missing
   * required fields and each field's own rules (scale range, options, tags, segments, …). An empty
   * list means the label is valid.
   *
   * @throws RubricVersionMismatchException if the label was made under another rubric version; a
   *     label is never silently read under a version it was not made under
   */
  public List<Violation> validate(LabelValue label, LabelContext context) {
    if (!label.rubric().equals(id)) {
      throw new RubricVersionMismatchException(label.rubric(), id);
    }
    List<Violation> violations = new ArrayList<>();
    for (String name : label.fields().keySet()) {
      if (!fields.containsKey(name)) {
        violations.add(new Violation(name, "is not a field of rubric " + id));
      }
    }
    for (FieldSpec field : fields.values()) {
      FieldValue value = label.fields().get(field.name());
      if (value == null) {
        if (field.required()) {
          violations.add(
              new Violation(field.name(), "is required by rubric " + id + " but missing"));
        }
      } else {
        field.check(value, context, violations);
      }
    }
    return List.copyOf(violations);
  }

  /** A builder holding this version's content under the next id ({@code name@N+1}). */
  public RubricBuilder edit() {
    return RubricBuilder.from(this);
  }

  /** Names of the groups of fields, in order of first appearance. */
  public List<String> groups() {
    Set<String> seen = new HashSet<>();
    List<String> groups = new ArrayList<>();
    for (FieldSpec field : fields.values()) {
      if (seen.add(field.group())) {
        groups.add(field.group());
      }
    }
    return groups;
  }

  /** Equal when id and content hash are equal. */
  @Override
  public boolean equals(Object other) {
    return other instanceof Rubric rubric && rubric.id.equals(id) && rubric.hash.equals(hash);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, hash);
  }

  @Override
  public String toString() {
    return id + " (" + hash + ")";
  }
}
