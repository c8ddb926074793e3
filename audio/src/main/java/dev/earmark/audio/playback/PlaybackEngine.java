package dev.earmark.audio.playback;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.SourceDataLine;

/**
 * Plays one {@link PcmClip} on the system's default Java Sound output line (on Linux: ALSA's
 * default device, which is PulseAudio or PipeWire on a desktop through the ALSA pulse plugin). A
 * writer thread renders 256-frame chunks through a {@link TimeStretcher} (speed with pitch kept,
 * loop, solo / mute) into a line buffer of about 100 ms, so a command is heard within that time.
 *
 * <p>The position is what the device has played, not what was written: the line's frame counter is
 * mapped back to clip time through marks recorded per chunk. Playback is honest about the device:
 * if no line can be opened the engine is {@link PlaybackStatus#UNAVAILABLE} from the start, and if
 * the line stops taking audio while playing (a device that accepts a stream but never plays it) it
 * becomes unavailable after {@value #STALL_MILLIS} ms instead of pretending to play.
 *
 * <p>Thread-safe: commands may come from any thread; the listener is called on the engine's thread
 * or the caller's and must return quickly.
 */
public final class PlaybackEngine implements AutoCloseable {
  /** How long a playing line may take no audio before the device is declared unable to play. */
  public static final long STALL_MILLIS = 3000;

  /** What the user reads when no output line can be opened. */
  public static final String NO_DEVICE = "no sound device can play here";

  private static final int CHUNK = 256;

  /** Hears about status changes. */
  @FunctionalInterface
  public interface Listener {
    void changed(PlaybackStatus status, String message);
  }

  private record Mark(long outputFrame, double inputFrame, double rate) {}

  private final TimeStretcher stretcher;
  private final Listener listener;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition wake = lock.newCondition();
  private final Deque<Mark> marks = new ArrayDeque<>();
  private final SourceDataLine line;
  private final int outputs;
  private final float[][] chunk;
  private final byte[] bytes;
  private final Thread writer;
  private final AudioFormat format;
  private final int bufferBytes;

  private PlaybackStatus status = PlaybackStatus.PAUSED;
  private String message;
  private boolean closed;
  private long written;
  private long generation;
  private long endOutputFrame = -1;
  private int pendingOffset;
  private int pendingLength;
  private long pendingGeneration;
  private double restingFrame;
  private long lastPlayed = -1;
  private long lastProgressNanos;

