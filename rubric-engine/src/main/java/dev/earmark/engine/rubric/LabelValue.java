package dev.earmark.engine.rubric;

import dev.earmark.engine.EngineException;
import dev.earmark.engine.version.ContentHash;
import dev.earmark.engine.version.VersionedId;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One annotator's answer for one item: the id of the exact rubric version it was made under and the
 * value of each answered field (unanswered optional fields are simply absent). It is only ever
 * validated or read under that rubric version. Immutable; field order is by name so that equal
 * labels serialise, and hash, alike.
 */
public record LabelValue(VersionedId rubric, Map<String, FieldValue> fields) {
  public LabelValue {
    if (rubric == null) {
      throw new EngineException("a label value needs the id of its rubric version");
    }
    fields.forEach(
        (name, value) -> {
          if (value == null) {
            throw new EngineException(
                "field " + name + " of a label value has no value; leave it out");
          }
        });
    fields = Collections.unmodifiableMap(new TreeMap<>(fields));
  }

  /** The value of field {@code name}, if answered. */
  public Optional<FieldValue> field(String name) {
    return Optional.ofNullable(fields.get(name));
  }

  /** The content hash of the canonical JSON form ({@link LabelValueJson#toJson(LabelValue)}). */
  public String contentHash() {
    return ContentHash.of(LabelValueJson.toJson(this));
  }
}
