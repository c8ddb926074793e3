package dev.earmark.app.gui.player;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ListeningCoverageTest {

  /** Intervals as "from-to" pairs separated by spaces, heard in that order, on a 10 s clip. */
  @ParameterizedTest(name = "{0} -> {1} s in {2} stretches")
  @CsvSource(
      textBlock =
          """
          '',                        0,    0
          0-1,                       1,    1
          0-1 1-2,                   2,    1
          0-1 0.5-1.5,               1.5,  1
          2-3 0-1,                   2,    2
          2-3 0-1 0.5-2.5,           3,    1
          0-10 3-4,                  10,   1
          9-12,                      1,    1
          -2-1,                      1,    1
          5-4,                       0,    0
          1-2 3-4 5-6 0-7,           7,    1
          1-2 3-4 5-6 2-3,           4,    2
          """)
  void replaysCountOnceAndGapsDoNotCount(String heard, double seconds, int stretches) {
    ListeningCoverage coverage = new ListeningCoverage(10);
    for (String range : heard.isBlank() ? new String[0] : heard.split(" ")) {
      int dash = range.indexOf('-', 1);
      coverage.heard(
          Double.parseDouble(range.substring(0, dash)),
          Double.parseDouble(range.substring(dash + 1)));
    }
    assertThat(coverage.heardSeconds()).isCloseTo(seconds, within(1e-9));
    assertThat(coverage.heardFraction()).isCloseTo(seconds / 10, within(1e-9));
    assertThat(coverage.stretches()).isEqualTo(stretches);
  }
}
