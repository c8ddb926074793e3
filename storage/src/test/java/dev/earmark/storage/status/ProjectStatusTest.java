package dev.earmark.storage.status;

import static dev.earmark.storage.LabelingFixture.ADJ;
import static dev.earmark.storage.LabelingFixture.ANN_1;
import static dev.earmark.storage.LabelingFixture.ASR;
import static dev.earmark.storage.LabelingFixture.LEAD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earmark.audio.qe.QeModel;
import dev.earmark.engine.rubric.TaskType;
import dev.earmark.storage.Databases;
import dev.earmark.storage.LabelingFixture;
import dev.earmark.storage.PermissionDeniedException;
import dev.earmark.storage.assign.AssignmentPlan;
import dev.earmark.storage.assign.QueuePriority;
import dev.earmark.storage.clip.ClipStatus;
import dev.earmark.storage.label.LabelInput;
import dev.earmark.storage.project.Project;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ProjectStatusTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  static List<Named<Supplier<Project>>> databases() {
    return Databases.fresh(CLOCK);
  }

  @ParameterizedTest
  @MethodSource("databases")
  void statusCountsClipsWorkPoliciesAndIsForLeadsAndAdjudicators(Supplier<Project> factory) {
    try (LabelingFixture fixture = LabelingFixture.create(factory.get(), dir, 4)) {
      fixture.policies().setPolicy(LEAD, ASR, null);
      fixture
          .assignments()
          .assign(
              LEAD,
              new AssignmentPlan(ASR, Optional.empty(), List.of("ann-1"), 0, 0, 1),
              QueuePriority.byClipId());
      var queue = fixture.assignments().queue(ANN_1, "ann-1");
      long first = queue.get(0).assignmentId();
      long second = queue.get(1).assignmentId();
      fixture
          .labels()
          .submit(
              ANN_1,
              first,
              LabelingFixture.transcript("one"),
              fixture.labels().open(ANN_1, first).version());
      LabelInput draft = LabelingFixture.transcript("half");
      fixture
          .labels()
          .saveDraft(ANN_1, second, draft, fixture.labels().open(ANN_1, second).version());

      StatusReport status = new ProjectStatus(fixture.project(), fixture.policies()).read(ADJ);
      assertThat(status.clips())
          .isEqualTo(
              Map.of(ClipStatus.ACTIVE, 4, ClipStatus.QUARANTINED, 1, ClipStatus.EXCLUDED, 1));
      assertThat(status.annotators())
          .containsExactly(new StatusReport.AnnotatorProgress("ann-1", 4, 2, 1, 1));
      assertThat(status.openDisputes()).isZero();
      assertThat(status.policies().get(TaskType.ASR_TRANSCRIPT))
          .hasValueSatisfying(policy -> assertThat(policy.rubric()).isEqualTo(ASR));
      assertThat(status.policies().get(TaskType.TTS_RATING)).isEmpty();
      assertThat(status.qeModel()).isEqualTo(QeModel.loadDefault().metadata().modelId());
      assertThat(status.qeModelShipped()).isTrue();
      assertThat(status.lastExport()).isEmpty();
      assertThatThrownBy(() -> new ProjectStatus(fixture.project(), fixture.policies()).read(ANN_1))
          .isInstanceOf(PermissionDeniedException.class);
    }
  }
}
