package dev.earmark.audio.decode;

import com.jcraft.jogg.Packet;
import com.jcraft.jogg.Page;
import com.jcraft.jogg.StreamState;
import com.jcraft.jogg.SyncState;
import com.jcraft.jorbis.Block;
import com.jcraft.jorbis.Comment;
import com.jcraft.jorbis.DspState;
import com.jcraft.jorbis.Info;
import dev.earmark.audio.AudioException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * Decodes Ogg Vorbis with JOrbis directly (vorbisspi's Java Sound wrapper returned no samples for
 * sox-made files; see ADR 0005). JOrbis hands out float samples, so no PCM round trip is needed.
 */
final class VorbisSource implements DecodedSource {
  private static final int CHUNK = 8192;
  private static final int MAX_HOLES = 1_000;

  private final Path file;
  private InputStream in;
  private SyncState sync;
  private StreamState stream;
  private Page page;
  private Packet packet;
  private Info vorbisInfo;
  private DspState dsp;
  private Block vorbisBlock;
  private boolean endOfStream;
  private float[][] pending;
  private int pendingStart;
  private int pendingEnd;
  private long frame;
  private AudioInfo info;

  VorbisSource(Path file) throws IOException, UnsupportedAudioFileException {
    this.file = file;
    reopen();
  }

  private void reopen() throws IOException, UnsupportedAudioFileException {
    if (in != null) {
      in.close();
    }
    in =
        new BoundedInputStream(
            new BufferedInputStream(Files.newInputStream(file), 1 << 16), file, Files.size(file));
    sync = new SyncState();
    stream = new StreamState();
    page = new Page();
    packet = new Packet();
    vorbisInfo = new Info();
    Comment comment = new Comment();
    dsp = new DspState();
    vorbisBlock = new Block(dsp);
    endOfStream = false;
    frame = 0;
    pendingStart = 0;
    pendingEnd = 0;
    sync.init();
    try {
      if (!feed() || sync.pageout(page) != 1) {
        throw new UnsupportedAudioFileException("no Ogg page");
      }
      stream.init(page.serialno());
      vorbisInfo.init();
      comment.init();
      if (stream.pagein(page) < 0
          || stream.packetout(packet) != 1
          || vorbisInfo.synthesis_headerin(comment, packet) < 0) {
        throw new UnsupportedAudioFileException("no Vorbis identification header");
      }
      int headers = 1;
      while (headers < 3) {
        int result = sync.pageout(page);
        if (result == 0) {
          if (!feed()) {
            throw new IOException("the file ends inside the Vorbis headers");
          }
          continue;
        }
        if (result < 0) {
          continue;
        }
        stream.pagein(page);
        while (headers < 3) {
          result = stream.packetout(packet);
          if (result == 0) {
            break;
          }
          if (result < 0 || vorbisInfo.synthesis_headerin(comment, packet) < 0) {
            throw new IOException("a Vorbis header packet is damaged");
          }
          headers++;
        }
      }
      if (vorbisInfo.channels < 1 || vorbisInfo.channels > WavHeader.MAX_CHANNELS) {
        throw new IOException("the Vorbis header claims " + vorbisInfo.channels + " channels");
      }
      dsp.synthesis_init(vorbisInfo);
      vorbisBlock.init(dsp);
      pending = new float[vorbisInfo.channels][CHUNK];
    } catch (IOException | UnsupportedAudioFileException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  /** Hands the next bytes of the file to the Ogg sync layer; false at the end of the file. */
  private boolean feed() throws IOException {
    int index = sync.buffer(CHUNK);
    int n = in.read(sync.data, index, CHUNK);
    if (n <= 0) {
      return false;
    }
    sync.wrote(n);
    return true;
  }

  /** Decodes until samples are pending or the stream ends. */
  private void decodeMore() throws IOException {
    float[][][] pcm = new float[1][][];
    int[] index = new int[vorbisInfo.channels];
    int holes = 0;
    while (pendingEnd == pendingStart && !endOfStream) {
      int result = sync.pageout(page);
      if (result == 0) {
        if (!feed()) {
          endOfStream = true;
        }
        continue;
      }
      if (result < 0) {
        if (++holes > MAX_HOLES) {
          throw new IOException("the Ogg stream has too many gaps");
        }
        continue;
      }
      stream.pagein(page);
      while (true) {
        result = stream.packetout(packet);
        if (result == 0) {
          break;
        }
        if (result < 0) {
          continue;
        }
        if (vorbisBlock.synthesis(packet) == 0) {
          dsp.synthesis_blockin(vorbisBlock);
        }
        int samples;
        while ((samples = dsp.synthesis_pcmout(pcm, index)) > 0) {
          append(pcm[0], index, samples);
          dsp.synthesis_read(samples);
        }
      }
      if (page.eos() != 0) {
        endOfStream = true;
      }
    }
  }

  private void append(float[][] pcm, int[] index, int samples) {
    int channels = vorbisInfo.channels;
    if (pendingStart > 0) {
      for (int c = 0; c < channels; c++) {
        System.arraycopy(pending[c], pendingStart, pending[c], 0, pendingEnd - pendingStart);
      }
      pendingEnd -= pendingStart;
      pendingStart = 0;
    }
    if (pendingEnd + samples > pending[0].length) {
      int size = Math.max(pending[0].length * 2, pendingEnd + samples);
      float[][] grown = new float[channels][size];
      for (int c = 0; c < channels; c++) {
        System.arraycopy(pending[c], 0, grown[c], 0, pendingEnd);
      }
      pending = grown;
    }
    for (int c = 0; c < channels; c++) {
      System.arraycopy(pcm[c], index[c], pending[c], pendingEnd, samples);
    }
    pendingEnd += samples;
  }

  @Override
  public float sampleRate() {
    return vorbisInfo.rate;
  }

  @Override
  public int channels() {
    return vorbisInfo.channels;
  }

  @Override
  public int bitsPerSample() {
    return 0;
  }

  @Override
  public void setInfo(AudioInfo counted) {
    this.info = counted;
  }

  @Override
  public AudioInfo info() {
    return info;
  }

  @Override
  public int read(float[][] block) {
    int want = block[0].length;
    if (info != null) {
      want = (int) Math.min(want, info.frames() - frame);
    }
    if (want <= 0) {
      return -1;
    }
    int got = 0;
    try {
      while (got < want) {
        if (pendingEnd == pendingStart) {
          decodeMore();
          if (pendingEnd == pendingStart) {
            break;
          }
        }
        int n = Math.min(want - got, pendingEnd - pendingStart);
        for (int c = 0; c < vorbisInfo.channels; c++) {
          System.arraycopy(pending[c], pendingStart, block[c], got, n);
        }
        pendingStart += n;
        got += n;
      }
    } catch (DecodeLimitException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new AudioException(file + ": decoding Vorbis failed: " + e.getMessage(), e);
    }
    if (got == 0) {
      return -1;
    }
    frame += got;
    return got;
  }

  @Override
  public void seek(long target) {
    try {
      if (target < frame) {
        reopen();
      }
      float[][] scratch = new float[vorbisInfo.channels][4096];
      while (frame < target) {
        int want = (int) Math.min(4096, target - frame);
        float[][] view = want == 4096 ? scratch : new float[vorbisInfo.channels][want];
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
      in.close();
    } catch (IOException e) {
      // read-only stream; nothing to lose
    }
  }
}
