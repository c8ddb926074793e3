package dev.earmark.app.gui.adjudication;

import dev.earmark.engine.rubric.FieldSpec;
import dev.earmark.engine.rubric.FieldValue;
import java.util.ArrayList;
import java.util.List;

/**
 * One value the adjudicator may choose for a rubric field of a rating or stage-label dispute, with
 * the rubric's words for it: a scale point with its anchored description, a categorical option with
 * its definition, or yes/no for a flag. Immutable.
 *
 * @param shown the value as the comparison grid shows it ("3", "grounded", "yes")
 * @param description the anchor or definition, "" for flags
 */
public record FieldChoice(FieldValue value, String shown, String description) {

  /** "3 — A few words are hard to make out…", or just the value when there is no description. */
  public String line() {
    return description.isEmpty() ? shown : shown + " — " + description;
  }

  /**
   * The choices of {@code field}, lowest point or first option first; empty for fields chosen any
   * other way (text, tags, word marks, segments), which keep the picked annotator's value.
   */
  public static List<FieldChoice> of(FieldSpec field) {
    List<FieldChoice> choices = new ArrayList<>();
    if (field instanceof FieldSpec.ScaleField scale) {
      for (int point = scale.min(); point <= scale.max(); point++) {
        choices.add(
            new FieldChoice(
                new FieldValue.ScalePoint(point),
                Integer.toString(point),
                scale.anchors().getOrDefault(point, "")));
      }
    } else if (field instanceof FieldSpec.CategoricalField categorical) {
      categorical
          .options()
          .forEach(
              option ->
                  choices.add(
                      new FieldChoice(
                          new FieldValue.Choice(option.value()),
                          option.value(),
                          option.definition())));
    } else if (field instanceof FieldSpec.FlagField) {
      choices.add(new FieldChoice(new FieldValue.Flag(true), "yes", ""));
      choices.add(new FieldChoice(new FieldValue.Flag(false), "no", ""));
    }
    return List.copyOf(choices);
  }
}