  /**
   * Opens the default output line for {@code clip}; when none can be opened the engine is {@link
   * PlaybackStatus#UNAVAILABLE} (and says why through {@link #message()}) but still seeks.
   */
  public PlaybackEngine(PcmClip clip, Listener listener) {
    this.stretcher = new TimeStretcher(clip);
    this.listener = listener;
    this.outputs = stretcher.outputChannels();
    this.chunk = new float[outputs][CHUNK];
    this.bytes = new byte[CHUNK * outputs * 2];
    SourceDataLine opened = null;
    String why = "";
    this.format = new AudioFormat(clip.sampleRate(), 16, outputs, true, false);
    this.bufferBytes = Math.max(4 * bytes.length, (int) (clip.sampleRate() * 0.1) * outputs * 2);
    try {
      SourceDataLine candidate = AudioSystem.getSourceDataLine(format);
      candidate.open(format, bufferBytes);
      candidate.start();
      opened = candidate;
    } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
      why = NO_DEVICE + " (" + String.valueOf(e.getMessage()).strip() + ")";
    }
    this.line = opened;
    this.message = why;
    if (opened == null) {
      status = PlaybackStatus.UNAVAILABLE;
      writer = null;
    } else {
      writer = new Thread(this::writeLoop, "earmark-playback");
      writer.setDaemon(true);
      writer.start();
    }
  }

  public PlaybackStatus status() {
    lock.lock();
    try {
      return status;
    } finally {
      lock.unlock();
    }
  }

  /** Why playback is unavailable; empty otherwise. */
  public String message() {
    lock.lock();
    try {
      return message;
    } finally {
      lock.unlock();
    }
  }

  public double durationSeconds() {
    return stretcher.clip().durationSeconds();
  }

  /** Starts or resumes playing; after the end, from the start (or the loop's start). */
  public void play() {
    lock.lock();
    try {
      if (closed || status == PlaybackStatus.UNAVAILABLE || status == PlaybackStatus.PLAYING) {
        return;
      }
      if (status == PlaybackStatus.ENDED) {
        restart(0);
      }
      lastPlayed = -1;
      lastProgressNanos = System.nanoTime();
      set(PlaybackStatus.PLAYING, "");
      wake.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Pauses; the audio already buffered is kept and resumes on {@link #play()}. */
  public void pause() {
    lock.lock();
    try {
      if (status != PlaybackStatus.PLAYING) {
        return;
      }
      restingFrame = playedFrame();
      set(PlaybackStatus.PAUSED, "");
    } finally {
      lock.unlock();
    }
  }

  /** Moves to {@code seconds} (clamped to the clip); heard within the line's buffer time. */
  public void seek(double seconds) {
    lock.lock();
    try {
      double frame = Math.max(0, Math.min(stretcher.clip().frames(), seconds * sampleRate()));
      restart(frame);
      if (status == PlaybackStatus.ENDED) {
        set(PlaybackStatus.PAUSED, "");
      }
    } finally {
      lock.unlock();
    }
  }

  private void restart(double frame) {
    generation++;
    stretcher.seek(frame);
    marks.clear();
    restingFrame = frame;
    pendingLength = 0;
    endOutputFrame = -1;
    // Until the new part is heard the position shows the seek target; what was already written
    // (at most the line's 100 ms buffer) still plays out: the stream is never flushed, because a
    // flushed or restarted ALSA pulse stream stalls for up to a second (PlaybackOnRealSinkTest).
    marks.addLast(new Mark(written, frame, 0));
  }

  /** Sets the speed (clamped to 0.25–2), pitch kept; heard within the line's buffer time. */
  public void setRate(double rate) {
    lock.lock();
    try {
      stretcher.setRate(rate);
    } finally {
      lock.unlock();
    }
  }

  /** Loops {@code [startSeconds, endSeconds)}. */
  public void setLoop(double startSeconds, double endSeconds) {
    lock.lock();
    try {
      stretcher.setLoop(
          Math.round(startSeconds * sampleRate()), Math.round(endSeconds * sampleRate()));
    } finally {
      lock.unlock();
    }
  }

  public void clearLoop() {
    lock.lock();
    try {
      stretcher.clearLoop();
    } finally {
      lock.unlock();
    }
  }

  /** Which channels are heard (solo / mute); applies to the next chunk rendered. */
  public void setChannels(ChannelSelection channels) {
    lock.lock();
    try {
      stretcher.setChannels(channels);
    } finally {
      lock.unlock();
    }
  }

  /** The clip time, in seconds, of the audio the device is playing now. */
  public double positionSeconds() {
    lock.lock();
    try {
      checkProgress();
      return playedFrame() / sampleRate();
    } finally {
      lock.unlock();
    }
  }

  private double playedFrame() {
    if (status != PlaybackStatus.PLAYING || line == null || marks.isEmpty()) {
      return restingFrame;
    }
    long played = line.getLongFramePosition();
    Mark mark = marks.removeFirst();
    while (!marks.isEmpty() && marks.peekFirst().outputFrame() <= played) {
      mark = marks.removeFirst();
    }
    marks.addFirst(mark);
    if (played < mark.outputFrame()) {
      return mark.inputFrame();
    }
    double frame = mark.inputFrame() + (played - mark.outputFrame()) * mark.rate();
    return Math.min(stretcher.clip().frames(), frame);
  }

  private double sampleRate() {
    return stretcher.clip().sampleRate();
  }

  private void set(PlaybackStatus next, String why) {
    status = next;
    message = why;
    listener.changed(next, why);
  }

  /**
   * Keeps the line fed from the moment it opens until it closes: the clip while playing, silence
   * while paused or ended, so the device's stream never stops (a stopped or flushed ALSA pulse
   * stream takes up to a second to play again). Writes block outside the lock.
   */
  private void writeLoop() {
    while (true) {
      long chunkGeneration;
      lock.lock();
      try {
        if (closed) {
          return;
        }
        if (status == PlaybackStatus.UNAVAILABLE) {
          wake.await(200, TimeUnit.MILLISECONDS);
          continue;
        }
        if (pendingLength == 0 || pendingGeneration != generation) {
          pendingOffset = 0;
          pendingLength = renderChunk();
          pendingGeneration = generation;
        }
        chunkGeneration = generation;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } finally {
        lock.unlock();
      }
      int wrote = line.write(bytes, pendingOffset, pendingLength);
      lock.lock();
      try {
        if (chunkGeneration == generation) {
          pendingOffset += wrote;
          pendingLength -= wrote;
        } else {
          pendingLength = 0;
        }
        written += wrote / (2L * outputs);
        if (status == PlaybackStatus.PLAYING
            && endOutputFrame >= 0
            && line.getLongFramePosition() >= endOutputFrame) {
          restingFrame = stretcher.clip().frames();
          set(PlaybackStatus.ENDED, "");
        }
        if (wrote == 0) {
          wake.await(5, TimeUnit.MILLISECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } finally {
        lock.unlock();
      }
    }
  }

  /** Renders the next chunk into {@link #bytes} and marks where it comes from; its byte length. */
  private int renderChunk() {
    boolean playing = status == PlaybackStatus.PLAYING && !stretcher.ended();
    if (status == PlaybackStatus.PLAYING && stretcher.ended() && endOutputFrame < 0) {
      endOutputFrame = written;
    }
    double input = playing ? stretcher.position() : restingFrame;
    double rate = playing ? stretcher.rate() : 0;
    int n = CHUNK;
    if (playing) {
      n = stretcher.render(chunk, CHUNK);
    } else {
      for (float[] channel : chunk) {
        java.util.Arrays.fill(channel, 0f);
      }
    }
    int b = 0;
    for (int i = 0; i < n; i++) {
      for (int o = 0; o < outputs; o++) {
        int value = Math.round(Math.max(-1f, Math.min(1f, chunk[o][i])) * 32767f);
        bytes[b++] = (byte) value;
        bytes[b++] = (byte) (value >> 8);
      }
    }
    Mark last = marks.peekLast();
    if (last == null
        || Math.abs(last.inputFrame() + (written - last.outputFrame()) * last.rate() - input) > 0.5
        || last.rate() != rate) {
      marks.addLast(new Mark(written, input, rate));
    }
    return b;
  }

  /**
   * Notices a device that takes no audio while playing: called whenever the position is read (the
   * window reads it every frame), since the writer may be blocked on that very device.
   */
  private void checkProgress() {
    if (status != PlaybackStatus.PLAYING || line == null) {
      return;
    }
    long played = line.getLongFramePosition();
    long now = System.nanoTime();
    if (played != lastPlayed) {
      lastPlayed = played;
      lastProgressNanos = now;
    } else if (now - lastProgressNanos > TimeUnit.MILLISECONDS.toNanos(STALL_MILLIS)) {
      restingFrame = playedFrame();
      marks.clear();
      generation++;
      line.stop();
      line.flush();
      written = line.getLongFramePosition();
      set(
          PlaybackStatus.UNAVAILABLE,
          NO_DEVICE + ": the sound device took no audio for " + STALL_MILLIS / 1000.0 + " s");
    }
  }

  /** Stops playback and releases the line; never throws. */
  @Override
  public void close() {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      wake.signalAll();
    } finally {
      lock.unlock();
    }
    if (writer != null) {
      try {
        writer.join(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (line != null) {
      line.stop();
      line.flush();
      line.close();
    }
  }
}
