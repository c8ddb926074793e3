package dev.earmark.audio.playback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The playback engine against a sink that runs in real time: Debian's PulseAudio with a null sink,
 * started by the test under {@code target/pulse} (the surefire configuration points ALSA's default
 * device there, see {@code src/test/resources/playback}), whose monitor {@code parecord} records
 * while the engine plays, pauses, seeks, loops, changes speed and reaches the end. The clip has one
 * tone per second (300, 600, 900, 1200 Hz), so the recording says which part of the clip was heard,
 * for how long, and at what pitch. Without the packages the real-sink test skips, naming them.
 */
class PlaybackOnRealSinkTest {
  private static final int RATE = 16_000;
  private static final String PACKAGES =
      "Debian's pulseaudio, pulseaudio-utils and libasound2-plugins"
          + " (apt-get install pulseaudio pulseaudio-utils libasound2-plugins)";

  static PcmClip toneClip() {
    float[] samples = new float[4 * RATE];
    for (int i = 0; i < samples.length; i++) {
      double hertz = 300 * (1 + i / RATE);
      samples[i] = (float) (0.5 * Math.sin(2 * Math.PI * hertz * i / RATE));
    }
    return new PcmClip(RATE, new float[][] {samples});
  }

  @Test
  @Timeout(60)
  void playPauseSeekLoopSpeedAndEndAreHeardOnARealTimeSink() throws Exception {
    Path socket = socketOrSkip();
    Path dir = socket.getParent();
    Process server = startServer(dir, socket);
    Process recorder = null;
    try {
      Path capture = dir.resolve("capture.raw");
      Files.deleteIfExists(capture);
      recorder =
          new ProcessBuilder(
                  "parecord",
                  "--device=earmark.monitor",
                  "--raw",
                  "--rate=" + RATE,
                  "--channels=1",
                  "--format=s16le",
                  "--latency-msec=20",
                  capture.toString())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("parecord.log").toFile())
              .start();
      Thread.sleep(500);
      List<Double> positions = new ArrayList<>();
      List<Double> loopPositions = new ArrayList<>();
      PlaybackStatus endStatus;
      try (PlaybackEngine engine = new PlaybackEngine(toneClip(), (status, why) -> {})) {
        assertThat(engine.status()).as(engine.message()).isEqualTo(PlaybackStatus.PAUSED);

        double start = playUntilHeard(engine); // 300 Hz for 0.6 s
        Thread.sleep(600);
        engine.pause();
        positions.add(engine.positionSeconds() - start);
        Thread.sleep(500);
        positions.add(engine.positionSeconds() - start); // paused: unchanged

        engine.seek(2.0); // 900 Hz for 0.5 s
        playUntilHeard(engine);
        Thread.sleep(500);
        engine.pause();
        positions.add(engine.positionSeconds());
        Thread.sleep(400);

        engine.setLoop(1.0, 1.5); // 600 Hz, looped, for 1.2 s
        engine.seek(1.0);
        playUntilHeard(engine);
        for (int i = 0; i < 12; i++) {
          Thread.sleep(100);
          loopPositions.add(engine.positionSeconds());
        }
        engine.pause();
        engine.clearLoop();
        Thread.sleep(400);

        engine.setRate(0.5); // 1200 Hz at half speed for 1.0 s: pitch kept
        engine.seek(3.0);
        start = playUntilHeard(engine);
        Thread.sleep(1000);
        engine.pause();
        positions.add(engine.positionSeconds() - start);
        Thread.sleep(400);

        engine.setRate(1.0); // the last 0.3 s, to the end
        engine.seek(3.7);
        engine.play();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (engine.status() == PlaybackStatus.PLAYING && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        endStatus = engine.status();
        positions.add(engine.positionSeconds());
      }
      Thread.sleep(500);
      recorder.destroy();
      recorder.waitFor(5, TimeUnit.SECONDS);

      assertThat(positions.get(0)).as("0.6 s at 1x").isCloseTo(0.6, within(0.25));
      assertThat(positions.get(1)).as("paused").isEqualTo(positions.get(0));
      // Right after a seek the position shows the target until the new part is heard (up to the
      // 100 ms buffer plus the sink's latency), so the value is checked loosely.
      assertThat(positions.get(2)).as("after seeking to 2 s and playing").isGreaterThan(2.1);
      assertThat(loopPositions).allSatisfy(p -> assertThat(p).isBetween(0.95, 1.55));
      assertThat(hasWrapped(loopPositions)).as("loop wrapped: " + loopPositions).isTrue();
      // Speed is checked loosely by position (start-up latency counts in); the recording below
      // checks the pitch and how long the half-speed part sounded.
      assertThat(positions.get(3)).as("1 s at 0.5x: slower than real time").isBetween(0.3, 0.95);
      assertThat(endStatus).isEqualTo(PlaybackStatus.ENDED);
      assertThat(positions.get(4)).isEqualTo(4.0);

      List<Segment> heard = segments(readCapture(capture));
      assertThat(heard)
          .extracting(Segment::tone)
          .as("tones heard, in order: " + heard)
          .startsWith(300, 0, 900, 0, 600, 0, 1200);
      // each tone also sounds while playUntilHeard waits for the position to move; the end of
      // the clip is checked by status and position (a stream's first 0.3 s may not reach the sink)
      assertThat(heard.get(0).seconds()).isCloseTo(0.7, within(0.3));
      assertThat(heard.get(2).seconds()).isCloseTo(0.6, within(0.3));
      assertThat(heard.get(4).seconds()).as("the loop keeps playing").isCloseTo(1.3, within(0.3));
      assertThat(heard.get(6).seconds()).as("half speed: " + heard).isCloseTo(1.25, within(0.3));
    } finally {
      if (recorder != null) {
        recorder.destroyForcibly();
      }
      server.destroy();
      if (!server.waitFor(5, TimeUnit.SECONDS)) {
        server.destroyForcibly();
      }
    }
  }

