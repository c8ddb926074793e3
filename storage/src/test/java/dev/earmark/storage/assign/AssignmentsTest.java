package dev.earmark.storage.assign;

import static dev.earmark.storage.LabelingFixture.ADJ;
import static dev.earmark.storage.LabelingFixture.ANN_1;
import static dev.earmark.storage.LabelingFixture.ANN_2;
import static dev.earmark.storage.LabelingFixture.ASR;
import static dev.earmark.storage.LabelingFixture.LEAD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earmark.engine.rubric.FieldValue;
import dev.earmark.engine.rubric.LabelValue;
import dev.earmark.storage.Databases;
import dev.earmark.storage.LabelingFixture;
import dev.earmark.storage.PermissionDeniedException;
import dev.earmark.storage.StorageException;
import dev.earmark.storage.project.Project;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AssignmentsTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-21T09:30:00Z"), ZoneOffset.UTC);
  private static final List<String> THREE = List.of("ann-1", "ann-2", "ann-3");

  @TempDir Path dir;

  static List<Named<Supplier<Project>>> databases() {
    return Databases.fresh(CLOCK);
  }

  private static AssignmentPlan plan(double overlap, double gold, long seed) {
    return new AssignmentPlan(ASR, Optional.empty(), THREE, overlap, gold, seed);
  }

  /** clip key -> sorted annotators, with a '*' on gold clips. */
  private static Map<String, String> layout(LabelingFixture fixture) {
    Map<String, String> layout = new TreeMap<>();
    fixture
        .project()
        .jdbi()
        .useHandle(
            handle ->
                handle
                    .createQuery(
                        "SELECT c.clip_key, a.annotator_id, a.is_gold FROM assignments a JOIN"
                            + " clips c ON c.id = a.clip_id ORDER BY c.clip_key, a.annotator_id")
                    .map(
                        (rs, ctx) ->
                            new String[] {
                              rs.getString(1), rs.getString(2), rs.getBoolean(3) ? "*" : ""
                            })
                    .forEach(row -> layout.merge(row[0], row[1] + row[2], (a, b) -> a + "," + b)));
    return layout;
  }

  @ParameterizedTest
  @MethodSource("databases")
  void overlapAndGoldSharesAreMetAndOnlyActiveClipsAreAssigned(Supplier<Project> factory) {
    try (LabelingFixture fixture = LabelingFixture.create(factory.get(), dir, 20)) {
      AssignmentSummary summary =
          fixture.assignments().assign(LEAD, plan(0.5, 0.1, 42), QueuePriority.byClipId());
      assertThat(summary).isEqualTo(new AssignmentSummary(20, 2 * 3 + 8 * 2 + 10, 10, 2));

      Map<String, String> layout = layout(fixture);
      assertThat(layout).hasSize(20).doesNotContainKeys("broken", "private");
      assertThat(layout.values())
          .filteredOn(v -> v.contains("*"))
          .hasSize(2)
          .allMatch(v -> v.equals("ann-1*,ann-2*,ann-3*"));
      assertThat(layout.values()).filteredOn(v -> v.split(",").length >= 2).hasSize(10);
      // Work is spread evenly: 32 assignments over three annotators.
      for (String annotator : THREE) {
        assertThat(fixture.assignments().queue(LEAD, annotator)).hasSizeBetween(10, 11);
      }

      // Re-running assigns nothing new.
      assertThat(fixture.assignments().assign(LEAD, plan(0.5, 0.1, 42), QueuePriority.byClipId()))
          .isEqualTo(new AssignmentSummary(0, 0, 0, 0));
    }
  }

  @Test
  void theSameSeedGivesTheSameAssignmentAndAnotherSeedAnother() {
    Map<String, String> first;
    Map<String, String> second;
    Map<String, String> other;
    try (LabelingFixture fixture =
        LabelingFixture.create(
            Databases.fresh(CLOCK).get(0).getPayload().get(), dir.resolve("a"), 12)) {
      fixture.assignments().assign(LEAD, plan(0.5, 0.25, 7), QueuePriority.byClipId());
      first = layout(fixture);
    }
    try (LabelingFixture fixture =
        LabelingFixture.create(
            Databases.fresh(CLOCK).get(0).getPayload().get(), dir.resolve("b"), 12)) {
      fixture.assignments().assign(LEAD, plan(0.5, 0.25, 7), QueuePriority.byClipId());
      second = layout(fixture);
    }
    try (LabelingFixture fixture =
        LabelingFixture.create(
            Databases.fresh(CLOCK).get(0).getPayload().get(), dir.resolve("c"), 12)) {
      fixture.assignments().assign(LEAD, plan(0.5, 0.25, 8), QueuePriority.byClipId());
      other = layout(fixture);
    }
    assertThat(second).isEqualTo(first);
    assertThat(other).isNotEqualTo(first);
  }

  @ParameterizedTest
  @MethodSource("databases")
  void queuesFollowThePriorityAndKeepGoldAndOtherQueuesPrivate(Supplier<Project> factory) {
    try (LabelingFixture fixture = LabelingFixture.create(factory.get(), dir, 6)) {
      // US-accent clips first, then later clips first.
      QueuePriority accentThenLate =
          clip -> (clip.slices().get("accent").equals("us") ? 100 : 0) + clip.clipId();
      fixture
          .assignments()
          .assign(
              LEAD,
              new AssignmentPlan(ASR, Optional.of("demo"), List.of("ann-1"), 0, 0.5, 3),
              accentThenLate);
      assertThat(fixture.assignments().queue(ANN_1, "ann-1"))
          .extracting(QueueItem::clipKey)
          .containsExactly(
              "clip-0006", "clip-0004", "clip-0002", "clip-0005", "clip-0003", "clip-0001");
      assertThat(fixture.assignments().queue(ANN_1, "ann-1")).noneMatch(QueueItem::gold);
      assertThat(fixture.assignments().queue(LEAD, "ann-1")).filteredOn(QueueItem::gold).hasSize(3);
      assertThatThrownBy(() -> fixture.assignments().queue(ANN_2, "ann-1"))
          .isInstanceOf(PermissionDeniedException.class)
          .hasMessage("ann-2 cannot read the queue of ann-1: only their own");

      assertThat(fixture.assignments().reprioritize(LEAD, ASR, QueuePriority.byClipId()))
          .isEqualTo(6);
      assertThat(fixture.assignments().queue(ADJ, "ann-1"))
          .extracting(QueueItem::clipKey)
          .containsExactly(
              "clip-0001", "clip-0002", "clip-0003", "clip-0004", "clip-0005", "clip-0006");
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void plansThatCannotWorkAreRefused(Supplier<Project> factory) {
    try (LabelingFixture fixture = LabelingFixture.create(factory.get(), dir, 2)) {
      assertThatThrownBy(
              () -> new AssignmentPlan(ASR, Optional.empty(), List.of("ann-1"), 0.2, 0, 1))
          .hasMessage(
              "an overlap ratio above 0 needs at least two annotators; only ann-1 was named");
      assertThatThrownBy(() -> new AssignmentPlan(ASR, Optional.empty(), THREE, 1.5, 0, 1))
          .hasMessageStartingWith("the overlap ratio and gold share are shares between 0 and 1");
      assertThatThrownBy(
              () ->
                  fixture
                      .assignments()
                      .assign(
                          LEAD,
                          new AssignmentPlan(ASR, Optional.empty(), List.of("adj-1"), 0, 0, 1),
                          QueuePriority.byClipId()))
          .isInstanceOf(StorageException.class)
          .hasMessageStartingWith("adj-1 is not an annotator");
      assertThatThrownBy(
              () -> fixture.assignments().assign(ANN_1, plan(0, 0, 1), QueuePriority.byClipId()))
          .isInstanceOf(PermissionDeniedException.class);
      assertThatThrownBy(
              () -> fixture.assignments().assign(LEAD, plan(0, 0, 1), clip -> Double.NaN))
          .hasMessage("the queue priority of clip clip-0001 is not a number: NaN");
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void goldAnswersAreValidatedAndHiddenFromAnnotators(Supplier<Project> factory) {
    try (LabelingFixture fixture = LabelingFixture.create(factory.get(), dir, 2)) {
      long clip = fixture.clipId("clip-0001");
      LabelValue answer = new LabelValue(ASR, Map.of("transcript", new FieldValue.Text("gold")));
      fixture.assignments().setGoldAnswer(LEAD, clip, answer);
      LabelValue corrected =
          new LabelValue(ASR, Map.of("transcript", new FieldValue.Text("golden")));
      fixture.assignments().setGoldAnswer(LEAD, clip, corrected);
      assertThat(fixture.assignments().goldAnswer(ADJ, clip, ASR)).contains(corrected);
      assertThat(fixture.assignments().goldAnswer(LEAD, fixture.clipId("clip-0002"), ASR))
          .isEmpty();
      assertThatThrownBy(() -> fixture.assignments().goldAnswer(ANN_1, clip, ASR))
          .isInstanceOf(PermissionDeniedException.class);
      assertThatThrownBy(
              () -> fixture.assignments().setGoldAnswer(LEAD, clip, new LabelValue(ASR, Map.of())))
          .hasMessageContaining("breaks rubric asr-transcript@1: transcript");
      assertThat(fixture.project().audit().eventsFor("clip", Long.toString(clip))).hasSize(2);
    }
  }
}
