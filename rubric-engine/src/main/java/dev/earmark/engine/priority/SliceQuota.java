package dev.earmark.engine.priority;

import java.util.Locale;
import java.util.Objects;

/**
 * A cap on one slice tag: no single value of {@code tag} may take more than {@code share} of a
 * batch ({@code accent=0.4}: at most 40% of the batch from any one accent). Clips without the tag
 * are not limited by it. Immutable.
 *
 * @param tag the slice tag, as manifests name it ("accent", "noise", "device"…)
 * @param share the largest share of the batch one value may take, in (0, 1]
 */
public record SliceQuota(String tag, double share) {
  public SliceQuota {
    Objects.requireNonNull(tag, "tag");
    if (tag.isBlank()) {
      throw new PriorityException("A slice quota names a slice tag, such as accent=0.4.");
    }
    if (!(share > 0 && share <= 1)) {
      throw new PriorityException(
          "The quota of slice tag "
              + tag
              + " must be a share above 0 and at most 1, such as "
              + tag
              + "=0.4; got "
              + share
              + ".");
    }
  }

  /**
   * Reads {@code TAG=SHARE}, as the command line writes a quota.
   *
   * @throws PriorityException when the text is not of that form or the share is out of range
   */
  public static SliceQuota parse(String text) {
    int equals = text.indexOf('=');
    if (equals <= 0 || equals == text.length() - 1) {
      throw new PriorityException(
          "A slice quota is written TAG=SHARE, such as accent=0.4; got '" + text + "'.");
    }
    String tag = text.substring(0, equals).strip();
    String share = text.substring(equals + 1).strip();
    try {
      return new SliceQuota(tag, Double.parseDouble(share));
    } catch (NumberFormatException e) {
      throw new PriorityException(
          "The share in slice quota '" + text + "' is not a number such as 0.4.");
    }
  }

  /** The most clips one value of the tag may have in a batch of {@code batchSize}; at least 1. */
  public int cap(int batchSize) {
    return Math.max(1, (int) Math.floor(share * batchSize + 1e-9));
  }

  @Override
  public String toString() {
    return tag + "=" + String.format(Locale.ROOT, "%s", share);
  }
}
