package dev.earmark.audio.playback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimeStretcherTest {
  private static final int RATE = 16_000;

  static float[] sine(double hertz, double seconds, int sampleRate) {
    float[] samples = new float[(int) Math.round(seconds * sampleRate)];
    for (int i = 0; i < samples.length; i++) {
      samples[i] = (float) (0.5 * Math.sin(2 * Math.PI * hertz * i / sampleRate));
    }
    return samples;
  }

  /** Renders the whole clip from the start at {@code rate}: output channel 0. */
  static float[] renderAll(TimeStretcher stretcher) {
    float[][] out = new float[stretcher.outputChannels()][4096];
    float[] all = new float[0];
    int n;
    while ((n = stretcher.render(out, out[0].length)) > 0) {
      int from = all.length;
      all = Arrays.copyOf(all, from + n);
      System.arraycopy(out[0], 0, all, from, n);
    }
    return all;
  }

  /** Frequency from upward zero crossings, linearly interpolated. */
  static double frequency(float[] samples, int from, int to, int sampleRate) {
    double first = -1;
    double last = -1;
    int crossings = 0;
    for (int i = from + 1; i < to; i++) {
      if (samples[i - 1] < 0 && samples[i] >= 0) {
        double at = i - 1 + samples[i - 1] / (samples[i - 1] - samples[i]);
        if (first < 0) {
          first = at;
        } else {
          crossings++;
        }
        last = at;
      }
    }
    return crossings * sampleRate / (last - first);
  }

  @ParameterizedTest(name = "{0}x lasts {1} s and keeps 440 Hz")
  @CsvSource(
      textBlock =
          """
          0.25, 8.0
          0.5,  4.0
          0.75, 2.6667
          1.25, 1.6
          1.5,  1.3333
          2.0,  1.0
          """)
  void durationScalesWithSpeedWhilePitchIsKept(double rate, double expectedSeconds) {
    TimeStretcher stretcher =
        new TimeStretcher(new PcmClip(RATE, new float[][] {sine(440, 2.0, RATE)}));
    stretcher.setRate(rate);

    float[] out = renderAll(stretcher);

    assertThat(out.length / (double) RATE).isCloseTo(expectedSeconds, within(0.03));
    int margin = RATE / 10;
    assertThat(frequency(out, margin, out.length - margin, RATE))
        .isCloseTo(440, within(440 * 0.01));
  }

  @Test
  void naturalSpeedReproducesTheClipSampleForSample() {
    float[] clip = sine(300, 1.0, RATE);
    clip[5000] = 0.9f; // a click that a smearing stretcher would spread
    float[] out = renderAll(new TimeStretcher(new PcmClip(RATE, new float[][] {clip})));

    assertThat(out.length).isEqualTo(clip.length);
    for (int i = 0; i < clip.length; i++) {
      assertThat(out[i]).as("sample %d", i).isCloseTo(clip[i], within(1e-5f));
    }
  }

  @Test
  void aLoopRepeatsItsRegionAndNeverEnds() {
    float[] ramp = new float[RATE];
    for (int i = 0; i < ramp.length; i++) {
      ramp[i] = i / (float) RATE;
    }
    TimeStretcher stretcher = new TimeStretcher(new PcmClip(RATE, new float[][] {ramp}));
    stretcher.setLoop(4000, 6000);
    stretcher.seek(4000);
    float[][] out = new float[1][5000];

    assertThat(stretcher.render(out, 5000)).isEqualTo(5000);
    assertThat(out[0][0]).isCloseTo(ramp[4000], within(1e-6f));
    assertThat(out[0][1999]).isCloseTo(ramp[5999], within(1e-6f));
    assertThat(out[0][2000]).isCloseTo(ramp[4000], within(1e-6f));
    assertThat(out[0][4500]).isCloseTo(ramp[4500], within(1e-6f));
    assertThat(stretcher.ended()).isFalse();
  }

  @Test
  void seekMovesTheRenderedPositionAndRenderingAdvancesIt() {
    TimeStretcher stretcher =
        new TimeStretcher(new PcmClip(RATE, new float[][] {sine(200, 1.0, RATE)}));
    stretcher.seek(8000);
    assertThat(stretcher.position()).isEqualTo(8000);
    stretcher.setRate(0.5);
    stretcher.render(new float[1][1600], 1600);

    assertThat(stretcher.position()).isCloseTo(8800, within(200.0));
  }

  @Test
  void speedIsClampedToAQuarterAndTwice() {
    TimeStretcher stretcher = new TimeStretcher(new PcmClip(RATE, new float[][] {new float[10]}));
    stretcher.setRate(0.1);
    assertThat(stretcher.rate()).isEqualTo(0.25);
    stretcher.setRate(3);
    assertThat(stretcher.rate()).isEqualTo(2.0);
  }

  @Test
  void soloPlaysOneChannelCentredAndMuteSilencesOne() {
    float[] left = sine(300, 0.5, RATE);
    float[] right = sine(700, 0.5, RATE);
    PcmClip stereo = new PcmClip(RATE, new float[][] {left, right});
    TimeStretcher stretcher = new TimeStretcher(stereo);
    float[][] out = new float[2][4000];

    stretcher.setChannels(ChannelSelection.ALL.withSoloed(1, true));
    stretcher.render(out, 4000);
    assertThat(frequency(out[0], 0, 4000, RATE)).isCloseTo(700, within(7.0));
    assertThat(frequency(out[1], 0, 4000, RATE)).isCloseTo(700, within(7.0));

    stretcher.seek(0);
    stretcher.setChannels(ChannelSelection.ALL.withMuted(0, true).withMuted(1, true));
    stretcher.render(out, 4000);
    assertThat(rms(out[0])).isZero();
    assertThat(rms(out[1])).isZero();

    stretcher.seek(0);
    stretcher.setChannels(ChannelSelection.ALL);
    stretcher.render(out, 4000);
    assertThat(frequency(out[0], 0, 4000, RATE)).isCloseTo(300, within(3.0));
    assertThat(frequency(out[1], 0, 4000, RATE)).isCloseTo(700, within(7.0));
  }

  @Test
  void moreThanTwoChannelsAreMixedIntoBothSides() {
    ChannelSelection all = ChannelSelection.ALL;
    assertThat(all.gain(2, 0, 4)).isEqualTo(0.25f);
    ChannelSelection soloTwo = all.withSoloed(0, true).withSoloed(3, true);
    assertThat(soloTwo.gain(3, 1, 4)).isEqualTo(0.5f);
    assertThat(soloTwo.gain(1, 1, 4)).isZero();
    assertThat(soloTwo.withSoloed(3, false).gain(0, 1, 4)).isEqualTo(1f);
    assertThat(ChannelSelection.outputChannels(1)).isEqualTo(1);
    assertThat(ChannelSelection.outputChannels(6)).isEqualTo(2);
  }

  static double rms(float[] samples) {
    double sum = 0;
    for (float sample : samples) {
      sum += sample * sample;
    }
    return Math.sqrt(sum / samples.length);
  }
}
