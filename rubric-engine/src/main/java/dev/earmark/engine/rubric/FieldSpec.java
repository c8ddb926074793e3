package dev.earmark.engine.rubric;

import dev.earmark.engine.EngineException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The definition of one field of a rubric: its name, the definition annotators read, the group it
 * belongs to (for example the stage labels of {@code rag-stages} versus its end-to-end score),
 * whether an answer is required, and the rules a value must meet. The closed set of field types is
 * the set of records below; each checks values of its own shape. Immutable; constructors refuse an
 * incoherent definition with an {@link EngineException} naming the field.
 */
public sealed interface FieldSpec {
  /** Field names: lower-case letters, digits and underscores, starting with a letter. */
  Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

  /** The field's name, unique within its rubric. */
  String name();

  /** What the field asks, written for annotators. */
  String definition();

  /** The group the field belongs to; fields of one group are shown and reported together. */
  String group();

  /** True when a label must answer this field. */
  boolean required();

  /** The written type, as in the JSON format: {@code text}, {@code scale}, … */
  String type();

  /**
   * Every aspect of the definition as named strings, in a stable order; two fields with equal
   * aspects are the same definition. Rubric diffs compare these.
   */
  Map<String, String> aspects();

  /** Adds to {@code violations} each problem of {@code value} as an answer to this field. */
  void check(FieldValue value, LabelContext context, List<Violation> violations);

  /** Free text, such as a transcript, with an optional set of allowed event tags. */
  record TextField(
      String name, String definition, String group, boolean required, List<String> eventTags)
      implements FieldSpec {
    private static final Pattern TAG = Pattern.compile("\\[([^\\[\\]]*)\\]");

    public TextField {
      definition = checkCommon(name, definition);
      group = group == null ? "" : group;
      eventTags = List.copyOf(eventTags);
      for (String tag : eventTags) {
        if (!tag.matches("[a-z][a-z0-9-]*")) {
          throw new EngineException(
              "field " + name + ": event tag '" + tag + "' must be lower-case without brackets");
        }
      }
      requireUnique(name, "event tag", eventTags);
    }

    @Override
    public String type() {
      return "text";
    }

    @Override
    public Map<String, String> aspects() {
      Map<String, String> aspects = common(this);
      eventTags.forEach(tag -> aspects.put("event tag [" + tag + "]", "defined"));
      return aspects;
    }

    @Override
    public void check(FieldValue value, LabelContext context, List<Violation> violations) {
      if (!(value instanceof FieldValue.Text text)) {
        violations.add(wrongShape(this, value, "text"));
        return;
      }
      if (required && text.text().isBlank()) {
        violations.add(
            new Violation(
                name,
                "is empty; write an event tag such as [noise] for" + " audio without speech"));
      }
      Matcher tags = TAG.matcher(text.text());
      Set<String> known = new HashSet<>(eventTags);
      while (tags.find()) {
        String tag = tags.group(1);
        if (!known.contains(tag)) {
          violations.add(
              new Violation(
                  name,
                  "["
                      + tag
                      + "] is not a defined event tag; use one of "
                      + eventTags.stream()
                          .map(t -> "[" + t + "]")
                          .collect(Collectors.joining(" "))));
        }
      }
      String rest = TAG.matcher(text.text()).replaceAll(" ");
      if (rest.contains("[") || rest.contains("]")) {
        violations.add(
            new Violation(name, "has an unbalanced [ or ]; event tags look like [noise]"));
      }
    }
  }

  /**
   * An ordinal scale from {@code min} to {@code max} with an anchored description for every point,
   * so that a 3 means the same thing to every annotator.
   */
  record ScaleField(
      String name,
      String definition,
      String group,
      boolean required,
      int min,
      int max,
      SortedMap<Integer, String> anchors)
      implements FieldSpec {
    public ScaleField {
      definition = checkCommon(name, definition);
      group = group == null ? "" : group;
      if (min >= max) {
        throw new EngineException(
            "field " + name + ": a scale needs min below max, not " + min + "–" + max);
      }
      anchors = Collections.unmodifiableSortedMap(new TreeMap<>(anchors));
      for (int point = min; point <= max; point++) {
        String anchor = anchors.get(point);
        if (anchor == null || anchor.isBlank()) {
          throw new EngineException(
              "field "
                  + name
                  + ": scale "
                  + min
                  + "–"
                  + max
                  + " needs an anchored description for every point; "
                  + point
                  + " has none");
        }
      }
      for (int point : anchors.keySet()) {
        if (point < min || point > max) {
          throw new EngineException(
              "field "
                  + name
                  + ": anchor "
                  + point
                  + " is outside the "
                  + min
                  + "–"
                  + max
                  + " scale");
        }
      }
    }

    @Override
    public String type() {
      return "scale";
    }

    @Override
    public Map<String, String> aspects() {
      Map<String, String> aspects = common(this);
      aspects.put("scale range", min + "–" + max);
      anchors.forEach((point, anchor) -> aspects.put("anchor " + point, anchor));
      return aspects;
    }

    @Override
    public void check(FieldValue value, LabelContext context, List<Violation> violations) {
      if (!(value instanceof FieldValue.ScalePoint point)) {
        violations.add(wrongShape(this, value, "a point on the " + min + "–" + max + " scale"));
        return;
      }
      if (point.point() < min || point.point() > max) {
        violations.add(
            new Violation(name, point.point() + " is outside the " + min + "–" + max + " scale"));
      }
    }
  }

