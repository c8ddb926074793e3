package dev.earmark.audio.decode;

import dev.earmark.audio.AudioException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import javax.sound.sampled.spi.AudioFileReader;
import org.jflac.sound.spi.Flac2PcmAudioInputStream;

/**
 * Decodes FLAC, MP3 and OGG Vorbis through their Java Sound SPI readers (jflac, mp3spi, vorbisspi)
 * into 16-bit (or, for FLAC, native-depth) little-endian PCM, then to floats.
 */
final class SpiSource implements DecodedSource {
  private static final int MAX_EMPTY_READS = 64;

  private final Path file;
  private final Codec codec;
  private final long declaredFrames;
  private AudioInfo info;
  private AudioInputStream pcm;
  private PcmEncoding encoding;
  private int frameBytes;
  private byte[] bytes = new byte[0];
  private long frame;

  /**
   * @param declaredFrames the frame count the stream's header declares (FLAC's STREAMINFO), or 0 or
   *     less when unknown: reading stops there, because jflac, asked for more once every declared
   *     sample is decoded, retries a damaged trailing frame forever without reading
   */
  SpiSource(Path file, Codec codec, long declaredFrames)
      throws IOException, UnsupportedAudioFileException {
    this.file = file;
    this.codec = codec;
    this.declaredFrames = declaredFrames;
    reopen();
  }

  @Override
  public void setInfo(AudioInfo counted) {
    this.info = counted;
  }

  @Override
  public float sampleRate() {
    return pcm.getFormat().getSampleRate();
  }

  @Override
  public int bitsPerSample() {
    return encoding.bytes * 8;
  }

  private void reopen() throws IOException, UnsupportedAudioFileException {
    if (pcm != null) {
      pcm.close();
    }
    InputStream in =
        new BoundedInputStream(
            new BufferedInputStream(Files.newInputStream(file), 1 << 16), file, Files.size(file));
    try {
      AudioInputStream encoded = reader(codec).getAudioInputStream(in);
      AudioFormat source = encoded.getFormat();
      int bits =
          codec == Codec.FLAC && source.getSampleSizeInBits() > 0
              ? source.getSampleSizeInBits()
              : 16;
      AudioFormat target =
          new AudioFormat(
              AudioFormat.Encoding.PCM_SIGNED,
              source.getSampleRate(),
              bits,
              source.getChannels(),
              source.getChannels() * (bits / 8),
              source.getSampleRate(),
              false);
      if (codec == Codec.FLAC) {
        // What FlacFormatConversionProvider does, but with the work bound directly under jflac's
        // bit reader: between the two, the encoded AudioInputStream answers reads at its end
        // itself, so a bound below it would never see jflac's endless frame-sync search.
        pcm =
            new Flac2PcmAudioInputStream(
                new BoundedInputStream(encoded, file, Files.size(file)),
                target,
                AudioSystem.NOT_SPECIFIED);
      } else {
        pcm =
            source.getEncoding().equals(AudioFormat.Encoding.PCM_SIGNED)
                    && !source.isBigEndian()
                    && source.getSampleSizeInBits() == bits
                ? encoded
                : AudioSystem.getAudioInputStream(target, encoded);
      }
      encoding =
          switch (bits) {
            case 8 -> PcmEncoding.S8;
            case 16 -> PcmEncoding.S16;
            case 24 -> PcmEncoding.S24;
            case 32 -> PcmEncoding.S32;
            default -> throw new UnsupportedAudioFileException(bits + "-bit samples");
          };
      frameBytes = pcm.getFormat().getChannels() * (bits / 8);
      frame = 0;
    } catch (IOException | UnsupportedAudioFileException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  private static AudioFileReader reader(Codec codec) {
    return switch (codec) {
      case FLAC -> new org.jflac.sound.spi.FlacAudioFileReader();
      case MP3 -> new javazoom.spi.mpeg.sampled.file.MpegAudioFileReader();
      default -> throw new IllegalArgumentException(codec + " is not decoded through Java Sound");
    };
  }

  @Override
  public AudioInfo info() {
    return info;
  }

  @Override
  public int channels() {
    return pcm.getFormat().getChannels();
  }

  @Override
  public int read(float[][] block) {
    long limit = info != null ? info.frames() : declaredFrames > 0 ? declaredFrames : -1;
    if (limit >= 0 && frame >= limit) {
      return -1;
    }
    int frames = block[0].length;
    if (limit >= 0) {
      frames = (int) Math.min(frames, limit - frame);
    }
    int need = frames * frameBytes;
    if (bytes.length < need) {
      bytes = new byte[need];
    }
    int got = 0;
    int emptyReads = 0;
    try {
      while (got < need) {
        int n = pcm.read(bytes, got, need - got);
        if (n < 0) {
          break;
        }
        if (n == 0 && ++emptyReads > MAX_EMPTY_READS) {
          break; // a decoder that makes no progress must not spin forever
        }
        got += n;
      }
    } catch (DecodeLimitException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new AudioException(file + ": decoding failed: " + e.getMessage(), e);
    }
    int whole = got / frameBytes;
    if (whole == 0) {
      return -1;
    }
    encoding.decode(bytes, 0, whole, channels(), block);
    frame += whole;
    return whole;
  }

  @Override
  public void seek(long target) {
    try {
      if (target < frame) {
        reopen();
      }
      float[][] scratch = new float[channels()][4096];
      while (frame < target) {
        int want = (int) Math.min(4096, target - frame);
        float[][] view = want == 4096 ? scratch : new float[channels()][want];
        if (read(view) < 0) {
          return;
        }
      }
    } catch (IOException | UnsupportedAudioFileException e) {
      throw new AudioException(file + ": reopening for a seek failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      pcm.close();
    } catch (IOException e) {
      // read-only stream; nothing to lose
    }
  }
}
