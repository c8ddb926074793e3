package dev.earmark.storage.assign;

import static dev.earmark.storage.LabelingFixture.ASR;
import static dev.earmark.storage.LabelingFixture.LEAD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earmark.engine.priority.SliceQuotas;
import dev.earmark.engine.rubric.TaskType;
import dev.earmark.storage.Databases;
import dev.earmark.storage.LabelingFixture;
import dev.earmark.storage.StorageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The request {@code earmark assign} and the Assign screen share: resolved against the policy, a
 * dry run reports what the real run then does, a gold file is read under the rubric.
 */
class AssignRequestTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-21T09:30:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  private static AssignRequest request(
      Optional<Path> gold, double goldShare, String priority, OptionalInt limit) {
    return new AssignRequest(
        TaskType.ASR_TRANSCRIPT,
        List.of("ann-1", "ann-2"),
        0.5,
        gold,
        goldShare,
        priority,
        new SliceQuotas(List.of()),
        limit,
        Optional.of(" "),
        3);
  }

  @Test
  void aDryRunReportsWhatTheRealRunThenAssigns() throws Exception {
    try (LabelingFixture fixture =
        LabelingFixture.create(Databases.fresh(CLOCK).get(0).getPayload().get(), dir, 10)) {
      AssignRequest request = request(Optional.empty(), 0.2, "random", OptionalInt.of(6));
      assertThatThrownBy(() -> request.run(fixture.project(), LEAD, true))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("no label policy for asr-transcript");
      fixture.policies().setPolicy(LEAD, ASR, null);

      Path gold =
          Files.writeString(
              dir.resolve("gold.jsonl"),
              "{\"clip_id\": \"clip-0010\", \"fields\": {\"transcript\": \"ten\"}}\n");
      AssignRequest.Outcome withGold =
          request(Optional.of(gold), 0, "import", OptionalInt.empty())
              .run(fixture.project(), LEAD, true);
      assertThat(withGold.report().summary().goldClips()).isEqualTo(1);
      AssignRequest.Outcome preview = request.run(fixture.project(), LEAD, true);
      assertThat(preview.report().dryRun()).isTrue();
      assertThat(preview.report().summary().clips()).isEqualTo(6);
      assertThat(preview.qeModel()).isEmpty();
      assertThat(fixture.assignments().queue(LEAD, "ann-1")).isEmpty();

      AssignRequest.Outcome applied = request.run(fixture.project(), LEAD, false);
      assertThat(applied.report().dryRun()).isFalse();
      assertThat(applied.report().annotators()).isEqualTo(preview.report().annotators());
      assertThat(applied.report().sliceMix()).isEqualTo(preview.report().sliceMix());
    }
  }

  @Test
  void aGoldFileAndAGoldShareTogetherOrAnUnknownPriorityAreRefused() {
    assertThatThrownBy(
            () -> request(Optional.of(Path.of("gold.jsonl")), 0.1, "import", OptionalInt.empty()))
        .isInstanceOf(StorageException.class)
        .hasMessage("Give either a gold file or a gold share, not both.");
    assertThatThrownBy(() -> request(Optional.empty(), 0, "loudest", OptionalInt.empty()))
        .isInstanceOf(StorageException.class)
        .hasMessage("Priority loudest is not one of import, qe, random.");
  }
}
