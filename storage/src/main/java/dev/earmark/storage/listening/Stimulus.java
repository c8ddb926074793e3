package dev.earmark.storage.listening;

import dev.earmark.engine.listening.StimulusRole;
import java.nio.file.Path;
import java.util.OptionalDouble;

/**
 * One clip of a listening-test trial with its manifest facts. Holds the system name, so it is for
 * the lead's and the report's eyes; raters see {@link RaterTrial.BlindStimulus} instead.
 *
 * @param system the manifest's {@code system}; empty for a reference or anchor without one
 * @param firstAudioByteMs latency metadata from the manifest, when given
 */
public record Stimulus(
    long clipId,
    String clipKey,
    String system,
    StimulusRole role,
    Path audioPath,
    double durationSeconds,
    OptionalDouble firstAudioByteMs) {
  /** The name results report this stimulus under: the system, or the role of a non-system. */
  public String reportedSystem() {
    return role.reportedSystem(system.isEmpty() ? "(no system)" : system);
  }
}
