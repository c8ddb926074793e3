package dev.earmark.engine.dispute;

import dev.earmark.engine.EngineException;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * A project's dispute-routing rules, read from its settings. An empty threshold or a false switch
 * turns the rule off. Immutable and thread-safe.
 *
 * @param categoricalMismatch route a categorical field whose labels are not all equal
 * @param ordinalSpreadAtLeast route an ordinal field when the highest and lowest label lie this far
 *     apart or more (scale positions, or values for numeric labels); at least 1
 * @param transcriptWerAbove route a transcript when any two annotators' normalized pairwise WER is
 *     strictly above this (a fraction, 0.1 = 10%); also the WER against gold above which a
 *     transcript fails gold (any error when the rule is off)
 * @param goldFailure route a gold item when any label differs from the known answer
 * @param unsureFlag route an item when any annotator flagged their label as unsure
 */
public record RoutingSettings(
    boolean categoricalMismatch,
    OptionalInt ordinalSpreadAtLeast,
    OptionalDouble transcriptWerAbove,
    boolean goldFailure,
    boolean unsureFlag) {
  public RoutingSettings {
    if (ordinalSpreadAtLeast.isPresent() && ordinalSpreadAtLeast.getAsInt() < 1) {
      throw new EngineException(
          "the ordinal spread that routes a dispute must be 1 or more, not "
              + ordinalSpreadAtLeast.getAsInt());
    }
    if (transcriptWerAbove.isPresent()
        && !(transcriptWerAbove.getAsDouble() >= 0 && transcriptWerAbove.getAsDouble() < 100)) {
      throw new EngineException(
          "the transcript WER threshold must be a fraction of 0 or more (0.1 = 10%), not "
              + transcriptWerAbove.getAsDouble());
    }
  }
}
