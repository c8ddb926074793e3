package dev.earmark.storage.export.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hand-written time formatting prints exactly what {@code String.format} printed before it
 * (issue 22): every format's times go through these two methods, so the files stay byte-identical.
 */
class FormatFilesTest {

  @ParameterizedTest
  @ValueSource(
      doubles = {
        0.0,
        -0.0,
        0.0005,
        0.0015,
        0.0025,
        1.0005,
        2.0005,
        2.675,
        1.2345,
        0.1 + 0.2,
        0.1,
        0.9995,
        0.99949999,
        0.99950001,
        9.9995,
        59.9995,
        3599.9995,
        1e-300,
        Double.MIN_VALUE,
        4.9e-4,
        5.0e-4,
        5.1e-4,
        999_999_999.9995,
        999_999_999.999,
        1e9,
        1e9 + 0.0005,
        1e12,
        1e17,
        Double.MAX_VALUE,
        -0.0004,
        -0.0005,
        -1.2345,
        -2.5,
        Double.NaN,
        Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY
      })
  void secondsPrintsWhatTheFormatterPrintedOnEdgeValues(double value) {
    assertEquals(String.format(Locale.ROOT, "%.3f", value), FormatFiles.seconds(value));
  }

  @Test
  void secondsPrintsWhatTheFormatterPrintedAroundEveryThousandthAndEveryTie() {
    List<Double> values = new ArrayList<>();
    for (long k = 0; k <= 60_000; k++) {
      for (double base :
          new double[] {k / 1000.0, (k + 0.5) / 1000.0, k * 0.001, k * 0.001 + 5e-4}) {
        double below = base;
        double above = base;
        for (int step = 0; step < 3; step++) {
          values.add(below);
          values.add(above);
          below = Math.nextDown(below);
          above = Math.nextUp(above);
        }
      }
    }
    for (double value : values) {
      if (value >= 0) {
        assertEquals(
            String.format(Locale.ROOT, "%.3f", value),
            FormatFiles.seconds(value),
            () -> "value " + value);
      }
    }
  }

  @Test
  void secondsPrintsWhatTheFormatterPrintedOnRandomValues() {
    SplittableRandom random = new SplittableRandom(22);
    for (int i = 0; i < 100_000; i++) {
      double value =
          switch (i % 4) {
            case 0 -> random.nextDouble() * 10;
            case 1 -> random.nextDouble() * 100_000;
            case 2 -> random.nextInt(10_000_000) / 1000.0 + random.nextInt(3) * 5e-4;
            default -> Double.longBitsToDouble(random.nextLong() & Long.MAX_VALUE);
          };
      assertEquals(
          String.format(Locale.ROOT, "%.3f", value),
          FormatFiles.seconds(value),
          () -> "value " + value);
    }
  }

  @ParameterizedTest
  @ValueSource(
      longs = {
        0,
        1,
        9,
        10,
        99,
        100,
        999,
        1000,
        1001,
        1010,
        1100,
        59_999,
        3_600_000,
        Long.MAX_VALUE,
        -1,
        -999,
        -1000,
        -1500,
        Long.MIN_VALUE
      })
  void millisAsSecondsPrintsWhatTheFormatterPrinted(long millis) {
    assertEquals(
        String.format(Locale.ROOT, "%d.%03d", millis / 1000, millis % 1000),
        FormatFiles.millisAsSeconds(millis));
  }

  @Test
  void millisAsSecondsPrintsWhatTheFormatterPrintedOnEveryMillisecondOfTenMinutes() {
    for (long millis = 0; millis <= 600_000; millis++) {
      assertEquals(
          String.format(Locale.ROOT, "%d.%03d", millis / 1000, millis % 1000),
          FormatFiles.millisAsSeconds(millis));
    }
  }
}
