package dev.earmark.storage.label;

import static dev.earmark.storage.LabelingFixture.ANN_1;
import static dev.earmark.storage.LabelingFixture.ANN_2;
import static dev.earmark.storage.LabelingFixture.ASR;
import static dev.earmark.storage.LabelingFixture.LEAD;
import static dev.earmark.storage.LabelingFixture.transcript;
import static org.assertj.core.api.Assertions.assertThat;

import dev.earmark.storage.Databases;
import dev.earmark.storage.LabelingFixture;
import dev.earmark.storage.TestClocks;
import dev.earmark.storage.project.Project;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The labels of some clips (issue 22: routing finished items no longer reads every label) are
 * exactly the rubric's labels of those clips, in id order, seen under the same rule.
 */
class LabelsOfClipsTest {
  @TempDir Path dir;

  static List<Named<Supplier<Project>>> databases() {
    return Databases.fresh(TestClocks.FIXED);
  }

  @ParameterizedTest
  @MethodSource("databases")
  void onlyTheAskedClipsAreReadAndTheRuleOfWhoSeesWhatHolds(Supplier<Project> factory) {
    try (LabelingFixture fixture = LabelingFixture.create(factory.get(), dir, 4)) {
      fixture.assignByClipId(List.of("ann-1", "ann-2"), 1.0);
      Labels labels = fixture.labels();
      labels.submit(ANN_2, fixture.assignmentId("ann-2", "clip-0002"), transcript("b two"), 0);
      labels.submit(ANN_1, fixture.assignmentId("ann-1", "clip-0002"), transcript("a two"), 0);
      labels.submit(ANN_1, fixture.assignmentId("ann-1", "clip-0001"), transcript("a one"), 0);
      labels.saveDraft(ANN_2, fixture.assignmentId("ann-2", "clip-0004"), transcript("b fo"), 0);
      long one = fixture.clipId("clip-0001");
      long two = fixture.clipId("clip-0002");
      long three = fixture.clipId("clip-0003");
      long four = fixture.clipId("clip-0004");

      List<Label> some = labels.labels(LEAD, ASR, Set.of(two, four, three));

      List<Label> expected =
          labels.labels(LEAD, ASR).stream()
              .filter(l -> l.clipId() == two || l.clipId() == four)
              .toList();
      assertThat(some).isEqualTo(expected).hasSize(3);
      assertThat(some).extracting(Label::id).isSorted();
      assertThat(labels.labels(ANN_1, ASR, Set.of(one, two)))
          .extracting(Label::annotatorId)
          .containsOnly("ann-1")
          .hasSize(2);
      assertThat(labels.labels(LEAD, ASR, Set.of(three))).isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void moreClipsThanOneQueryBindsAreReadInParts(Supplier<Project> factory) {
    try (LabelingFixture fixture = LabelingFixture.create(factory.get(), dir, 2)) {
      fixture.assignByClipId(List.of("ann-1"), 0.0);
      fixture
          .labels()
          .submit(ANN_1, fixture.assignmentId("ann-1", "clip-0002"), transcript("two"), 0);
      long two = fixture.clipId("clip-0002");
      Set<Long> many =
          LongStream.concat(LongStream.rangeClosed(two - 2_500, two - 1), LongStream.of(two))
              .boxed()
              .collect(Collectors.toSet());

      assertThat(fixture.labels().labels(LEAD, ASR, many))
          .extracting(Label::clipId)
          .containsExactly(two);
    }
  }
}