  /** Exactly one of a defined list of options, each with its definition. */
  record CategoricalField(
      String name, String definition, String group, boolean required, List<Option> options)
      implements FieldSpec {
    public CategoricalField {
      definition = checkCommon(name, definition);
      group = group == null ? "" : group;
      options = List.copyOf(options);
      if (options.size() < 2) {
        throw new EngineException(
            "field " + name + ": a categorical field needs two or more options");
      }
      requireUnique(name, "option", options.stream().map(Option::value).toList());
    }

    @Override
    public String type() {
      return "categorical";
    }

    @Override
    public Map<String, String> aspects() {
      Map<String, String> aspects = common(this);
      options.forEach(option -> aspects.put("option " + option.value(), option.definition()));
      return aspects;
    }

    @Override
    public void check(FieldValue value, LabelContext context, List<Violation> violations) {
      if (!(value instanceof FieldValue.Choice choice)) {
        violations.add(wrongShape(this, value, "one of " + values(options)));
        return;
      }
      if (options.stream().noneMatch(option -> option.value().equals(choice.option()))) {
        violations.add(
            new Violation(name, "'" + choice.option() + "' is not one of " + values(options)));
      }
    }
  }

  /** A boolean flag or toggle, for example "bad audio" or "unsure". Never required. */
  record FlagField(String name, String definition, String group) implements FieldSpec {
    public FlagField {
      definition = checkCommon(name, definition);
      group = group == null ? "" : group;
    }

    @Override
    public boolean required() {
      return false;
    }

    @Override
    public String type() {
      return "flag";
    }

    @Override
    public Map<String, String> aspects() {
      return common(this);
    }

    @Override
    public void check(FieldValue value, LabelContext context, List<Violation> violations) {
      if (!(value instanceof FieldValue.Flag)) {
        violations.add(wrongShape(this, value, "true or false"));
      }
    }
  }

  /** Any number of distinct tags from a defined list. */
  record TagsField(
      String name, String definition, String group, boolean required, List<Option> options)
      implements FieldSpec {
    public TagsField {
      definition = checkCommon(name, definition);
      group = group == null ? "" : group;
      options = List.copyOf(options);
      if (options.isEmpty()) {
        throw new EngineException("field " + name + ": a tags field needs at least one tag");
      }
      requireUnique(name, "tag", options.stream().map(Option::value).toList());
    }

    @Override
    public String type() {
      return "tags";
    }

    @Override
    public Map<String, String> aspects() {
      Map<String, String> aspects = common(this);
      options.forEach(option -> aspects.put("tag " + option.value(), option.definition()));
      return aspects;
    }

    @Override
    public void check(FieldValue value, LabelContext context, List<Violation> violations) {
      if (!(value instanceof FieldValue.Tags tags)) {
        violations.add(wrongShape(this, value, "a list of tags"));
        return;
      }
      Set<String> seen = new HashSet<>();
      for (String tag : tags.tags()) {
        if (options.stream().noneMatch(option -> option.value().equals(tag))) {
          violations.add(new Violation(name, "'" + tag + "' is not one of " + values(options)));
        } else if (!seen.add(tag)) {
          violations.add(new Violation(name, "'" + tag + "' is given twice"));
        }
      }
      if (required && tags.tags().isEmpty()) {
        violations.add(new Violation(name, "needs at least one tag"));
      }
    }
  }

