package dev.earmark.storage.fault;

import static dev.earmark.storage.LabelingFixture.ANN_1;

import dev.earmark.storage.LabelingFixture;
import dev.earmark.storage.TestClocks;
import dev.earmark.storage.assign.QueueItem;
import dev.earmark.storage.label.SavedLabel;
import dev.earmark.storage.project.Project;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Child process of {@link KillTest}: saves ann-1's labels in a tight loop on an embedded project
 * and prints {@code ack <labelId> <version> <text>} for each save as soon as it is acknowledged.
 * The parent kills it with SIGKILL somewhere in the burst.
 */
public final class LabelSaveBurst {
  private LabelSaveBurst() {}

  public static void main(String[] args) {
    Path projectDir = Path.of(args[0]);
    int saves = Integer.parseInt(args[1]);
    PrintStream out = System.out;
    try (Project project = Project.openEmbedded(projectDir, false, TestClocks.FIXED)) {
      LabelingFixture fixture = LabelingFixture.over(project);
      List<Long> assignments =
          fixture.assignments().queue(ANN_1, "ann-1").stream()
              .map(QueueItem::assignmentId)
              .toList();
      Map<Long, Integer> versions = new HashMap<>();
      out.println("ready " + assignments.size());
      out.flush();
      for (int i = 0; i < saves; i++) {
        long assignment = assignments.get(i % assignments.size());
        String text = "take " + i;
        SavedLabel saved =
            fixture
                .labels()
                .saveDraft(
                    ANN_1,
                    assignment,
                    LabelingFixture.transcript(text),
                    versions.getOrDefault(assignment, 0));
        versions.put(assignment, saved.version());
        out.println("ack " + saved.labelId() + " " + saved.version() + " " + text);
        out.flush();
      }
    }
  }
}
