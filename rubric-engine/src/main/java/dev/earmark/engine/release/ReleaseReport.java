package dev.earmark.engine.release;

import dev.earmark.engine.EngineException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every blocker found for one batch, in the order of {@link ReleaseBlocker#codes()}, at most one
 * per code. Immutable.
 */
public record ReleaseReport(List<ReleaseBlocker> blockers) {
  public ReleaseReport {
    blockers = List.copyOf(blockers);
  }

  /** True when at least one blocker was found. */
  public boolean isBlocked() {
    return !blockers.isEmpty();
  }

  /** The codes of the blockers found. */
  public List<String> codes() {
    return blockers.stream().map(ReleaseBlocker::code).toList();
  }

  /** The blocker with {@code code}, if found. */
  public Optional<ReleaseBlocker> find(String code) {
    return blockers.stream().filter(blocker -> blocker.code().equals(code)).findFirst();
  }

  /**
   * The blockers left once the lead allows the codes in {@code allowed} (export's {@code --allow
   * CODE --reason TEXT}); export proceeds only when this is empty.
   *
   * @throws EngineException if an allowed code is not a blocker code, so a typo never waives
   *     nothing silently
   */
  public List<ReleaseBlocker> remainingAfter(Set<String> allowed) {
    for (String code : allowed) {
      if (!ReleaseBlocker.codes().contains(code)) {
        throw new EngineException(
            "'"
                + code
                + "' is not a release blocker code; use one of "
                + String.join(", ", ReleaseBlocker.codes()));
      }
    }
    return blockers.stream().filter(blocker -> !allowed.contains(blocker.code())).toList();
  }
}