  /**
   * Plays and waits (at most 5 s) until the device's position moves: a PulseAudio stream takes up
   * to a second to start on a null sink. Returns the position it started from.
   */
  private static double playUntilHeard(PlaybackEngine engine) throws InterruptedException {
    double before = engine.positionSeconds();
    engine.play();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    double now = engine.positionSeconds();
    while (Math.abs(now - before) < 0.15 && System.nanoTime() < deadline) {
      Thread.sleep(5);
      now = engine.positionSeconds();
    }
    assertThat(engine.status()).isEqualTo(PlaybackStatus.PLAYING);
    return now;
  }

  private static boolean hasWrapped(List<Double> positions) {
    for (int i = 1; i < positions.size(); i++) {
      if (positions.get(i) < positions.get(i - 1) - 0.2) {
        return true;
      }
    }
    return false;
  }

  private static Path socketOrSkip() {
    String server = System.getenv("PULSE_SERVER");
    assumeTrue(
        server != null && server.startsWith("unix:"),
        "PULSE_SERVER is not set: run this test through Maven (audio/pom.xml sets it)");
    assumeTrue(
        onPath("pulseaudio") && onPath("parecord") && pulsePluginInstalled(),
        "playback on a real sink needs " + PACKAGES);
    return Path.of(server.substring("unix:".length()));
  }

  private static boolean onPath(String tool) {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
  }

  private static boolean pulsePluginInstalled() {
    try (Stream<Path> files = Files.walk(Path.of("/usr/lib"), 3)) {
      return files.anyMatch(
          file -> file.getFileName().toString().equals("libasound_module_pcm_pulse.so"));
    } catch (IOException e) {
      return false;
    }
  }

