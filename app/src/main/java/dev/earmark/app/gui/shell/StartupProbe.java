package dev.earmark.app.gui.shell;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.scene.Scene;

/**
 * Measures the workbench's start for the P9 and P10 benchmarks (docs/BENCHMARKS.md); inactive
 * unless the JVM runs with {@code -Dearmark.probe=FILE}. It writes to FILE, as {@code key=value}
 * lines: the milliseconds from the process's start (as the operating system records it) to the
 * first frame of the window ({@code first_frame_ms}) and to the first frame with a screen of the
 * open project in front ({@code interactive_ms}), each with the CPU time the process had used by
 * then ({@code *_cpu_ms}, all threads: the steadier figure on a loaded machine); then, {@code
 * earmark.probe.settle} seconds later (default 10, so that queues and pictures have loaded), the
 * resident set size from /proc ({@code rss_mb}) and the heap in use after a GC ({@code
 * heap_used_mb}). With {@code -Dearmark.probe.exit=true} the window closes after writing. Used on
 * the JavaFX thread.
 */
public final class StartupProbe {
  private final Path file;
  private final Instant processStart;
  private final StringBuilder lines = new StringBuilder();
  private boolean firstFrame;
  private boolean interactive;

  private StartupProbe(Path file, Instant processStart) {
    this.file = file;
    this.processStart = processStart;
  }

  /** The probe the system properties ask for, if any. */
  public static Optional<StartupProbe> fromSystemProperties() {
    String target = System.getProperty("earmark.probe");
    if (target == null || target.isBlank()) {
      return Optional.empty();
    }
    Instant start =
        ProcessHandle.current()
            .info()
            .startInstant()
            .orElse(Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime()));
    return Optional.of(new StartupProbe(Path.of(target), start));
  }

  /** Starts watching the frames of {@code scene} for the shell's first screen. */
  public void watch(WorkbenchShell shell, Scene scene) {
    Runnable pulse =
        new Runnable() {
          @Override
          public void run() {
            if (!firstFrame) {
              firstFrame = true;
              record("first_frame_ms", sinceStart());
              record("first_frame_cpu_ms", cpuMillis());
            }
            if (!interactive && shell.activeScreen().isPresent()) {
              interactive = true;
              record("interactive_ms", sinceStart());
              record("interactive_cpu_ms", cpuMillis());
              scene.removePostLayoutPulseListener(this);
              settleThenMeasureMemory();
            }
          }
        };
    scene.addPostLayoutPulseListener(pulse);
  }

  private void settleThenMeasureMemory() {
    double seconds = Double.parseDouble(System.getProperty("earmark.probe.settle", "10"));
    PauseTransition wait = new PauseTransition(javafx.util.Duration.seconds(seconds));
    wait.setOnFinished(
        event -> {
          record("rss_mb", residentMegabytes());
          System.gc();
          Runtime runtime = Runtime.getRuntime();
          record("heap_used_mb", (runtime.totalMemory() - runtime.freeMemory()) / 1048576);
          record("heap_committed_mb", runtime.totalMemory() / 1048576);
          record("rss_after_gc_mb", residentMegabytes());
          if (Boolean.getBoolean("earmark.probe.exit")) {
            Platform.exit();
          }
        });
    wait.play();
  }

  private long sinceStart() {
    return Duration.between(processStart, Instant.now()).toMillis();
  }

  /**
   * CPU time of the whole process (all threads) so far: on a loaded machine, the steadier figure.
   */
  private static long cpuMillis() {
    return ProcessHandle.current().info().totalCpuDuration().map(Duration::toMillis).orElse(-1L);
  }

  private static long residentMegabytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          String kb = line.substring(6).strip().split("\\s+")[0];
          return Long.parseLong(kb) / 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1; // not Linux: no figure
    }
    return -1;
  }

  private void record(String key, long value) {
    lines.append(key).append('=').append(String.format(Locale.ROOT, "%d", value)).append('\n');
    try {
      Files.writeString(file, lines, StandardCharsets.UTF_8);
    } catch (IOException e) {
      System.err.println(
          "earmark: the start-up probe cannot write " + file + ": " + e.getMessage());
    }
  }
}
