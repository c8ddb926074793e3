package dev.earmark.storage.assign;

import static dev.earmark.storage.LabelingFixture.ANN_1;
import static dev.earmark.storage.LabelingFixture.ANN_2;
import static dev.earmark.storage.LabelingFixture.ASR;
import static dev.earmark.storage.LabelingFixture.LEAD;
import static dev.earmark.storage.LabelingFixture.transcript;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earmark.storage.Databases;
import dev.earmark.storage.LabelingFixture;
import dev.earmark.storage.PermissionDeniedException;
import dev.earmark.storage.StorageException;
import dev.earmark.storage.TestClocks;
import dev.earmark.storage.project.Project;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A queue page (issue 22) is the head of the full queue, in the same order and under the same
 * access rule, on both databases (on PostgreSQL it is read through the partial index of V16).
 */
class QueuePageTest {
  @TempDir Path dir;

  static List<Named<Supplier<Project>>> databases() {
    return Databases.fresh(TestClocks.FIXED);
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aPageIsTheHeadOfTheQueueWithoutSubmittedWork(Supplier<Project> factory) {
    try (LabelingFixture fixture = LabelingFixture.create(factory.get(), dir, 12)) {
      fixture.assignByClipId(List.of("ann-1", "ann-2"), 1.0);
      fixture
          .labels()
          .submit(ANN_1, fixture.assignmentId("ann-1", "clip-0001"), transcript("one"), 0);
      fixture
          .labels()
          .submit(ANN_1, fixture.assignmentId("ann-1", "clip-0003"), transcript("three"), 0);
      fixture
          .labels()
          .saveDraft(ANN_1, fixture.assignmentId("ann-1", "clip-0002"), transcript("tw"), 0);

      List<QueueItem> all = fixture.assignments().queue(ANN_1, "ann-1");
      List<QueueItem> page = fixture.assignments().queuePage(ANN_1, "ann-1", 4);

      assertThat(all).hasSize(10);
      assertThat(page).containsExactlyElementsOf(all.subList(0, 4));
      assertThat(page)
          .extracting(QueueItem::clipKey)
          .containsExactly("clip-0002", "clip-0004", "clip-0005", "clip-0006");
      assertThat(page.get(0).state()).isEqualTo(AssignmentState.DRAFTED);
      assertThat(fixture.assignments().queuePage(ANN_1, "ann-1", 50)).isEqualTo(all);
      assertThat(fixture.assignments().queuePage(LEAD, "ann-2", 3))
          .extracting(QueueItem::clipKey)
          .containsExactly("clip-0001", "clip-0002", "clip-0003");
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void anAnnotatorPagesOnlyTheirOwnQueue(Supplier<Project> factory) {
    try (LabelingFixture fixture = LabelingFixture.create(factory.get(), dir, 2)) {
      fixture.assignByClipId(List.of("ann-1", "ann-2"), 1.0);

      assertThatThrownBy(() -> fixture.assignments().queuePage(ANN_2, "ann-1", 10))
          .isInstanceOf(PermissionDeniedException.class)
          .hasMessageContaining("only their own");
      assertThatThrownBy(() -> fixture.assignments().queuePage(ANN_1, "ann-1", 0))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void pagesAfterTheLastEntryChainToTheWholeQueueWhateverThePriorities(Supplier<Project> factory) {
    try (LabelingFixture fixture = LabelingFixture.create(factory.get(), dir, 23)) {
      fixture
          .assignments()
          .assign(
              LEAD,
              new AssignmentPlan(ASR, Optional.empty(), List.of("ann-1"), 0.0, 0.0, 7),
              QueuePriority.random(3));
      List<QueueItem> all = fixture.assignments().queue(ANN_1, "ann-1");

      List<QueueItem> paged = new ArrayList<>();
      OptionalLong after = OptionalLong.empty();
      List<Integer> sizes = new ArrayList<>();
      while (true) {
        List<QueueItem> page = fixture.assignments().queuePage(ANN_1, "ann-1", after, 5);
        sizes.add(page.size());
        paged.addAll(page);
        if (page.size() < 5) {
          break;
        }
        after = OptionalLong.of(page.get(page.size() - 1).assignmentId());
      }

      assertThat(all).hasSize(23);
      assertThat(all).extracting(QueueItem::priority).doesNotHaveDuplicates();
      assertThat(paged).containsExactlyElementsOf(all);
      assertThat(sizes).containsExactly(5, 5, 5, 5, 3);
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void theNextPageStandsWhenItsAnchorWasSubmittedMeanwhile(Supplier<Project> factory) {
    try (LabelingFixture fixture = LabelingFixture.create(factory.get(), dir, 8)) {
      fixture.assignByClipId(List.of("ann-1"), 0.0);
      List<QueueItem> first = fixture.assignments().queuePage(ANN_1, "ann-1", 3);
      long anchor = first.get(2).assignmentId();
      fixture.labels().submit(ANN_1, anchor, transcript("three"), 0);
      fixture.labels().submit(ANN_1, first.get(0).assignmentId(), transcript("one"), 0);

      assertThat(fixture.assignments().queuePage(ANN_1, "ann-1", OptionalLong.of(anchor), 3))
          .extracting(QueueItem::clipKey)
          .containsExactly("clip-0004", "clip-0005", "clip-0006");
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void pagingFromAnotherAnnotatorsAssignmentIsRefusedInAPlainSentence(Supplier<Project> factory) {
    try (LabelingFixture fixture = LabelingFixture.create(factory.get(), dir, 3)) {
      fixture.assignByClipId(List.of("ann-1", "ann-2"), 0.0);
      long theirs = fixture.assignments().queue(LEAD, "ann-2").get(0).assignmentId();

      assertThatThrownBy(
              () -> fixture.assignments().queuePage(ANN_1, "ann-1", OptionalLong.of(theirs), 3))
          .isInstanceOf(StorageException.class)
          .hasMessage(
              "assignment "
                  + theirs
                  + " is not in the queue of ann-1: page on from an assignment id the queue"
                  + " listed");
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void queueCountsAreTheOpenEntriesPerRubricUnderTheQueuesAccessRule(Supplier<Project> factory) {
    try (LabelingFixture fixture = LabelingFixture.create(factory.get(), dir, 6)) {
      fixture.assignByClipId(List.of("ann-1", "ann-2"), 0.0);
      int mine = fixture.assignments().queue(ANN_1, "ann-1").size();
      fixture
          .labels()
          .submit(
              ANN_1,
              fixture.assignments().queue(ANN_1, "ann-1").get(0).assignmentId(),
              transcript("x"),
              0);

      assertThat(fixture.assignments().queueCounts(ANN_1, "ann-1"))
          .containsExactly(Map.entry(ASR, mine - 1));
      assertThat(fixture.assignments().queueCounts(LEAD, "ann-2").get(ASR))
          .isEqualTo(fixture.assignments().queue(LEAD, "ann-2").size());
      assertThatThrownBy(() -> fixture.assignments().queueCounts(ANN_2, "ann-1"))
          .isInstanceOf(PermissionDeniedException.class);
    }
  }
}
