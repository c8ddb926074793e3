package dev.earmark.app.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earmark.audio.qe.QeModel;
import dev.earmark.audio.qe.QeModelMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QeServiceConfigTest {
  @TempDir Path dir;

  @Test
  void aFileChangesWhatItNamesAndLeavesTheRestAtTheDefaults() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("qe-serve.properties"),
            """
            # a pipeline's service
            bind = 0.0.0.0
            port = 9100
            model = models/current.qe
            review_threshold = 0.45
            max_body_bytes = 1048576
            workers = 3
            drift_window = 250
            """);

    QeServiceConfig config = QeServiceConfig.load(file);

    assertThat(config.bindAddress()).isEqualTo("0.0.0.0");
    assertThat(config.port()).isEqualTo(9100);
    assertThat(config.modelPath()).isEqualTo(dir.resolve("models/current.qe"));
    assertThat(config.reviewThreshold()).isEqualTo(0.45);
    assertThat(config.maxBodyBytes()).isEqualTo(1_048_576);
    assertThat(config.workers()).isEqualTo(3);
    assertThat(config.driftWindow()).isEqualTo(250);
    QeServiceConfig defaults = QeServiceConfig.defaults();
    assertThat(config.queue()).isEqualTo(defaults.queue());
    assertThat(config.maxAudioSeconds()).isEqualTo(defaults.maxAudioSeconds());
    assertThat(defaults.bindAddress()).isEqualTo("127.0.0.1");
    assertThat(defaults.modelPath()).isNull();
    // Unset, the threshold is the one the model carries; "model" says so explicitly.
    QeModelMetadata shipped = QeModel.loadDefault().metadata();
    assertThat(defaults.reviewThreshold()).isNull();
    assertThat(defaults.reviewThreshold(shipped)).isEqualTo(shipped.defaultReviewThreshold());
    assertThat(defaults.reviewThresholdSource(shipped))
        .isEqualTo("from the model's calibration: 90% precision at WER > 0.2");
    assertThat(config.reviewThreshold(shipped)).isEqualTo(0.45);
    assertThat(config.with(Map.of("review_threshold", "model"), null).reviewThreshold()).isNull();
  }

  @Test
  void aTypoOrABadValueIsRefusedNamingTheFileAndKey() throws IOException {
    Path typo = Files.writeString(dir.resolve("typo.properties"), "review_treshold = 0.5\n");
    Path text = Files.writeString(dir.resolve("text.properties"), "port = eighty\n");
    Path range = Files.writeString(dir.resolve("range.properties"), "workers = 0\n");

    assertThatThrownBy(() -> QeServiceConfig.load(typo))
        .hasMessageContaining("typo.properties: unknown key \"review_treshold\"")
        .hasMessageContaining("review_threshold");
    assertThatThrownBy(() -> QeServiceConfig.load(text))
        .hasMessageContaining("text.properties: port must be a whole number, not \"eighty\"");
    assertThatThrownBy(() -> QeServiceConfig.load(range))
        .hasMessageContaining("range.properties: workers must be at least 1");
    assertThatThrownBy(() -> QeServiceConfig.load(dir.resolve("missing.properties")))
        .hasMessageContaining("missing.properties: cannot read the service configuration");
  }

  @Test
  void overridesReplaceOnlyWhatTheyName() {
    QeServiceConfig config = QeServiceConfig.defaults().with(Map.of("model", "default"), null);

    assertThat(config).isEqualTo(QeServiceConfig.defaults());
  }
}
