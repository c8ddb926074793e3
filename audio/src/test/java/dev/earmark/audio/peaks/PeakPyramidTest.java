package dev.earmark.audio.peaks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earmark.audio.decode.AudioDecoder;
import dev.earmark.audio.decode.AudioSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PeakPyramidTest {
  static final int FRAMES = 100_003; // not a multiple of any block size
  static final int CHANNELS = 3;

  @TempDir Path dir;
  short[][] samples;
  Path wav;

  /** A 16-bit 3-channel WAV of random bursts, written by hand so the true samples are known. */
  @BeforeEach
  void writeRandomWav() throws IOException {
    Random random = new Random(42);
    samples = new short[CHANNELS][FRAMES];
    ByteBuffer data = ByteBuffer.allocate(FRAMES * CHANNELS * 2).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < FRAMES; i++) {
      for (int c = 0; c < CHANNELS; c++) {
        int scale = (i / 5000) % 2 == 0 ? 300 : 32768; // quiet and loud stretches
        samples[c][i] =
            (short) Math.max(-32768, Math.min(32767, (int) (random.nextGaussian() * scale)));
        data.putShort(samples[c][i]);
      }
    }
    wav = dir.resolve("random.wav");
    Files.write(wav, pcm16Wav(16000, CHANNELS, data.array()));
  }

  static byte[] pcm16Wav(int rate, int channels, byte[] data) {
    ByteBuffer out = ByteBuffer.allocate(44 + data.length).order(ByteOrder.LITTLE_ENDIAN);
    out.put("RIFF".getBytes()).putInt(36 + data.length).put("WAVEfmt ".getBytes()).putInt(16);
    out.putShort((short) 1).putShort((short) channels).putInt(rate).putInt(rate * channels * 2);
    out.putShort((short) (channels * 2)).putShort((short) 16);
    out.put("data".getBytes()).putInt(data.length).put(data);
    return out.array();
  }

  private PeakPyramid build() {
    try (AudioSource source = AudioDecoder.open(wav)) {
      return PeakPyramid.build(source);
    }
  }

  @Test
  void aSamplesPerPeakLargerThanTheClipSizesNoArrayByItAndGivesOnePeak() {
    PeakPyramid pyramid;
    try (AudioSource source = AudioDecoder.open(wav)) {
      pyramid = PeakPyramid.build(source, Integer.MAX_VALUE, 2, 1);
    }
    PeakLevel level = pyramid.levels().get(0);
    assertThat(level.length()).isEqualTo(1);
    short max = Short.MIN_VALUE;
    for (short value : samples[0]) {
      max = (short) Math.max(max, value);
    }
    assertThat(level.max(0, 0)).isEqualTo(max);
    assertThat(pyramid.frames()).isEqualTo(FRAMES);
  }

  @Test
  void everyLevelHoldsTheTrueMinAndMaxOfEachBlock() {
    PeakPyramid pyramid = build();
    assertThat(pyramid.frames()).isEqualTo(FRAMES);
    assertThat(pyramid.levels())
        .extracting(PeakLevel::samplesPerPeak)
        .containsExactly(64, 256, 1024, 4096, 16384, 65536);
    for (PeakLevel level : pyramid.levels()) {
      int spp = level.samplesPerPeak();
      assertThat(level.length()).isEqualTo((FRAMES + spp - 1) / spp);
      for (int c = 0; c < CHANNELS; c++) {
        for (int b = 0; b < level.length(); b++) {
          short min = Short.MAX_VALUE;
          short max = Short.MIN_VALUE;
          for (int i = b * spp; i < Math.min(FRAMES, (b + 1) * spp); i++) {
            min = (short) Math.min(min, samples[c][i]);
            max = (short) Math.max(max, samples[c][i]);
          }
          assertThat(level.min(c, b)).as("level %d channel %d block %d", spp, c, b).isEqualTo(min);
          assertThat(level.max(c, b)).as("level %d channel %d block %d", spp, c, b).isEqualTo(max);
        }
      }
    }
  }

  @ParameterizedTest
  @CsvSource({
    "0, 100003, 800, 64",
    "0, 100003, 10, 4096",
    "5000, 5100, 50, 64",
    "2, 99999, 1, 65536"
  })
  void queriesPickTheCoarsestLevelNotWiderThanAPixelAndNeverHideAPeak(
      long start, long end, int pixels, int expectedLevel) {
    PeakPyramid pyramid = build();
    Peaks peaks = pyramid.peaks(1, start, end, pixels);
    assertThat(peaks.samplesPerPeak()).isEqualTo(expectedLevel);
    assertThat(peaks.pixels()).isEqualTo(pixels);
    double fpp = (end - start) / (double) pixels;
    for (int p = 0; p < pixels; p++) {
      long from = start + (long) Math.floor(p * fpp);
      long to = Math.max(from + 1, start + (long) Math.floor((p + 1) * fpp));
      short trueMin = Short.MAX_VALUE;
      short trueMax = Short.MIN_VALUE;
      for (long i = from; i < to; i++) {
        trueMin = (short) Math.min(trueMin, samples[1][(int) i]);
        trueMax = (short) Math.max(trueMax, samples[1][(int) i]);
      }
      assertThat(peaks.min()[p]).isLessThanOrEqualTo(trueMin);
      assertThat(peaks.max()[p]).isGreaterThanOrEqualTo(trueMax);
      // exact when the pixel is block-aligned at the finest level
      if (expectedLevel == 64 && from % 64 == 0 && (to % 64 == 0 || to == FRAMES)) {
        assertThat(peaks.min()[p]).isEqualTo(trueMin);
        assertThat(peaks.max()[p]).isEqualTo(trueMax);
      }
    }
  }

  /** The same source seen only through float reads, as any non-16-bit source is. */
  private record FloatsOnly(AudioSource source) implements AudioSource {
    @Override
    public dev.earmark.audio.decode.AudioInfo info() {
      return source.info();
    }

    @Override
    public int read(float[][] block) {
      return source.read(block);
    }

    @Override
    public void seek(long frame) {
      source.seek(frame);
    }

    @Override
    public void close() {
      source.close();
    }
  }

  @ParameterizedTest(name = "{0} channel(s), {1} frames per peak")
  @CsvSource({"3, 7", "3, 256", "1, 1", "1, 256", "1, 1000", "1, 65536"})
  void sixteenBitSamplesScannedAsIntegersGiveTheFloatScansPeaks(int channels, int spp)
      throws IOException {
    Path file = wav;
    if (channels == 1) {
      ByteBuffer data = ByteBuffer.allocate(FRAMES * 2).order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < FRAMES; i++) {
        data.putShort(samples[1][i]);
      }
      file = dir.resolve("mono.wav");
      Files.write(file, pcm16Wav(16000, 1, data.array()));
    }
    PeakPyramid integers;
    PeakPyramid floats;
    try (AudioSource source = AudioDecoder.open(file)) {
      assertThat(source.hasPcm16()).isTrue();
      integers = PeakPyramid.build(source, spp, 4, 3);
    }
    try (AudioSource source = new FloatsOnly(AudioDecoder.open(file))) {
      assertThat(source.hasPcm16()).isFalse();
      floats = PeakPyramid.build(source, spp, 4, 3);
    }
    assertThat(integers.frames()).isEqualTo(floats.frames()).isEqualTo(FRAMES);
    for (int k = 0; k < 3; k++) {
      PeakLevel a = integers.levels().get(k);
      PeakLevel b = floats.levels().get(k);
      assertThat(a.length()).isEqualTo(b.length());
      for (int c = 0; c < channels; c++) {
        short[] source = channels == 1 ? samples[1] : samples[c];
        for (int block = 0; block < a.length(); block++) {
          assertThat(a.min(c, block)).isEqualTo(b.min(c, block));
          assertThat(a.max(c, block)).isEqualTo(b.max(c, block));
        }
        if (k == 0) {
          assertThat(a.max(c, 0)).isEqualTo(maxOf(source, 0, Math.min(spp, FRAMES)));
        }
      }
    }
  }

  private static short maxOf(short[] values, int from, int to) {
    short max = Short.MIN_VALUE;
    for (int i = from; i < to; i++) {
      max = (short) Math.max(max, values[i]);
    }
    return max;
  }

  @Test
  void floatSourcesAreRoundedOutwards() {
    try (AudioSource source = AudioDecoder.open(resource("float32-mono.wav"))) {
      PeakPyramid pyramid = PeakPyramid.build(source, 2000, 2, 1);
      PeakLevel level = pyramid.levels().get(0);
      assertThat(level.length()).isEqualTo(1);
      assertThat(level.max(0, 0)).isBetween((short) 16383, (short) 16385);
      assertThat(level.min(0, 0)).isBetween((short) -16385, (short) -16383);
    }
  }

  static Path resource(String name) {
    return dev.earmark.audio.decode.AudioDecoderTestAccess.resource(name);
  }

  @Test
  void theCacheServesTheSamePyramidOnReopen() throws IOException {
    PeakCache cache = new PeakCache(dir.resolve("cache"));
    PeakPyramid built = cache.loadOrBuild(wav);
    assertThat(Files.exists(cache.cacheFile(wav))).isTrue();
    PeakPyramid loaded = cache.load(wav).orElseThrow();
    assertThat(loaded.frames()).isEqualTo(built.frames());
    assertThat(loaded.sampleRate()).isEqualTo(16000);
    for (int l = 0; l < built.levels().size(); l++) {
      PeakLevel a = built.levels().get(l);
      PeakLevel b = loaded.levels().get(l);
      assertThat(b.samplesPerPeak()).isEqualTo(a.samplesPerPeak());
      for (int c = 0; c < CHANNELS; c++) {
        assertThat(b.mins(c)).isEqualTo(a.mins(c));
        assertThat(b.maxs(c)).isEqualTo(a.maxs(c));
      }
    }
  }

  @Test
  void aChangedAudioFileIsNotServedStalePeaks() throws IOException {
    PeakCache cache = new PeakCache(dir.resolve("cache"));
    cache.loadOrBuild(wav);
    Files.setLastModifiedTime(
        wav, FileTime.fromMillis(Files.getLastModifiedTime(wav).toMillis() + 5000));
    assertThat(cache.load(wav)).isEmpty();
    assertThat(cache.loadOrBuild(wav).frames()).isEqualTo(FRAMES);
    assertThat(cache.load(wav)).isPresent();
  }

  @Test
  void aDamagedCacheFileIsRebuilt() throws IOException {
    PeakCache cache = new PeakCache(dir.resolve("cache"));
    cache.loadOrBuild(wav);
    Path file = cache.cacheFile(wav);
    byte[] bytes = Files.readAllBytes(file);
    ByteBuffer.wrap(bytes).putInt(40, Integer.MAX_VALUE); // level count field: absurd
    Files.write(file, bytes);
    assertThat(cache.load(wav)).isEmpty();
    Files.write(file, java.util.Arrays.copyOf(bytes, 30));
    assertThat(cache.load(wav)).isEmpty();
    assertThat(cache.loadOrBuild(wav).levels()).hasSize(6);
  }

  @Test
  void datOutputFollowsTheAudiowaveformLayout() throws IOException {
    PeakPyramid pyramid;
    try (AudioSource source = AudioDecoder.open(wav)) {
      pyramid = PeakPyramid.build(source, 256, 2, 1);
    }
    PeakLevel level = pyramid.levels().get(0);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    AudiowaveformFormat.writeDat(level, 16000, out);
    ByteBuffer dat = ByteBuffer.wrap(out.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(dat.getInt()).isEqualTo(2);
    assertThat(dat.getInt()).isZero();
    assertThat(dat.getInt()).isEqualTo(16000);
    assertThat(dat.getInt()).isEqualTo(256);
    assertThat(dat.getInt()).isEqualTo(391);
    assertThat(dat.getInt()).isEqualTo(CHANNELS);
    assertThat(dat.remaining()).isEqualTo(391 * CHANNELS * 4);
    dat.position(24 + 4 * 5 * CHANNELS + 4 * 2); // pixel 5, channel 2
    assertThat(dat.getShort()).isEqualTo(level.min(2, 5));
    assertThat(dat.getShort()).isEqualTo(level.max(2, 5));

    StringWriter json = new StringWriter();
    AudiowaveformFormat.writeJson(level, 16000, json);
    assertThat(json.toString())
        .startsWith(
            "{\"version\":2,\"channels\":3,\"sample_rate\":16000,\"samples_per_pixel\":256,\"bits\":16,\"length\":391,\"data\":["
                + level.min(0, 0)
                + ","
                + level.max(0, 0)
                + ","
                + level.min(1, 0));
  }
}
