package dev.earmark.storage.assign;

import static dev.earmark.storage.LabelingFixture.ANN_1;
import static dev.earmark.storage.LabelingFixture.ANN_2;
import static dev.earmark.storage.LabelingFixture.LEAD;
import static dev.earmark.storage.LabelingFixture.transcript;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earmark.storage.Databases;
import dev.earmark.storage.LabelingFixture;
import dev.earmark.storage.PermissionDeniedException;
import dev.earmark.storage.TestClocks;
import dev.earmark.storage.project.Project;
import java.nio.file.Path;
import java.util.List;
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
}
