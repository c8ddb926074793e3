package dev.earmark.audio.qe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GroupedFoldsTest {
  private static List<TrainingRow> grouped(int count, int groups) {
    List<TrainingRow> rows = new ArrayList<>();
    List<TrainingRow> plain = SyntheticClips.snrDriven(count, 3, 0);
    for (int i = 0; i < plain.size(); i++) {
      rows.add(plain.get(i).withGroup("g" + (i % groups)));
    }
    return rows;
  }

  @Test
  void rowsOfOneGroupShareAFoldAndEveryFoldIsUsed() {
    List<TrainingRow> rows = grouped(60, 12);
    int[] fold = new QeTrainer(QeTrainerTest.FAST, QeTrainerTest.CLOCK).folds(rows);
    Map<String, Integer> foldOfGroup = new HashMap<>();
    Set<Integer> used = new HashSet<>();
    for (int i = 0; i < rows.size(); i++) {
      Integer earlier = foldOfGroup.putIfAbsent(rows.get(i).group(), fold[i]);
      assertTrue(earlier == null || earlier == fold[i], "group split over two folds");
      used.add(fold[i]);
    }
    assertEquals(Set.of(0, 1, 2, 3, 4), used);
  }

  @Test
  void groupsChangeTheFiguresAndTheModelIdButNotAnUngroupedModel() {
    QeTrainer trainer = new QeTrainer(QeTrainerTest.FAST, QeTrainerTest.CLOCK);
    List<TrainingRow> plain = SyntheticClips.snrDriven(60, 3, 0);
    QeModel ungrouped = ((TrainingOutcome.Accepted) trainer.train(plain, "t")).model();
    QeModel withGroups = ((TrainingOutcome.Accepted) trainer.train(grouped(60, 5), "t")).model();
    assertNotEquals(ungrouped.metadata().modelId(), withGroups.metadata().modelId());
    assertEquals(
        ungrouped.metadata().trainingClipIdsSha256(),
        withGroups.metadata().trainingClipIdsSha256());
    // Five groups in five folds: each fold holds exactly one group.
    int[] fold = trainer.folds(grouped(60, 5));
    for (int i = 5; i < fold.length; i++) {
      assertEquals(fold[i - 5], fold[i]);
    }
  }

  @Test
  void partlyGroupedRowsAndTooFewGroupsAreRefused() {
    QeTrainer trainer = new QeTrainer(QeTrainerTest.FAST, QeTrainerTest.CLOCK);
    List<TrainingRow> mixed = new ArrayList<>(grouped(40, 8));
    mixed.set(0, new TrainingRow(mixed.get(0).clipId(), mixed.get(0).features(), 0.5));
    QeModelException partly = assertThrows(QeModelException.class, () -> trainer.train(mixed, "t"));
    assertTrue(
        partly.getMessage().contains("1 of 40 training rows have no cross-validation group"));
    QeModelException few =
        assertThrows(QeModelException.class, () -> trainer.train(grouped(40, 3), "t"));
    assertTrue(few.getMessage().contains("3 cross-validation groups cannot fill 5 folds"));
  }
}
