package dev.earmark.app.gui.waveform;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Tick marks of the time ruler: a "nice" step (1, 2 or 5 times a power of ten seconds, or 10 s, 15
 * s, 30 s, 1, 2, 5, 10, 15, 30 min, 1 h) chosen so labelled ticks are at least a given number of
 * pixels apart, with unlabelled minor ticks between them. Pure and immutable.
 */
public final class TimeRuler {
  private static final double[] LONG_STEPS = {10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600};

  private TimeRuler() {}

  /**
   * One tick.
   *
   * @param x position in pixels
   * @param seconds time at the tick
   * @param label text for a major tick, empty for a minor one
   */
  public record Tick(double x, double seconds, String label) {
    public boolean major() {
      return !label.isEmpty();
    }
  }

  /** The smallest nice step (seconds) whose ticks are at least {@code minSpacing} px apart. */
  public static double step(double secondsPerPixel, double minSpacing) {
    double wanted = secondsPerPixel * minSpacing;
    if (wanted > 5) {
      for (double step : LONG_STEPS) {
        if (step >= wanted) {
          return step;
        }
      }
      return Math.ceil(wanted / 3600) * 3600;
    }
    double power = Math.pow(10, Math.floor(Math.log10(wanted)));
    for (double multiple : new double[] {1, 2, 5, 10}) {
      if (multiple * power >= wanted * (1 - 1e-9)) {
        return multiple * power;
      }
    }
    return 10 * power;
  }

  /** Major ticks (labelled) and minor ticks across the viewport. */
  public static List<Tick> ticks(Viewport viewport, double minSpacing) {
    double step = step(viewport.secondsPerPixel(), minSpacing);
    double minor = minorStep(step);
    double start = viewport.startFrame() / viewport.sampleRate();
    double end = viewport.endFrame() / viewport.sampleRate();
    List<Tick> ticks = new ArrayList<>();
    long first = (long) Math.floor(start / minor);
    for (long i = first; i * minor <= end + minor * 1e-6; i++) {
      double seconds = i * minor;
      if (seconds < start - minor * 1e-6) {
        continue;
      }
      double ratio = seconds / step;
      boolean major = Math.abs(ratio - Math.rint(ratio)) < 1e-6;
      ticks.add(new Tick(viewport.xOfSeconds(seconds), seconds, major ? label(seconds, step) : ""));
    }
    return ticks;
  }

  private static double minorStep(double step) {
    double power = Math.pow(10, Math.floor(Math.log10(step) + 1e-9));
    double lead = step / power;
    if (Math.abs(lead - 2) < 1e-6) {
      return step / 4;
    }
    if (step == 15 || step == 900) {
      return step / 3;
    }
    if (step == 30 || step == 1800) {
      return step / 3;
    }
    return step / 5;
  }

  /** "1:05:00" from an hour, "2:30" from a minute, else seconds with as many decimals as needed. */
  public static String label(double seconds, double step) {
    if (step >= 60 || seconds >= 60 && step >= 1) {
      long whole = Math.round(seconds);
      long h = whole / 3600;
      long m = whole / 60 % 60;
      long s = whole % 60;
      return h > 0
          ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s)
          : String.format(Locale.ROOT, "%d:%02d", m, s);
    }
    int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9));
    if (seconds >= 60) {
      long minutes = (long) Math.floor(seconds / 60);
      double rest = seconds - minutes * 60;
      String restText =
          String.format(Locale.ROOT, "%0" + (decimals + 3) + "." + decimals + "f", rest);
      return minutes + ":" + restText;
    }
    return String.format(Locale.ROOT, "%." + decimals + "f", seconds) + "s";
  }
}
