package dev.earmark.app.gui.waveform;

import static dev.earmark.app.gui.FxThread.fx;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import atlantafx.base.theme.PrimerLight;
import dev.earmark.app.gui.background.FxTaskExecutor;
import dev.earmark.app.gui.player.EngineAudioPlayer;
import dev.earmark.audio.peaks.PeakCache;
import dev.earmark.audio.spectrogram.SpectrogramSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * P2 measured on the real control (not part of the build: timings on a shared 2-core machine are
 * noise, so it runs only with {@code -Dearmark.p2=true}; see docs/BENCHMARKS.md). A 1-hour 16 kHz
 * mono WAV in a 1600 px wide {@link WaveformView} under headless Monocle with the software
 * renderer:
 *
 * <ul>
 *   <li>first paint: from {@code open()} until the first repaint that draws the clip, with an empty
 *       and with a warm peak cache;
 *   <li>repaint: {@code WaveformView.repaint()} after a 40 px scroll or a zoom step at several zoom
 *       levels (the FX-thread cost: building the canvas's drawing commands), and the same followed
 *       by a scene snapshot (which also rasterises the canvas in software: an upper bound of a
 *       frame's cost).
 * </ul>
 *
 * Figures are printed and written to {@code target/p2-waveform.txt}.
 */
@ExtendWith(ApplicationExtension.class)
class WaveformP2Measurement {
  private static final int RATE = 16_000;
  private static final long FRAMES = 3600L * RATE;

  private final FxTaskExecutor executor = new FxTaskExecutor(2);
  private final List<String> report = new ArrayList<>();
  private Stage stage;

  @Start
  void start(Stage stage) {
    this.stage = stage;
  }

  private static Path hourLongClip() throws IOException {
    Path dir = Path.of(System.getProperty("java.io.tmpdir"), "earmark-p2");
    Path wav = dir.resolve("hour.wav");
    if (Files.isRegularFile(wav) && Files.size(wav) == 44 + FRAMES * 2) {
      return wav; // the same clip as the JMH WaveformBenchmark writes
    }
    Files.createDirectories(dir);
    Random noise = new Random(42);
    Path part = dir.resolve("hour.wav.part");
    TestClips.writeWav(
        part,
        RATE,
        1,
        FRAMES,
        (frame, channel) -> {
          double t = frame / (double) RATE;
          double syllable = t % 0.7;
          double envelope = syllable < 0.45 ? Math.sin(Math.PI * syllable / 0.45) : 0;
          double loud = 0.3 + 0.6 * (0.5 + 0.5 * Math.sin(2 * Math.PI * t / 97));
          return loud * envelope * Math.sin(2 * Math.PI * 180 * t) + 0.01 * noise.nextGaussian();
        });
    Files.move(part, wav, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    return wav;
  }

  @Test
  void measureFirstPaintAndRepaintOfAnHourLongClip() throws Exception {
    assumeTrue(Boolean.getBoolean("earmark.p2"), "P2 measurement runs only with -Dearmark.p2=true");
    Path wav = hourLongClip();
    Path peaks = Files.createTempDirectory("earmark-p2-peaks");
    WaveformViewModel model =
        new WaveformViewModel(
            executor,
            new EngineAudioPlayer(executor),
            PeakLoader.cached(new PeakCache(peaks)),
            SpectrogramSettings.defaults());
    WaveformView view = new WaveformView(model, executor);
    Scene scene =
        fx(
            () -> {
              VBox root = new VBox(view, new TransportBar(model));
              VBox.setVgrow(view, Priority.ALWAYS);
              Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
              Scene s = new Scene(root, 1600, 400);
              stage.setScene(s);
              stage.sizeToScene();
              stage.show();
              return s;
            });
    WaitForAsyncUtils.waitForFxEvents();

    for (String cache : List.of("empty peak cache (decode + build)", "warm peak cache")) {
      long paintsBefore = fx(view::clipPaints);
      WaveformClip before = fx(() -> model.clipProperty().get());
      long start = System.nanoTime();
      fx(
          () -> {
            model.open(wav);
            return null;
          });
      while (fx(() -> model.clipProperty().get() == before || view.clipPaints() == paintsBefore)) {
        Thread.sleep(2);
      }
      report.add(
          String.format(
              Locale.ROOT, "first paint, %s: %.0f ms", cache, (System.nanoTime() - start) / 1e6));
    }

    for (double seconds : new double[] {3600, 60, 10, 1}) {
      fx(
          () -> {
            Viewport fit = model.viewport();
            double fpp = seconds * RATE / fit.width();
            model.zoomAt(fit.framesPerPixel() / fpp, 0);
            model.scrollTo(1800);
            return null;
          });
      awaitSettled(view);
      long[] scroll = new long[200];
      long[] scrollFrame = new long[50];
      long[] zoom = new long[100];
      long[] snapshotOnly = new long[50];
      for (int i = 0; i < snapshotOnly.length; i++) {
        snapshotOnly[i] =
            fx(
                () -> {
                  long t = System.nanoTime();
                  scene.snapshot(null);
                  return System.nanoTime() - t;
                });
      }
      for (int i = 0; i < scroll.length; i++) {
        int step = i;
        scroll[i] =
            fx(
                () -> {
                  model.scrollBy(step % 2 == 0 ? 40 : -40);
                  view.repaint();
                  return view.lastRepaintNanos();
                });
      }
      for (int i = 0; i < scrollFrame.length; i++) {
        int step = i;
        scrollFrame[i] =
            fx(
                () -> {
                  long t = System.nanoTime();
                  model.scrollBy(step % 2 == 0 ? 40 : -40);
                  view.repaint();
                  scene.snapshot(null);
                  return System.nanoTime() - t;
                });
      }
      for (int i = 0; i < zoom.length; i++) {
        int step = i;
        zoom[i] =
            fx(
                () -> {
                  if (step % 2 == 0) {
                    model.zoomAt(2, 800);
                  } else {
                    model.zoomAt(0.5, 800);
                  }
                  view.repaint();
                  return view.lastRepaintNanos();
                });
      }
      report.add(row(seconds, "scroll 40 px, repaint", scroll));
      report.add(row(seconds, "zoom step, repaint", zoom));
      report.add(row(seconds, "scroll + repaint + software render (snapshot)", scrollFrame));
      report.add(row(seconds, "snapshot alone, nothing changed (baseline)", snapshotOnly));
    }

    fx(
        () -> {
          model.toggleSpectrogram();
          Viewport fit = model.viewport();
          model.zoomToFit();
          model.zoomAt(model.viewport().framesPerPixel() / (10.0 * RATE / fit.width()), 0);
          model.scrollTo(1800);
          return null;
        });
    awaitSettled(view);
    long[] spectrogram = new long[100];
    for (int i = 0; i < spectrogram.length; i++) {
      int step = i;
      spectrogram[i] =
          fx(
              () -> {
                model.scrollBy(step % 2 == 0 ? 40 : -40);
                view.repaint();
                return view.lastRepaintNanos();
              });
    }
    report.add(row(10, "scroll 40 px, repaint with spectrogram (tiles cached)", spectrogram));

    report.forEach(System.out::println);
    Files.write(Path.of("target", "p2-waveform.txt"), report);
    fx(
        () -> {
          model.player().close();
          return null;
        });
    executor.shutdown();
    try (var files = java.nio.file.Files.walk(peaks)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private static void awaitSettled(WaveformView view) throws Exception {
    WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> fx(view::settled));
    Thread.sleep(300); // let sample windows for deep zoom arrive
    WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> fx(view::settled));
  }

  private static String row(double seconds, String what, long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return String.format(
        Locale.ROOT,
        "%6.0f s visible | %-52s | median %6.2f ms | p95 %6.2f ms | max %6.2f ms",
        seconds,
        what,
        sorted[sorted.length / 2] / 1e6,
        sorted[(int) (sorted.length * 0.95)] / 1e6,
        sorted[sorted.length - 1] / 1e6);
  }
}
