package dev.earmark.storage.qe;

import static dev.earmark.storage.LabelingFixture.ADJ;
import static dev.earmark.storage.LabelingFixture.ANN_1;
import static dev.earmark.storage.LabelingFixture.LEAD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earmark.audio.features.FeatureExtractor;
import dev.earmark.audio.qe.QeModel;
import dev.earmark.audio.qe.QePrediction;
import dev.earmark.storage.Databases;
import dev.earmark.storage.LabelingFixture;
import dev.earmark.storage.PermissionDeniedException;
import dev.earmark.storage.TestClocks;
import dev.earmark.storage.audit.AuditVerification;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.settings.Setting;
import dev.earmark.storage.user.Actor;
import dev.earmark.storage.user.Role;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Hints from the shipped model on real imported clips, and who may read them. */
class QeHintsTest {
  @TempDir Path dir;

  static List<Named<Supplier<Project>>> databases() {
    return Databases.fresh(TestClocks.FIXED);
  }

  @ParameterizedTest
  @MethodSource("databases")
  void hintsAreHiddenFromAnnotatorsUntilTheLeadEnablesThem(Supplier<Project> factory) {
    try (LabelingFixture fixture = LabelingFixture.create(factory.get(), dir, 4)) {
      QeHints hints = new QeHints(fixture.project(), fixture.settings());
      QeModel model = QeModel.loadDefault();
      String modelId = model.metadata().modelId();
      hints.storeModel(LEAD, model);
      hints.storeModel(LEAD, model); // idempotent

      Map<Long, QePrediction> predictions = new TreeMap<>();
      for (String key : List.of("clip-0001", "clip-0002", "clip-0003")) {
        Path audio = dir.resolve("audio/" + key + ".wav");
        predictions.put(
            fixture.clipId(key), model.predict(FeatureExtractor.extract(audio), 0.0, 3));
      }
      hints.recordHints(LEAD, modelId, predictions);

      long clip = fixture.clipId("clip-0002");
      QeHint forLead = hints.hint(LEAD, clip).orElseThrow();
      assertThat(forLead.predictedWer()).isEqualTo(predictions.get(clip).predictedWer());
      assertThat(forLead.reviewRecommended()).isTrue(); // threshold 0: every prediction is flagged
      assertThat(forLead.topFeaturesJson()).contains("\"feature\"");
      assertThat(hints.hint(ADJ, clip)).isPresent();
      assertThat(hints.hint(ANN_1, clip)).isEmpty();
      assertThat(hints.reviewRecommended(LEAD, modelId)).hasSize(3);

      fixture.settings().set(LEAD, Setting.QE_HINTS_VISIBLE_TO_ANNOTATORS, true);
      assertThat(hints.hint(ANN_1, clip)).contains(forLead);
      assertThat(hints.hint(LEAD, fixture.clipId("clip-0004"))).isEmpty();

      assertThat(hints.model(modelId).orElseThrow().metadata()).isEqualTo(model.metadata());
      assertThat(fixture.project().audit().verify()).isInstanceOf(AuditVerification.Intact.class);
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void claimedRolesDoNotOpenHintsOrStoreModels(Supplier<Project> factory) {
    try (LabelingFixture fixture = LabelingFixture.create(factory.get(), dir, 1)) {
      QeHints hints = new QeHints(fixture.project(), fixture.settings());
      Actor pretender = new Actor(ANN_1.userId(), EnumSet.of(Role.LEAD));
      assertThatThrownBy(() -> hints.storeModel(pretender, QeModel.loadDefault()))
          .isInstanceOf(PermissionDeniedException.class);
      assertThatThrownBy(() -> hints.reviewRecommended(ANN_1, "any"))
          .isInstanceOf(PermissionDeniedException.class);
      assertThatThrownBy(() -> hints.hint(pretender, fixture.clipId("clip-0001")))
          .isInstanceOf(PermissionDeniedException.class)
          .hasMessageContaining("cannot read QE hints");
    }
  }
}
