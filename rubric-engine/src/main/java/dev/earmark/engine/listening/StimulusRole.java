package dev.earmark.engine.listening;

import dev.earmark.engine.EngineException;

/**
 * The role of one stimulus in a MUSHRA trial (ITU-R BS.1534-3), as written in the manifest's {@code
 * stimulus_role}. Raters never see it; screening and results do.
 */
public enum StimulusRole {
  /** A clip of a system under test. */
  SYSTEM("system"),
  /** The hidden reference: the reference signal, presented among the stimuli under a letter. */
  REFERENCE("reference"),
  /** The low anchor: the reference low-pass filtered at 3.5 kHz. */
  ANCHOR_LOW("anchor-low"),
  /** The mid anchor: the reference low-pass filtered at 7 kHz. */
  ANCHOR_MID("anchor-mid");

  private final String id;

  StimulusRole(String id) {
    this.id = id;
  }

  /** The written form, for example {@code anchor-low}. */
  public String id() {
    return id;
  }

  /**
   * The name results report a stimulus under: the system for {@link #SYSTEM}, otherwise the role
   * itself (so the hidden reference and the anchors appear as pseudo-systems beside the systems).
   */
  public String reportedSystem(String system) {
    return this == SYSTEM ? system : id;
  }

  /** Parses the written form; the exception lists the roles that exist. */
  public static StimulusRole fromId(String id) {
    for (StimulusRole role : values()) {
      if (role.id.equals(id)) {
        return role;
      }
    }
    throw new EngineException(
        "stimulus_role '" + id + "' is unknown: use system, reference, anchor-low or anchor-mid");
  }

  @Override
  public String toString() {
    return id;
  }
}
