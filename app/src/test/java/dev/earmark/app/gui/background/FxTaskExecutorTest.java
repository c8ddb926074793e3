package dev.earmark.app.gui.background;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class FxTaskExecutorTest {
  @Test
  void workSubmittedAfterShutdownIsDroppedQuietly() {
    FxTaskExecutor executor = new FxTaskExecutor(1);
    executor.shutdown();
    AtomicBoolean ran = new AtomicBoolean();

    assertThatCode(
            () ->
                executor.inBackground(
                    "late work of a closed screen",
                    () -> {
                      ran.set(true);
                      return 1;
                    },
                    result -> ran.set(true),
                    error -> ran.set(true)))
        .doesNotThrowAnyException();
    assertThat(ran).isFalse();
  }
}
