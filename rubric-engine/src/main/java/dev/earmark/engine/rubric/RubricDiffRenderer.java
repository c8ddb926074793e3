package dev.earmark.engine.rubric;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Renders a {@link RubricDiff} for people (plain text, one line per change) and for machines (a
 * JSON object with {@code from}, {@code to}, their hashes, {@code rubric_changes} and {@code
 * fields}: {@code added}, {@code removed}, {@code changed}). Thread-safe.
 */
public final class RubricDiffRenderer {
  private static final JsonNodeFactory NODES = JsonMapper.builder().build().getNodeFactory();

  private RubricDiffRenderer() {}

  /** Plain text, for example {@code ~ naturalness: anchor 3: "…" → "…"}. */
  public static String human(RubricDiff diff) {
    StringBuilder out = new StringBuilder();
    out.append("rubric ").append(diff.from()).append(" → ").append(diff.to()).append('\n');
    if (diff.isEmpty()) {
      return out.append("no changes\n").toString();
    }
    for (RubricDiff.AspectChange change : diff.rubricChanges()) {
      out.append("~ rubric ").append(describe(change)).append('\n');
    }
    for (RubricDiff.FieldChange change : diff.fieldChanges()) {
      if (change instanceof RubricDiff.FieldAdded added) {
        out.append("+ ")
            .append(added.field())
            .append(" (")
            .append(added.type())
            .append("): ")
            .append(added.definition())
            .append('\n');
      } else if (change instanceof RubricDiff.FieldRemoved removed) {
        out.append("- ").append(removed.field()).append(" (").append(removed.type()).append(")\n");
      } else if (change instanceof RubricDiff.FieldChanged changed) {
        for (RubricDiff.AspectChange aspect : changed.changes()) {
          out.append("~ ")
              .append(changed.field())
              .append(": ")
              .append(describe(aspect))
              .append('\n');
        }
      }
    }
    return out.toString();
  }

  /** The JSON form described in the class comment. */
  public static ObjectNode json(RubricDiff diff) {
    ObjectNode root = NODES.objectNode();
    root.put("from", diff.from().toString());
    root.put("from_hash", diff.fromHash());
    root.put("to", diff.to().toString());
    root.put("to_hash", diff.toHash());
    root.put("changed", !diff.isEmpty());
    root.set("rubric_changes", aspects(diff.rubricChanges()));
    ObjectNode fields = root.putObject("fields");
    ArrayNode added = fields.putArray("added");
    ArrayNode removed = fields.putArray("removed");
    ArrayNode changedFields = fields.putArray("changed");
    for (RubricDiff.FieldChange change : diff.fieldChanges()) {
      if (change instanceof RubricDiff.FieldAdded field) {
        added
            .addObject()
            .put("field", field.field())
            .put("type", field.type())
            .put("definition", field.definition());
      } else if (change instanceof RubricDiff.FieldRemoved field) {
        removed
            .addObject()
            .put("field", field.field())
            .put("type", field.type())
            .put("definition", field.definition());
      } else if (change instanceof RubricDiff.FieldChanged field) {
        ObjectNode node = changedFields.addObject();
        node.put("field", field.field());
        node.set("changes", aspects(field.changes()));
      }
    }
    return root;
  }

  private static ArrayNode aspects(List<RubricDiff.AspectChange> changes) {
    ArrayNode array = NODES.arrayNode();
    for (RubricDiff.AspectChange change : changes) {
      ObjectNode node = array.addObject();
      node.put("aspect", change.aspect());
      node.put("before", change.before());
      node.put("after", change.after());
    }
    return array;
  }

  private static String describe(RubricDiff.AspectChange change) {
    if (change.before() == null) {
      return change.aspect() + " added: " + quote(change.after());
    }
    if (change.after() == null) {
      return change.aspect() + " removed (was " + quote(change.before()) + ")";
    }
    return change.aspect() + ": " + quote(change.before()) + " → " + quote(change.after());
  }

  private static String quote(String text) {
    return "\"" + text + "\"";
  }
}
