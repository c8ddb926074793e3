package dev.earmark.audio.playback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * With no sound server where ALSA's default device points (the surefire configuration points it at
 * a PulseAudio socket under target/ that only {@link PlaybackOnRealSinkTest} starts), no line can
 * be opened: the engine must say so and never claim to play.
 */
class PlaybackEngineNoDeviceTest {
  @Test
  @Timeout(30)
  void withNoSoundServerTheEngineSaysNoDeviceCanPlayAndDoesNotPretend() {
    List<PlaybackStatus> heard = new ArrayList<>();
    try (PlaybackEngine engine =
        new PlaybackEngine(PlaybackOnRealSinkTest.toneClip(), (status, why) -> heard.add(status))) {
      assertThat(engine.status()).isEqualTo(PlaybackStatus.UNAVAILABLE);
      assertThat(engine.message()).startsWith(PlaybackEngine.NO_DEVICE);

      engine.play();
      assertThat(engine.status()).isEqualTo(PlaybackStatus.UNAVAILABLE);
      assertThat(heard).doesNotContain(PlaybackStatus.PLAYING);
      engine.seek(2.5);
      assertThat(engine.positionSeconds()).isEqualTo(2.5);
    }
  }
}
