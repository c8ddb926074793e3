package dev.earmark.app.gui.background;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earmark.audio.qe.QeModelException;
import dev.earmark.engine.EngineException;
import dev.earmark.storage.PermissionDeniedException;
import dev.earmark.storage.StorageException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FailureSentenceTest {
  @Test
  void aRefusalFromStorageIsShownAsStorageWroteIt() {
    StorageException refused = new PermissionDeniedException("ann-bea cannot read disputes");

    assertThat(FailureSentence.reason(refused)).isEqualTo("ann-bea cannot read disputes");
    assertThat(FailureSentence.of(refused)).isEqualTo("Ann-bea cannot read disputes.");
  }

  @Test
  void everyModuleRootAndAnUnreadableFileCarryTheirOwnSentence() {
    assertThat(FailureSentence.expected(new EngineException("no rule kind 'x'"))).isTrue();
    assertThat(FailureSentence.expected(new QeModelException("model.json is not a model")))
        .isTrue();
    assertThat(
            FailureSentence.expected(
                new UncheckedIOException("a.wav cannot be read", new java.io.IOException())))
        .isTrue();
  }

  @Test
  void aDefectNeverReadsNullAndPointsToTheLog() {
    NullPointerException defect = new NullPointerException();

    assertThat(FailureSentence.expected(defect)).isFalse();
    assertThat("Not saved: " + FailureSentence.reason(defect) + ".")
        .doesNotContain("null")
        .isEqualTo(
            "Not saved: something unexpected went wrong (NullPointerException); the log has the"
                + " details.");
    assertThat(FailureSentence.of(new IllegalStateException("index 3 out of bounds")))
        .isEqualTo(
            "Something unexpected went wrong (IllegalStateException); the log has the details.");
  }

  @Test
  void anExpectedFailureWithoutAMessageStillSaysSomething() {
    assertThat(FailureSentence.of(new StorageException(null)))
        .isEqualTo("Refused without a reason.");
  }

  @Test
  void theBackgroundSeamLogsADefectWithWhatTheWorkWasDoing() {
    PrintStream err = System.err;
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
    try {
      FxTaskExecutor.log("save the label of clip 7", new NullPointerException("label was null"));
    } finally {
      System.setErr(err);
    }

    assertThat(log.toString(StandardCharsets.UTF_8))
        .contains("save the label of clip 7 failed unexpectedly")
        .contains("java.lang.NullPointerException: label was null")
        .contains("at dev.earmark.app.gui.background.FailureSentenceTest");
  }
}
