package dev.earmark.app.gui.waveform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ViewportTest {
  private static final long HOUR = 3600L * 16_000;

  @Test
  void fitShowsTheWholeClipAcrossTheWidth() {
    Viewport view = Viewport.fit(HOUR, 16_000, 1000);
    assertThat(view.framesPerPixel()).isEqualTo(57_600.0);
    assertThat(view.startFrame()).isZero();
    assertThat(view.endFrame()).isEqualTo(HOUR);
    assertThat(view.isFit()).isTrue();
    assertThat(view.secondsAt(500)).isEqualTo(1800.0);
  }

  /** Time -> pixel -> time is the identity at every zoom level from fit to 32 px per sample. */
  @ParameterizedTest(name = "{0} frames per pixel, start {1}")
  @CsvSource(
      textBlock =
          """
          57600,      0
          4096,       1000000
          64,         30000000
          1,          57000000
          0.25,       57599000.5
          0.03125,    12345.75
          """)
  void pixelAndTimeMappingsAreInverse(double framesPerPixel, double start) {
    Viewport view = new Viewport(HOUR, 16_000, 1000, start, framesPerPixel);
    assertThat(view.framesPerPixel()).isEqualTo(framesPerPixel);
    assertThat(view.startFrame()).isEqualTo(start);
    for (double x : new double[] {0, 0.5, 1, 333.25, 999}) {
      assertThat(view.xOf(view.frameAt(x))).isCloseTo(x, within(1e-6));
    }
    assertThat(view.xOfSeconds(view.secondsAt(700))).isCloseTo(700, within(1e-6));
    assertThat(view.frameAt(1000)).isCloseTo(start + 1000 * framesPerPixel, within(1e-6));
  }

  @Test
  void zoomIsClampedBetweenFitAndThirtyTwoPixelsPerSample() {
    Viewport view = Viewport.fit(HOUR, 16_000, 1000);
    assertThat(view.zoom(0.5, 500).framesPerPixel()).isEqualTo(57_600.0);
    Viewport deep = view;
    for (int i = 0; i < 40; i++) {
      deep = deep.zoom(2, 500);
    }
    assertThat(deep.framesPerPixel()).isEqualTo(Viewport.MIN_FRAMES_PER_PIXEL);
    assertThat(deep.isMaxZoom()).isTrue();
    assertThat(deep.visibleFrames()).isEqualTo(1000 / 32.0);
  }

  @ParameterizedTest(name = "zoom x{0} around x={1}")
  @CsvSource(
      textBlock =
          """
          2,    0
          2,    250
          4,    999
          0.5,  600
          8,    10
          """)
  void zoomKeepsTheTimeUnderTheAnchorInPlace(double factor, double anchorX) {
    Viewport view = new Viewport(HOUR, 16_000, 1000, 20_000_000, 1024);
    double before = view.frameAt(anchorX);
    Viewport zoomed = view.zoom(factor, anchorX);
    assertThat(zoomed.framesPerPixel()).isEqualTo(1024 / factor);
    assertThat(zoomed.frameAt(anchorX)).isCloseTo(before, within(1e-6));
  }

  @Test
  void zoomNearTheEndCannotShowPastTheLastFrame() {
    Viewport view = new Viewport(HOUR, 16_000, 1000, HOUR - 10_000, 10).zoom(0.25, 999);
    assertThat(view.endFrame()).isEqualTo(HOUR);
    assertThat(view.framesPerPixel()).isEqualTo(40.0);
  }

  @ParameterizedTest(name = "scroll by {0} px from {1}")
  @CsvSource(
      textBlock =
          """
          100,     0,               10000
          -100,    5000,            0
          -100,    20000,           10000
          1000000, 0,               57500000
          """)
  void scrollingIsClampedToTheClip(double pixels, double start, double expectedStart) {
    Viewport view = new Viewport(HOUR, 16_000, 1000, start, 100);
    assertThat(view.scrollBy(pixels).startFrame()).isEqualTo(expectedStart);
  }

  @Test
  void aShortClipAtDeepestZoomStaysAtTheStart() {
    Viewport view = new Viewport(10, 16_000, 1000, 5, Viewport.MIN_FRAMES_PER_PIXEL);
    assertThat(view.framesPerPixel()).isEqualTo(0.01); // fit is deeper than 1/32
    assertThat(view.startFrame()).isZero();
    assertThat(view.frameAt(2000)).isEqualTo(10.0);
  }

  @Test
  void resizingKeepsAFittedViewFitted() {
    Viewport view = Viewport.fit(HOUR, 16_000, 1000).withWidth(1500);
    assertThat(view.isFit()).isTrue();
    assertThat(view.framesPerPixel()).isEqualTo(HOUR / 1500.0);
    Viewport zoomed = new Viewport(HOUR, 16_000, 1000, 1000, 64).withWidth(500);
    assertThat(zoomed.framesPerPixel()).isEqualTo(64.0);
    assertThat(zoomed.startFrame()).isEqualTo(1000.0);
  }

  @Test
  void showFillsTheWidthWithARange() {
    Viewport view = Viewport.fit(HOUR, 16_000, 800).show(16_000, 32_000);
    assertThat(view.startFrame()).isEqualTo(16_000.0);
    assertThat(view.framesPerPixel()).isEqualTo(20.0);
    assertThat(view.centredOn(48_000).startFrame()).isEqualTo(40_000.0);
  }
}