  /**
   * Marks on words of the item's prompt (for example mispronounced words of a TTS prompt), as
   * zero-based word indices after splitting the prompt on whitespace.
   */
  record WordMarksField(String name, String definition, String group, boolean required)
      implements FieldSpec {
    public WordMarksField {
      definition = checkCommon(name, definition);
      group = group == null ? "" : group;
    }

    @Override
    public String type() {
      return "word-marks";
    }

    @Override
    public Map<String, String> aspects() {
      return common(this);
    }

    @Override
    public void check(FieldValue value, LabelContext context, List<Violation> violations) {
      if (!(value instanceof FieldValue.WordMarks marks)) {
        violations.add(wrongShape(this, value, "a list of word indices"));
        return;
      }
      Set<Integer> seen = new HashSet<>();
      for (int index : marks.indices()) {
        if (index < 0) {
          violations.add(new Violation(name, "word index " + index + " is negative"));
        } else if (context.promptWords().isPresent() && index >= context.promptWords().getAsInt()) {
          violations.add(
              new Violation(
                  name,
                  "word index "
                      + index
                      + " is past the end of the prompt, which has "
                      + context.promptWords().getAsInt()
                      + " words (indices start at 0)"));
        } else if (!seen.add(index)) {
          violations.add(new Violation(name, "word index " + index + " is marked twice"));
        }
      }
      if (required && marks.indices().isEmpty()) {
        violations.add(new Violation(name, "needs at least one marked word"));
      }
    }
  }

  /**
   * Time-aligned segments in order, not overlapping, inside the clip, each with a speaker id when
   * {@code speakerRequired}.
   */
  record SegmentsField(
      String name, String definition, String group, boolean required, boolean speakerRequired)
      implements FieldSpec {
    public SegmentsField {
      definition = checkCommon(name, definition);
      group = group == null ? "" : group;
    }

    @Override
    public String type() {
      return "segments";
    }

    @Override
    public Map<String, String> aspects() {
      Map<String, String> aspects = common(this);
      aspects.put("speaker required", Boolean.toString(speakerRequired));
      return aspects;
    }

    @Override
    public void check(FieldValue value, LabelContext context, List<Violation> violations) {
      if (!(value instanceof FieldValue.Segments segments)) {
        violations.add(wrongShape(this, value, "a list of segments"));
        return;
      }
      Segment previous = null;
      int number = 0;
      for (Segment segment : segments.segments()) {
        number++;
        String at = "segment " + number + " (" + segment.start() + "–" + segment.end() + " s)";
        if (!Double.isFinite(segment.start()) || !Double.isFinite(segment.end())) {
          violations.add(new Violation(name, at + " has a time that is not a number"));
          continue;
        }
        if (segment.start() < 0) {
          violations.add(new Violation(name, at + " starts before 0 s"));
        }
        if (segment.end() <= segment.start()) {
          violations.add(new Violation(name, at + " does not end after it starts"));
        }
        if (context.clipSeconds().isPresent()
            && segment.end() > context.clipSeconds().getAsDouble()) {
          violations.add(
              new Violation(
                  name,
                  at
                      + " ends after the clip, which lasts "
                      + context.clipSeconds().getAsDouble()
                      + " s"));
        }
        if (speakerRequired && segment.speaker().isBlank()) {
          violations.add(new Violation(name, at + " has no speaker id"));
        }
        if (previous != null) {
          if (segment.start() < previous.start()) {
            violations.add(
                new Violation(
                    name, at + " is out of order: it starts before segment " + (number - 1)));
          } else if (segment.start() < previous.end()) {
            violations.add(
                new Violation(
                    name,
                    at
                        + " overlaps segment "
                        + (number - 1)
                        + "; mark overlapping speech with [overlap] in the dominant speaker's segment"));
          }
        }
        previous = segment;
      }
      if (required && segments.segments().isEmpty()) {
        violations.add(new Violation(name, "needs at least one segment"));
      }
    }
  }

