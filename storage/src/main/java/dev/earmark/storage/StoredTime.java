package dev.earmark.storage;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * How storage writes time: UTC with millisecond precision, so that H2 and PostgreSQL read back the
 * exact value written and audit hashes (which cover timestamps) verify on both.
 */
public final class StoredTime {
  private StoredTime() {}

  /** The current time of {@code clock} as storage writes it. */
  public static OffsetDateTime now(Clock clock) {
    return of(clock.instant());
  }

  /** {@code instant} as storage writes it. */
  public static OffsetDateTime of(Instant instant) {
    return OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC);
  }
}
