package dev.earmark.engine.rubric;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The value an annotator gave one field of a rubric. One record per shape of answer; which shape a
 * field expects is said by its {@link FieldSpec}. Values hold what was entered, sane or not: {@link
 * Rubric#validate(LabelValue)} judges them. Immutable.
 */
public sealed interface FieldValue {
  /** A short description of the shape, used in violation messages. */
  String shape();

  /** Free text, for example a transcript. */
  record Text(String text) implements FieldValue {
    public Text {
      text = text == null ? "" : text;
    }

    @Override
    public String shape() {
      return "text";
    }
  }

  /** A point on an ordinal scale. */
  record ScalePoint(int point) implements FieldValue {
    @Override
    public String shape() {
      return "a scale point";
    }
  }

  /** One option of a categorical field. */
  record Choice(String option) implements FieldValue {
    @Override
    public String shape() {
      return "a choice";
    }
  }

  /** A boolean flag or toggle. */
  record Flag(boolean set) implements FieldValue {
    @Override
    public String shape() {
      return "a flag";
    }
  }

  /** Zero or more tags from a defined list. */
  record Tags(List<String> tags) implements FieldValue {
    public Tags {
      tags = List.copyOf(tags);
    }

    @Override
    public String shape() {
      return "tags";
    }
  }

  /** Zero-based indices of marked words in the item's prompt. */
  record WordMarks(List<Integer> indices) implements FieldValue {
    public WordMarks {
      indices = List.copyOf(indices);
    }

    @Override
    public String shape() {
      return "word marks";
    }
  }

  /** Time-aligned segments with speaker ids. */
  record Segments(List<Segment> segments) implements FieldValue {
    public Segments {
      segments = List.copyOf(segments);
    }

    @Override
    public String shape() {
      return "segments";
    }
  }

  /**
   * One score per stimulus of a multi-stimulus trial (MUSHRA), keyed by the stimulus's clip id.
   * Ordered by clip id, so equal answers serialise alike.
   */
  record StimulusScores(SortedMap<String, Integer> scores) implements FieldValue {
    public StimulusScores {
      scores = Collections.unmodifiableSortedMap(new TreeMap<>(scores));
    }

    @Override
    public String shape() {
      return "stimulus scores";
    }
  }
}