  /**
   * One score per stimulus of a multi-stimulus trial (MUSHRA), each a whole number from {@code min}
   * to {@code max} (0–100 in BS.1534-3), keyed by the stimulus's clip id. {@code bands} name the
   * scale's labelled intervals by their lower bound (BS.1534's Bad 0, Poor 20, Fair 40, Good 60,
   * Excellent 80), shown beside the sliders. When the trial's stimuli are known ({@link
   * LabelContext#stimuli()}), a required field needs a score for every stimulus and nothing else.
   */
  record StimulusScoresField(
      String name,
      String definition,
      String group,
      boolean required,
      int min,
      int max,
      SortedMap<Integer, String> bands)
      implements FieldSpec {
    public StimulusScoresField {
      definition = checkCommon(name, definition);
      group = group == null ? "" : group;
      if (min >= max) {
        throw new EngineException(
            "field " + name + ": stimulus scores need min below max, not " + min + "–" + max);
      }
      bands = Collections.unmodifiableSortedMap(new TreeMap<>(bands));
      for (Map.Entry<Integer, String> band : bands.entrySet()) {
        if (band.getKey() < min || band.getKey() > max) {
          throw new EngineException(
              "field "
                  + name
                  + ": band '"
                  + band.getValue()
                  + "' starts at "
                  + band.getKey()
                  + ", outside the "
                  + min
                  + "–"
                  + max
                  + " scale");
        }
        if (band.getValue() == null || band.getValue().isBlank()) {
          throw new EngineException(
              "field " + name + ": band at " + band.getKey() + " needs a description");
        }
      }
    }

    @Override
    public String type() {
      return "stimulus-scores";
    }

    @Override
    public Map<String, String> aspects() {
      Map<String, String> aspects = common(this);
      aspects.put("scale range", min + "–" + max);
      bands.forEach((from, band) -> aspects.put("band from " + from, band));
      return aspects;
    }

    @Override
    public void check(FieldValue value, LabelContext context, List<Violation> violations) {
      if (!(value instanceof FieldValue.StimulusScores scores)) {
        violations.add(
            wrongShape(this, value, "an object of " + min + "–" + max + " scores by clip id"));
        return;
      }
      scores
          .scores()
          .forEach(
              (clip, score) -> {
                if (score < min || score > max) {
                  violations.add(
                      new Violation(
                          name,
                          "stimulus "
                              + clip
                              + " scored "
                              + score
                              + ", outside the "
                              + min
                              + "–"
                              + max
                              + " scale"));
                }
              });
      if (context.stimuli().isPresent()) {
        List<String> stimuli = context.stimuli().get();
        for (String clip : scores.scores().keySet()) {
          if (!stimuli.contains(clip)) {
            violations.add(
                new Violation(name, "clip " + clip + " is not a stimulus of this trial"));
          }
        }
        if (required) {
          for (String clip : stimuli) {
            if (!scores.scores().containsKey(clip)) {
              violations.add(new Violation(name, "stimulus " + clip + " has no score"));
            }
          }
        }
      } else if (required && scores.scores().isEmpty()) {
        violations.add(new Violation(name, "needs a score for every stimulus"));
      }
    }
  }

  /**
   * The one stimulus of a trial preferred (A/B preference), written as its clip id, or {@value
   * #NO_PREFERENCE} when {@code allowNoPreference} (otherwise the choice is forced).
   */
  record StimulusChoiceField(
      String name, String definition, String group, boolean required, boolean allowNoPreference)
      implements FieldSpec {
    /** The answer meaning "no preference", allowed only when the field says so. */
    public static final String NO_PREFERENCE = "no-preference";

    public StimulusChoiceField {
      definition = checkCommon(name, definition);
      group = group == null ? "" : group;
    }

    @Override
    public String type() {
      return "stimulus-choice";
    }

    @Override
    public Map<String, String> aspects() {
      Map<String, String> aspects = common(this);
      aspects.put("allow no preference", Boolean.toString(allowNoPreference));
      return aspects;
    }

    @Override
    public void check(FieldValue value, LabelContext context, List<Violation> violations) {
      if (!(value instanceof FieldValue.Choice choice)) {
        violations.add(wrongShape(this, value, "the clip id of the preferred stimulus"));
        return;
      }
      if (NO_PREFERENCE.equals(choice.option())) {
        if (!allowNoPreference) {
          violations.add(
              new Violation(name, "is a forced choice: pick one stimulus, no-preference is off"));
        }
        return;
      }
      if (context.stimuli().isPresent() && !context.stimuli().get().contains(choice.option())) {
        violations.add(
            new Violation(name, "clip " + choice.option() + " is not a stimulus of this trial"));
      }
    }
  }

  private static String checkCommon(String name, String definition) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new EngineException(
          "field name '"
              + name
              + "' is not valid: use lower-case letters, digits and underscores, starting with a letter");
    }
    if (definition == null || definition.isBlank()) {
      throw new EngineException("field " + name + ": needs a definition annotators can read");
    }
    return definition;
  }

  private static void requireUnique(String field, String what, List<String> values) {
    Set<String> seen = new HashSet<>();
    for (String value : values) {
      if (!seen.add(value)) {
        throw new EngineException(
            "field " + field + ": " + what + " '" + value + "' is defined twice");
      }
    }
  }

  private static Map<String, String> common(FieldSpec field) {
    Map<String, String> aspects = new LinkedHashMap<>();
    aspects.put("type", field.type());
    aspects.put("definition", field.definition());
    aspects.put("group", field.group());
    aspects.put("required", Boolean.toString(field.required()));
    return aspects;
  }

  private static Violation wrongShape(FieldSpec field, FieldValue value, String expected) {
    return new Violation(field.name(), "expects " + expected + ", not " + value.shape());
  }

  private static String values(List<Option> options) {
    List<String> values = new ArrayList<>();
    options.forEach(option -> values.add(option.value()));
    return String.join(", ", values);
  }
}
