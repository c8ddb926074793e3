package dev.earmark.audio.decode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earmark.audio.AudioException;
import dev.earmark.audio.peaks.PeakPyramid;
import dev.earmark.fixtures.DemoDataset;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seeded mutation fuzz of the demo's real WAV, FLAC, MP3 and OGG files (sample-fixtures): bit
 * flips, byte runs (anywhere and in the last 4 KB, where the final frames are), truncations and
 * length-field edits. Every mutant is validated and, when valid, decoded to the end and turned into
 * peaks, each run bounded by a timeout. The module promises a verdict for any bytes: zero hangs and
 * no exception other than {@link AudioException} (the module's root).
 *
 * <p>Reproduce or widen: {@code mvn -B -pl audio -am test -Dtest=AudioMutationFuzzTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dearmark.fuzz.seed=19 -Dearmark.fuzz.mutants=40}
 * (mutants per source file). The figures are in docs/RELIABILITY.md.
 */
class AudioMutationFuzzTest {
  /** Demo files mutated: every codec, mono and stereo, 8 to 44.1 kHz. */
  private static final List<String> SOURCES =
      List.of(
          "audio/clip-001.wav",
          "audio/clip-028.wav",
          "audio/clip-010.flac",
          "audio/clip-023.flac",
          "audio/clip-035.flac",
          "audio/clip-015.mp3",
          "audio/clip-032.mp3",
          "audio/clip-019.ogg",
          "audio/clip-029.ogg");

  private static final long SEED = Long.getLong("earmark.fuzz.seed", 19L);
  private static final int MUTANTS_PER_SOURCE = Integer.getInteger("earmark.fuzz.mutants", 40);

  /** A run longer than this is a hang. Real decodes of these files take a few milliseconds. */
  private static final long TIMEOUT_SECONDS = 10;

  @TempDir Path dir;

  private enum Mutation {
    BIT_FLIPS,
    BYTE_RUN,
    TAIL_RUN,
    TRUNCATION,
    LENGTH_FIELD,
    TRUNCATED_AND_FLIPPED
  }

  private record Mutant(String source, int index, Mutation mutation, String detail, Path file) {
    @Override
    public String toString() {
      return source + " #" + index + " " + mutation + " " + detail;
    }
  }

  /** What one run ended in. */
  private enum Verdict {
    VALID,
    INVALID,
    AUDIO_EXCEPTION,
  }

  @Test
  void mutatedDemoFilesNeverHangAndNeverThrowAnythingButAudioException() throws Exception {
    List<Mutant> mutants = new ArrayList<>();
    Random random = new Random(SEED);
    for (String source : SOURCES) {
      byte[] original = demoBytes(source);
      for (int i = 0; i < MUTANTS_PER_SOURCE; i++) {
        mutants.add(mutate(source, i, original, random));
      }
    }

    List<String> hangs = new ArrayList<>();
    List<String> crashes = new ArrayList<>();
    int[] verdicts = new int[Verdict.values().length];
    ExecutorService runner = newRunner();
    try {
      for (Mutant mutant : mutants) {
        Future<Verdict> run = runner.submit(() -> exercise(mutant.file()));
        try {
          verdicts[run.get(TIMEOUT_SECONDS, TimeUnit.SECONDS).ordinal()]++;
        } catch (TimeoutException e) {
          hangs.add(mutant.toString());
          run.cancel(true);
          runner.shutdownNow(); // the stuck thread is a daemon; carry on with a fresh one
          runner = newRunner();
        } catch (ExecutionException e) {
          crashes.add(mutant + ": " + e.getCause());
        }
      }
    } finally {
      runner.shutdownNow();
    }

    System.out.printf(
        "audio mutation fuzz (seed %d): %d mutants of %d files; %d valid, %d invalid, %d"
            + " AudioException mid-stream; %d hangs, %d crashes%n",
        SEED,
        mutants.size(),
        SOURCES.size(),
        verdicts[Verdict.VALID.ordinal()],
        verdicts[Verdict.INVALID.ordinal()],
        verdicts[Verdict.AUDIO_EXCEPTION.ordinal()],
        hangs.size(),
        crashes.size());
    assertThat(hangs).as("mutants whose decode did not end within %d s", TIMEOUT_SECONDS).isEmpty();
    assertThat(crashes).as("mutants that threw something other than AudioException").isEmpty();
    assertThat(verdicts[Verdict.INVALID.ordinal()])
        .as("the fuzz must actually break files")
        .isGreaterThan(mutants.size() / 10);
  }

  private static ExecutorService newRunner() {
    return Executors.newSingleThreadExecutor(
        task -> {
          Thread thread = new Thread(task, "fuzz-decode");
          thread.setDaemon(true);
          return thread;
        });
  }

  /** Validates, and for a valid file decodes to the end and builds peaks, as import and UI do. */
  private static Verdict exercise(Path file) {
    AudioValidation validation = AudioDecoder.validate(file);
    if (validation instanceof AudioValidation.Invalid invalid) {
      assertThat(invalid.message()).isNotBlank();
      return Verdict.INVALID;
    }
    AudioInfo info = ((AudioValidation.Valid) validation).info();
    try (AudioSource source = AudioDecoder.open(file)) {
      PeakPyramid pyramid = PeakPyramid.build(source);
      assertThat(pyramid.frames()).isLessThanOrEqualTo(info.frames());
      source.seek(info.frames() / 2);
      float[][] block = source.newBlock(1024);
      while (source.read(block) > 0) {
        // decoding the second half again after a seek
      }
      return Verdict.VALID;
    } catch (AudioException e) {
      assertThat(e.getMessage()).contains(file.getFileName().toString());
      return Verdict.AUDIO_EXCEPTION;
    }
  }

  private Mutant mutate(String source, int index, byte[] original, Random random)
      throws IOException {
    Mutation mutation = Mutation.values()[random.nextInt(Mutation.values().length)];
    byte[] bytes = original.clone();
    String detail;
    switch (mutation) {
      case BIT_FLIPS -> detail = flipBits(bytes, random);
      case BYTE_RUN -> {
        int from = headerBiased(bytes.length, random);
        int length = 1 + random.nextInt(64);
        for (int i = from; i < Math.min(bytes.length, from + length); i++) {
          bytes[i] = (byte) random.nextInt(256);
        }
        detail = length + " random bytes at " + from;
      }
      case TAIL_RUN -> {
        int from = bytes.length - 1 - random.nextInt(Math.min(4096, bytes.length - 1));
        int length = 1 + random.nextInt(32);
        for (int i = from; i < Math.min(bytes.length, from + length); i++) {
          bytes[i] = (byte) random.nextInt(256);
        }
        detail = length + " random bytes at " + from + " of " + bytes.length;
      }
      case TRUNCATION -> {
        int keep = random.nextInt(bytes.length);
        bytes = java.util.Arrays.copyOf(bytes, keep);
        detail = "cut to " + keep + " bytes";
      }
      case LENGTH_FIELD -> {
        int at = random.nextInt(Math.min(bytes.length - 4, 128));
        long[] values = {0, 1, 10, 0x7F, 0xFF, 0xFFFF, 0x7FFFFFFFL, 0x80000000L, 0xFFFFFFFFL};
        long value = values[random.nextInt(values.length)];
        boolean bigEndian = random.nextBoolean();
        for (int i = 0; i < 4; i++) {
          int shift = 8 * (bigEndian ? 3 - i : i);
          bytes[at + i] = (byte) (value >>> shift);
        }
        detail =
            String.format("4 bytes at %d set to 0x%X (%s)", at, value, bigEndian ? "BE" : "LE");
      }
      case TRUNCATED_AND_FLIPPED -> {
        int keep = bytes.length / 2 + random.nextInt(bytes.length / 2);
        bytes = java.util.Arrays.copyOf(bytes, keep);
        detail = "cut to " + keep + " bytes, " + flipBits(bytes, random);
      }
      default -> throw new IllegalStateException(mutation.name());
    }
    Path file =
        dir.resolve(String.format("%03d-%s", index, source.substring(source.indexOf('/') + 1)));
    Files.write(file, bytes);
    return new Mutant(source, index, mutation, detail, file);
  }

  private static String flipBits(byte[] bytes, Random random) {
    int flips = 1 + random.nextInt(16);
    StringBuilder where = new StringBuilder(flips + " bit flips at");
    for (int i = 0; i < flips; i++) {
      int at = headerBiased(bytes.length, random);
      bytes[at] ^= (byte) (1 << random.nextInt(8));
      where.append(' ').append(at);
    }
    return where.toString();
  }

  /** Half of the positions fall in the first 512 bytes, where headers and length fields live. */
  private static int headerBiased(int length, Random random) {
    return random.nextBoolean() ? random.nextInt(Math.min(512, length)) : random.nextInt(length);
  }

  private static byte[] demoBytes(String relative) throws IOException {
    try (InputStream in =
        AudioMutationFuzzTest.class
            .getClassLoader()
            .getResourceAsStream(DemoDataset.RESOURCE_ROOT + relative)) {
      assertThat(in).as("demo file %s on the test class path", relative).isNotNull();
      return in.readAllBytes();
    }
  }
}
