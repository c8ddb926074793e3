package dev.earmark.audio.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Consumer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every broken-file kind of PRODUCT.md §8, crafted byte by byte, is named exactly. */
class AudioValidationTest {
  @TempDir Path dir;

  private Path write(String name, byte[] bytes) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, bytes);
    return file;
  }

  private AudioValidation.Invalid invalid(Path file) {
    AudioValidation validation = AudioDecoder.validate(file);
    assertThat(validation).isInstanceOf(AudioValidation.Invalid.class);
    AudioValidation.Invalid invalid = (AudioValidation.Invalid) validation;
    assertThat(invalid.message()).doesNotContain("\n").isNotBlank();
    return invalid;
  }

  private AudioValidation.Invalid invalidWav(Consumer<WavBytes> breakIt) throws IOException {
    WavBytes wav = WavBytes.pcm16(new short[1600]);
    breakIt.accept(wav);
    return invalid(write("broken.wav", wav.build()));
  }

  @Test
  void aZeroByteFileIsEmpty() throws IOException {
    AudioValidation.Invalid invalid = invalid(write("empty.wav", new byte[0]));
    assertThat(invalid.reason()).isEqualTo(InvalidReason.EMPTY_FILE);
    assertThat(invalid.message()).contains("0 bytes");
  }

  @Test
  void textRenamedToWavIsNotAudio() throws IOException {
    Path file =
        write("notes.wav", "hello world, this is not audio\n".getBytes(StandardCharsets.UTF_8));
    AudioValidation.Invalid invalid = invalid(file);
    assertThat(invalid.reason()).isEqualTo(InvalidReason.NOT_AUDIO);
    assertThat(invalid.message()).contains("looks like text").doesNotContain("hello");
  }

  @Test
  void aMissingFileIsUnreadable() {
    AudioValidation.Invalid invalid = invalid(dir.resolve("nope.wav"));
    assertThat(invalid.reason()).isEqualTo(InvalidReason.UNREADABLE);
    assertThat(invalid.message()).contains("does not exist");
  }

  @Test
  void aDirectoryIsUnreadable() {
    assertThat(invalid(dir).reason()).isEqualTo(InvalidReason.UNREADABLE);
  }

  @Test
  void aFifoIsRefusedAsNotARegularFileInsteadOfBlocking() throws Exception {
    Path fifo = dir.resolve("pipe.wav");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertThat(mkfifo.waitFor()).isZero();
    AudioValidation.Invalid invalid =
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> invalid(fifo));
    assertThat(invalid.reason()).isEqualTo(InvalidReason.UNREADABLE);
    assertThat(invalid.message()).contains("not a regular file");
  }

  @Test
  void aDeviceIsNotAnEmptyFileButNotARegularFile() {
    Path zero = Path.of("/dev/zero");
    Assumptions.assumeTrue(Files.exists(zero));
    AudioValidation.Invalid invalid =
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> invalid(zero));
    assertThat(invalid.reason()).isEqualTo(InvalidReason.UNREADABLE);
    assertThat(invalid.message()).contains("not a regular file").doesNotContain("0 bytes");
  }

  @Test
  void aDataChunkClaimingTenBytesWithSamplesFollowingIsAHeaderThatLies() throws IOException {
    AudioValidation.Invalid invalid = invalidWav(wav -> wav.dataSize = 10);
    assertThat(invalid.reason()).isEqualTo(InvalidReason.INCONSISTENT_HEADER);
    assertThat(invalid.message()).contains("declares 10 bytes").contains("header lies");
  }

  @Test
  void chunksAfterTheDataChunkAndAFewSlackBytesAreFine() throws IOException {
    WavBytes wav = WavBytes.pcm16(new short[1600]);
    wav.listChunkAfterData = true;
    wav.trailing = new byte[] {0, 0, 0};
    AudioValidation validation = AudioDecoder.validate(write("tail.wav", wav.build()));
    assertThat(validation)
        .isEqualTo(new AudioValidation.Valid(new AudioInfo(Codec.WAV_PCM, 16000, 1, 16, 1600)));
  }

  @Test
  void aFileWithoutReadPermissionIsUnreadable() throws IOException {
    Path file = write("locked.wav", WavBytes.pcm16(new short[100]).build());
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
    Assumptions.assumeFalse(
        Files.isReadable(file), "running as root: permissions are not enforced");
    assertThat(invalid(file).reason()).isEqualTo(InvalidReason.UNREADABLE);
  }

  @Test
  void aDataChunkCutShortIsTruncated() throws IOException {
    byte[] whole = WavBytes.pcm16(new short[1600]).build();
    Path file = write("cut.wav", Arrays.copyOf(whole, 1000));
    AudioValidation.Invalid invalid = invalid(file);
    assertThat(invalid.reason()).isEqualTo(InvalidReason.TRUNCATED);
    assertThat(invalid.message()).contains("3200").contains("956");
  }

  @Test
  void aFileCutInsideTheHeaderIsTruncated() throws IOException {
    byte[] whole = WavBytes.pcm16(new short[16]).build();
    assertThat(invalid(write("cut.wav", Arrays.copyOf(whole, 10))).reason())
        .isEqualTo(InvalidReason.TRUNCATED);
    assertThat(invalid(write("cut2.wav", Arrays.copyOf(whole, 30))).reason())
        .isEqualTo(InvalidReason.TRUNCATED);
  }

  @Test
  void aDataSizeTheRiffSizeContradictsIsAnInconsistentHeader() throws IOException {
    AudioValidation.Invalid invalid = invalidWav(wav -> wav.dataSize = 2_000_000_000L);
    assertThat(invalid.reason()).isEqualTo(InvalidReason.INCONSISTENT_HEADER);
    assertThat(invalid.message()).contains("2000000000");
  }

  @ParameterizedTest
  @CsvSource(
      textBlock =
          """
          channels, bits, blockAlign, fmtSize, reason,              mentions
          0,        16,   -1,         16,      INCONSISTENT_HEADER, 0 channels
          65535,    16,   -1,         16,      INCONSISTENT_HEADER, 65535 channels
          1,        16,   7,          16,      INCONSISTENT_HEADER, block align
          1,        16,   -1,         8,       INCONSISTENT_HEADER, fmt chunk
          1,        16,   -1,         100000,  INCONSISTENT_HEADER, fmt chunk
          1,        12,   -1,         16,      UNSUPPORTED_CODEC,   12 bits
          """,
      useHeadersInDisplayName = true)
  void headersThatLieAreNamed(
      int channels, int bits, int blockAlign, int fmtSize, InvalidReason reason, String mentions)
      throws IOException {
    AudioValidation.Invalid invalid =
        invalidWav(
            wav -> {
              wav.channels = channels;
              wav.bits = bits;
              wav.blockAlign = blockAlign;
              wav.fmtSize = fmtSize;
            });
    assertThat(invalid.reason()).isEqualTo(reason);
    assertThat(invalid.message()).contains(mentions);
  }

  @ParameterizedTest
  @CsvSource(
      textBlock =
          """
          6,         A-law
          7,         mu-law
          2,         ADPCM
          17,        IMA ADPCM
          85,        MPEG layer 3
          """)
  void compressedWavCodecsAreUnsupported(int formatTag, String mentions) throws IOException {
    AudioValidation.Invalid invalid = invalidWav(wav -> wav.formatTag = formatTag);
    assertThat(invalid.reason()).isEqualTo(InvalidReason.UNSUPPORTED_CODEC);
    assertThat(invalid.message()).contains(mentions);
  }

  @ParameterizedTest
  @CsvSource({"alaw.wav, A-law", "ima-adpcm.wav, IMA ADPCM"})
  void soxMadeCompressedWavsAreUnsupported(String file, String mentions) {
    AudioValidation.Invalid invalid = invalid(AudioDecoderTest.resource(file));
    assertThat(invalid.reason()).isEqualTo(InvalidReason.UNSUPPORTED_CODEC);
    assertThat(invalid.message()).contains(mentions);
  }

  @ParameterizedTest
  @CsvSource({"999", "500000", "0", "4294967295"})
  void absurdSampleRatesAreOutOfRange(long rate) throws IOException {
    AudioValidation.Invalid invalid = invalidWav(wav -> wav.sampleRate = rate);
    assertThat(invalid.reason()).isEqualTo(InvalidReason.SAMPLE_RATE_OUT_OF_RANGE);
    assertThat(invalid.message()).contains(Long.toString(rate));
  }

  @ParameterizedTest
  @CsvSource({"1000", "384000"})
  void theRateBoundsThemselvesAreAccepted(long rate) throws IOException {
    WavBytes wav = WavBytes.pcm16(new short[10]);
    wav.sampleRate = rate;
    assertThat(AudioDecoder.validate(write("edge.wav", wav.build())).isValid()).isTrue();
  }

  @Test
  void anEmptyDataChunkIsZeroDuration() throws IOException {
    AudioValidation.Invalid invalid = invalid(write("silent.wav", WavBytes.pcm16().build()));
    assertThat(invalid.reason()).isEqualTo(InvalidReason.ZERO_DURATION);
  }

  @Test
  void aFlacWithTooFewFramesIsTruncated() throws IOException {
    byte[] flac = Files.readAllBytes(AudioDecoderTest.resource("tone.flac"));
    AudioValidation.Invalid invalid =
        invalid(write("cut.flac", Arrays.copyOf(flac, flac.length / 2)));
    assertThat(invalid.reason()).isEqualTo(InvalidReason.TRUNCATED);
  }

  @Test
  void aFlacCommentBlockClaimingBillionsOfCommentsIsRefusedBeforeTheDecoderAllocates()
      throws IOException {
    byte[] flac = Files.readAllBytes(AudioDecoderTest.resource("tone.flac"));
    int position = 4;
    while ((flac[position] & 0x7F) != 4) { // find the VORBIS_COMMENT block sox writes
      assertThat(flac[position] & 0x80).as("no comment block found").isZero();
      int length =
          ((flac[position + 1] & 0xFF) << 16)
              | ((flac[position + 2] & 0xFF) << 8)
              | (flac[position + 3] & 0xFF);
      position += 4 + length;
    }
    int vendor =
        java.nio.ByteBuffer.wrap(flac, position + 4, 4)
            .order(java.nio.ByteOrder.LITTLE_ENDIAN)
            .getInt();
    java.nio.ByteBuffer.wrap(flac, position + 8 + vendor, 4)
        .order(java.nio.ByteOrder.LITTLE_ENDIAN)
        .putInt(0x7FFFFFFF);
    AudioValidation.Invalid invalid = invalid(write("hostile.flac", flac));
    assertThat(invalid.reason()).isEqualTo(InvalidReason.INCONSISTENT_HEADER);
    assertThat(invalid.message()).contains("2147483647 comments");
  }

  @Test
  void otherContainersAreNamedAsUnsupported() throws IOException {
    assertThat(
            invalid(write("a.aiff", "FORM\0\0\0\0AIFF".getBytes(StandardCharsets.US_ASCII)))
                .message())
        .contains("AIFF");
    byte[] opus =
        "OggS\0\2\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\1\u0013OpusHead"
            .getBytes(StandardCharsets.ISO_8859_1);
    AudioValidation.Invalid invalid = invalid(write("a.opus", opus));
    assertThat(invalid.reason()).isEqualTo(InvalidReason.UNSUPPORTED_CODEC);
    assertThat(invalid.message()).contains("Opus");
  }

  @Test
  void garbageBehindAnMp3SyncWordIsNotAudioAndDoesNotHang() throws IOException {
    byte[] junk = new byte[4096];
    new java.util.Random(7).nextBytes(junk);
    junk[0] = (byte) 0xFF;
    junk[1] = (byte) 0xFB;
    Path file = write("junk.mp3", junk);
    // mp3spi may resync on random bytes and find "frames"; whatever it decides, it decides within
    // a bound, and 4 KB of noise is never accepted as a clip of any real length.
    AudioValidation validation =
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> AudioDecoder.validate(file));
    if (validation instanceof AudioValidation.Valid valid) {
      assertThat(valid.info().durationSeconds()).isLessThan(1.0);
    } else {
      assertThat(((AudioValidation.Invalid) validation).message()).isNotBlank();
    }
  }

  @Test
  void streamingWritersDataSizesMeanToTheEndOfTheFile() throws IOException {
    for (long unset : new long[] {0, 0xFFFFFFFFL}) {
      WavBytes wav = WavBytes.pcm16(new short[800]);
      wav.dataSize = unset;
      wav.riffSize = unset;
      AudioValidation validation = AudioDecoder.validate(write("stream.wav", wav.build()));
      assertThat(validation)
          .isEqualTo(new AudioValidation.Valid(new AudioInfo(Codec.WAV_PCM, 16000, 1, 16, 800)));
    }
  }

  @Test
  void listChunksAndOddPaddedChunksAreSkipped() throws IOException {
    WavBytes wav = WavBytes.pcm16((short) 1, (short) -2, (short) 3);
    wav.listChunkBeforeFmt = true;
    wav.oddChunkBeforeData = true;
    Path file = write("chunks.wav", wav.build());
    try (AudioSource source = AudioDecoder.open(file)) {
      float[][] block = source.newBlock(8);
      assertThat(source.read(block)).isEqualTo(3);
      assertThat(block[0][1] * 32768f).isEqualTo(-2f);
      assertThat(source.read(block)).isEqualTo(-1);
    }
  }

  @Test
  void hostileHeadersClaimingHugeSizesAllocateNothingBig() throws IOException {
    WavBytes wav = WavBytes.pcm16(new short[4]);
    wav.channels = 256;
    wav.bits = 32;
    wav.formatTag = 3;
    wav.dataSize = 0xFFFFFFFEL;
    wav.riffSize = 0xFFFFFFFEL;
    AudioValidation.Invalid invalid = invalid(write("hostile.wav", wav.build()));
    assertThat(invalid.reason()).isIn(InvalidReason.TRUNCATED, InvalidReason.INCONSISTENT_HEADER);
  }

  @Test
  void openingAnInvalidFileThrowsWithTheReason() throws IOException {
    Path file = write("empty.wav", new byte[0]);
    assertThatThrownBy(() -> AudioDecoder.open(file))
        .isInstanceOfSatisfying(
            InvalidAudioException.class,
            e -> assertThat(e.invalid().reason()).isEqualTo(InvalidReason.EMPTY_FILE))
        .hasMessageContaining("empty.wav");
  }

  @Test
  void seekingAWavStartsReadingAtThatFrame() throws IOException {
    Path file =
        write("ramp.wav", WavBytes.pcm16((short) 0, (short) 10, (short) 20, (short) 30).build());
    try (AudioSource source = AudioDecoder.open(file)) {
      source.seek(2);
      float[][] block = source.newBlock(4);
      assertThat(source.read(block)).isEqualTo(2);
      assertThat(block[0][0] * 32768f).isEqualTo(20f);
    }
  }

  @ParameterizedTest
  @CsvSource({"tone.flac", "tone.mp3", "tone.ogg"})
  void seekingACompressedFileDecodesForward(String name) {
    try (AudioSource source = AudioDecoder.open(AudioDecoderTest.resource(name))) {
      float[][] all = source.newBlock((int) source.info().frames());
      source.read(all);
      source.seek(500);
      float[][] block = source.newBlock(10);
      assertThat(source.read(block)).isEqualTo(10);
      assertThat(block[0][3]).isEqualTo(all[0][503]);
      source.seek(source.info().frames());
      assertThat(source.read(block)).isEqualTo(-1);
    }
  }
}
