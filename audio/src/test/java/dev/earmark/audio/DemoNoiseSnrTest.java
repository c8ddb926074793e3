package dev.earmark.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earmark.audio.decode.AudioDecoder;
import dev.earmark.audio.decode.AudioSource;
import dev.earmark.fixtures.DemoDataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures the SNR of every demo clip with added noise and checks it against its label
 * (slices.snr_db). generate.sh trims the speech, pads it with 100 ms of digital silence on each
 * side and mixes noise over the whole clip, so the pads hold noise alone: noise power from the
 * pads, speech power = whole-clip power − noise power (speech and noise are independent), SNR =
 * 10·log10(speech / noise), the definition generate.sh scales to.
 *
 * <p>Tolerances, stated: white noise ±1 dB (0.2 s of white noise estimates its power to about ±0.2
 * dB; lossy OGG/MP3 coding moves it a little more). Brown noise ±3 dB: sox's brown noise is a
 * random walk that starts at zero, so the pads sample its power poorly. MP3 decoding shifts the
 * clip and drops its tail, so an MP3 clip's noise is measured on its leading pad only. The fixtures
 * made before the fix (noise lasting a third of the clip) fail here: their trailing pad is silent
 * and their white-noise SNR came out 5 to 26 dB off.
 */
class DemoNoiseSnrTest {
  @TempDir Path dir;

  @Test
  void everyNoisyClipHasTheSnrItsLabelSays() throws IOException {
    Path manifest = DemoDataset.copyTo(dir);
    ObjectMapper mapper = new ObjectMapper();
    List<String> checked = new ArrayList<>();
    for (String line : Files.readAllLines(manifest)) {
      JsonNode item = mapper.readTree(line);
      JsonNode slices = item.path("slices");
      String noise = slices.path("noise").asText("clean");
      if (noise.equals("clean") || !slices.has("snr_db")) {
        continue;
      }
      Path audio = manifest.getParent().resolve(item.get("audio_filepath").asText());
      double label = slices.get("snr_db").asDouble();
      boolean mp3 = audio.toString().endsWith(".mp3");
      Measured measured = measure(audio, mp3);
      String what = item.get("id").asText() + " (" + noise + ", " + audio.getFileName() + ")";
      double tolerance = noise.startsWith("brown") ? 3.0 : mp3 ? 2.0 : 1.0;
      assertEquals(label, measured.snrDb, tolerance, what + ": measured SNR");
      if (!mp3 && noise.startsWith("white")) {
        // The noise lasts to the end: the trailing pad is as loud as the leading one.
        assertEquals(0, measured.leadOverTailDb, 1.0, what + ": leading vs trailing pad, dB");
      }
      checked.add(what);
    }
    assertEquals(15, checked.size(), "noisy clips in the manifest: " + checked);
  }

  private record Measured(double snrDb, double leadOverTailDb) {}

  /** SNR from the noise-only pads: see the class comment. */
  private static Measured measure(Path audio, boolean leadOnly) {
    float[] x = mono(audio);
    int rate;
    try (AudioSource source = AudioDecoder.open(audio)) {
      rate = source.info().sampleRate();
    }
    double threshold = 1e-3; // the first and last samples above it are where the pads begin/end
    int start = 0;
    while (Math.abs(x[start]) <= threshold) {
      start++;
    }
    int end = x.length;
    while (Math.abs(x[end - 1]) <= threshold) {
      end--;
    }
    int pad = rate / 10;
    int margin = rate / 80; // keep clear of edges and codec ramps
    double lead = power(x, start + margin, start + pad - margin);
    double tail = power(x, end - pad + margin, end - margin);
    double noise = leadOnly ? lead : (lead + tail) / 2;
    double speech = power(x, start, end) - noise;
    return new Measured(10 * Math.log10(speech / noise), 10 * Math.log10(lead / tail));
  }

  private static double power(float[] x, int from, int to) {
    double sum = 0;
    for (int i = from; i < to; i++) {
      sum += (double) x[i] * x[i];
    }
    return sum / (to - from);
  }

  private static float[] mono(Path audio) {
    List<Float> samples = new ArrayList<>();
    try (AudioSource source = AudioDecoder.open(audio)) {
      int channels = source.info().channels();
      float[][] block = source.newBlock(4096);
      int n;
      while ((n = source.read(block)) > 0) {
        for (int i = 0; i < n; i++) {
          double sum = 0;
          for (int c = 0; c < channels; c++) {
            sum += block[c][i];
          }
          samples.add((float) (sum / channels));
        }
      }
    }
    float[] out = new float[samples.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = samples.get(i);
    }
    return out;
  }
}
