package dev.earmark.storage;

import dev.earmark.fixtures.DemoDataset;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The one clock storage's tests read "now" from, so no outcome depends on the day the suite runs
 * (STYLE.md: no hidden "now"). It stands on the demo dataset's reference day.
 */
public final class TestClocks {
  /** Ten o'clock UTC on {@link DemoDataset#REFERENCE_DATE}, forever. */
  public static final Clock FIXED =
      Clock.fixed(Instant.parse(DemoDataset.REFERENCE_DATE + "T10:00:00Z"), ZoneOffset.UTC);

  private TestClocks() {}
}