  private static Process startServer(Path dir, Path socket) throws Exception {
    Files.createDirectories(dir);
    Files.deleteIfExists(socket);
    ProcessBuilder builder =
        new ProcessBuilder(
                "pulseaudio",
                "-n",
                "--daemonize=no",
                "--exit-idle-time=-1",
                "--use-pid-file=no",
                "--log-target=stderr",
                "-L",
                "module-null-sink sink_name=earmark rate=" + RATE + " channels=1",
                "-L",
                "module-native-protocol-unix socket=" + socket + " auth-anonymous=1")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("pulseaudio.log").toFile());
    builder.environment().put("HOME", dir.toString());
    builder.environment().put("XDG_RUNTIME_DIR", dir.toString());
    Process server = builder.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!Files.exists(socket)) {
      assertThat(server.isAlive())
          .as("pulseaudio started: " + Files.readString(dir.resolve("pulseaudio.log")))
          .isTrue();
      assertThat(System.nanoTime()).as("pulseaudio's socket within 10 s").isLessThan(deadline);
      Thread.sleep(50);
    }
    Thread.sleep(200);
    return server;
  }

  private static float[] readCapture(Path capture) throws IOException {
    ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(capture)).order(ByteOrder.LITTLE_ENDIAN);
    float[] samples = new float[bytes.remaining() / 2];
    for (int i = 0; i < samples.length; i++) {
      samples[i] = bytes.getShort() / 32768f;
    }
    return samples;
  }

  /** A stretch of the recording with one tone (0: silence). */
  record Segment(int tone, double seconds) {}

  /**
   * The recording as tones and silences, from 20 ms windows; the first leading silence is dropped,
   * and stretches shorter than 60 ms (transitions) are merged into their neighbours.
   */
  static List<Segment> segments(float[] samples) {
    int window = RATE / 50;
    List<Integer> tones = new ArrayList<>();
    for (int start = 0; start + window <= samples.length; start += window) {
      double sum = 0;
      int crossings = 0;
      for (int i = start; i < start + window; i++) {
        sum += samples[i] * samples[i];
        if (i > start && samples[i - 1] < 0 && samples[i] >= 0) {
          crossings++;
        }
      }
      double rms = Math.sqrt(sum / window);
      int tone = 0;
      if (rms > 0.05) {
        double hertz = crossings * 50.0;
        tone = (int) (Math.round(hertz / 300.0) * 300);
      }
      tones.add(tone);
    }
    List<Segment> raw = new ArrayList<>();
    int i = 0;
    while (i < tones.size()) {
      int j = i;
      while (j < tones.size() && tones.get(j).equals(tones.get(i))) {
        j++;
      }
      raw.add(new Segment(tones.get(i), (j - i) / 50.0));
      i = j;
    }
    List<Segment> merged = new ArrayList<>();
    for (Segment segment : raw) {
      if (segment.seconds() < 0.06 && !merged.isEmpty()) {
        continue;
      }
      Segment last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last != null && last.tone() == segment.tone()) {
        merged.set(merged.size() - 1, new Segment(last.tone(), last.seconds() + segment.seconds()));
      } else {
        merged.add(segment);
      }
    }
    // A silence under 0.25 s inside one tone is a dropout: the sink starved while the machine was
    // busy and the stream went on where it stopped (every pause in the test lasts 0.4 s or more).
    // The tone's sounding time is what it played, without the gap.
    for (int k = merged.size() - 2; k >= 1; k--) {
      Segment before = merged.get(k - 1);
      Segment after = merged.get(k + 1);
      if (merged.get(k).tone() == 0
          && merged.get(k).seconds() < 0.25
          && before.tone() != 0
          && before.tone() == after.tone()) {
        merged.set(k - 1, new Segment(before.tone(), before.seconds() + after.seconds()));
        merged.remove(k + 1);
        merged.remove(k);
        k = Math.min(k, merged.size() - 1);
      }
    }
    if (!merged.isEmpty() && merged.get(0).tone() == 0) {
      merged.remove(0);
    }
    if (!merged.isEmpty() && merged.get(merged.size() - 1).tone() == 0) {
      merged.remove(merged.size() - 1);
    }
    return merged;
  }
}
