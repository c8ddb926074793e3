package dev.earmark.storage.importer.interchange;

import java.util.List;
import java.util.Objects;

/**
 * The tiers of a Praat TextGrid or an ELAN EAF document, as read. Immutable.
 *
 * @param endSeconds the end of the document's time axis (TextGrid {@code xmax}; EAF: the last time
 *     slot)
 * @param mediaUrls the audio the document names, most specific first (EAF {@code
 *     RELATIVE_MEDIA_URL}, {@code MEDIA_URL}); empty for a TextGrid, which names none
 * @param tiers the interval tiers in document order
 * @param skipped what was left out (point tiers, dependent EAF tiers), one sentence each
 */
public record TierDocument(
    double endSeconds, List<String> mediaUrls, List<Tier> tiers, List<String> skipped) {
  public TierDocument {
    mediaUrls = List.copyOf(mediaUrls);
    tiers = List.copyOf(tiers);
    skipped = List.copyOf(skipped);
  }

  /**
   * One tier: its name and its non-empty intervals in time order (a TextGrid's empty intervals are
   * gaps, not segments).
   */
  public record Tier(String name, String participant, List<Segment> segments) {
    public Tier {
      Objects.requireNonNull(name, "name");
      segments = List.copyOf(segments);
    }
  }
}
