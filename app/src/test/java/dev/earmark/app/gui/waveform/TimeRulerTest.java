package dev.earmark.app.gui.waveform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimeRulerTest {

  @ParameterizedTest(name = "{0} s/px -> step {1} s")
  @CsvSource(
      textBlock =
          """
          3.6,        600
          0.5,        60
          0.06,       10
          0.05,       5
          0.01,       1
          0.004,      0.5
          0.0011,     0.1
          0.0001,     0.01
          0.000002,   0.0002
          """)
  void stepIsTheSmallestNiceStepAtLeastNinetyPixelsWide(double secondsPerPixel, double step) {
    assertThat(TimeRuler.step(secondsPerPixel, 90))
        .isCloseTo(step, org.assertj.core.api.Assertions.within(step * 1e-9));
    assertThat(step / secondsPerPixel).isGreaterThanOrEqualTo(90 - 1e-6);
  }

  @ParameterizedTest(name = "{0} s at step {1} -> {2}")
  @CsvSource(
      textBlock =
          """
          0,       1,       0s
          2.5,     0.5,     2.5s
          0.0125,  0.0005,  0.0125s
          90,      10,      1:30
          3600,    600,     1:00:00
          3725,    5,       1:02:05
          65.5,    0.5,     1:05.5
          """)
  void labelsReadAsTimes(double seconds, double step, String label) {
    assertThat(TimeRuler.label(seconds, step)).isEqualTo(label);
  }

  @Test
  void majorTicksAreEvenlySpacedAndCoverTheView() {
    Viewport view = new Viewport(16_000L * 60, 16_000, 1000, 16_000 * 3.3, 160); // 10 s visible
    List<TimeRuler.Tick> ticks = TimeRuler.ticks(view, 150);
    List<TimeRuler.Tick> major = ticks.stream().filter(TimeRuler.Tick::major).toList();
    assertThat(major)
        .extracting(TimeRuler.Tick::label)
        .containsExactly("4s", "6s", "8s", "10s", "12s");
    assertThat(major.get(1).x() - major.get(0).x()).isEqualTo(200.0);
    assertThat(ticks).allSatisfy(t -> assertThat(t.x()).isBetween(0.0, 1000.0));
    assertThat(ticks.size()).isGreaterThan(major.size()); // minor ticks between the labels
  }
}
