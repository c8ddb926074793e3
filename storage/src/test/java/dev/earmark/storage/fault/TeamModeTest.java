package dev.earmark.storage.fault;

import static dev.earmark.storage.LabelingFixture.ANN_1;
import static dev.earmark.storage.LabelingFixture.ASR;
import static dev.earmark.storage.LabelingFixture.LEAD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.earmark.storage.Databases;
import dev.earmark.storage.LabelingFixture;
import dev.earmark.storage.TestClocks;
import dev.earmark.storage.assign.AssignmentPlan;
import dev.earmark.storage.assign.QueuePriority;
import dev.earmark.storage.audit.AuditVerification;
import dev.earmark.storage.label.Label;
import dev.earmark.storage.label.SavedLabel;
import dev.earmark.storage.label.StaleLabelException;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.user.Actor;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Team mode: two Earmark instances (two {@link Project}s, as on two machines) on one PostgreSQL
 * database write the same label at the same moment, from the same version. Exactly one write wins;
 * the other is refused with the optimistic-lock message; nothing is silently overwritten.
 */
class TeamModeTest {
  private static final Clock CLOCK = TestClocks.FIXED;

  @TempDir Path dir;

  private static String database() {
    String pgUrl = System.getenv("EARMARK_TEST_PG_URL");
    if ((pgUrl == null || pgUrl.isBlank()) && "true".equals(System.getenv("CI"))) {
      throw new IllegalStateException(
          "CI must run the team-mode tests: EARMARK_TEST_PG_URL is not set");
    }
    Assumptions.assumeTrue(pgUrl != null && !pgUrl.isBlank(), "no PostgreSQL for team mode");
    return Databases.freshPgDatabase(pgUrl);
  }

  private record Outcome(String writer, Object result) {}

  @Test
  void twoWritersOnTheSameLabelNeverSilentlyOverwrite() throws Exception {
    String url = database();
    long assignment;
    try (LabelingFixture setup =
        LabelingFixture.create(Project.openShared(url, null, CLOCK), dir, 1)) {
      setup
          .assignments()
          .assign(
              LEAD,
              new AssignmentPlan(ASR, Optional.empty(), List.of("ann-1"), 0, 0, 1),
              QueuePriority.byClipId());
      assignment = setup.assignmentId("ann-1", "clip-0001");
    }
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try (LabelingFixture machineA = LabelingFixture.over(Project.openShared(url, null, CLOCK));
        LabelingFixture machineB = LabelingFixture.over(Project.openShared(url, null, CLOCK))) {
      int version = 0;
      for (int round = 0; round < 15; round++) {
        int read = version;
        boolean drafting = round < 10;
        CyclicBarrier start = new CyclicBarrier(2);
        List<Future<Outcome>> futures = new ArrayList<>();
        for (Object[] writer :
            new Object[][] {{machineA, ANN_1, "a" + round}, {machineB, LEAD, "b" + round}}) {
          LabelingFixture machine = (LabelingFixture) writer[0];
          Actor actor = (Actor) writer[1];
          String text = (String) writer[2];
          futures.add(
              threads.submit(
                  () -> {
                    start.await();
                    try {
                      return new Outcome(
                          text,
                          drafting
                              ? machine
                                  .labels()
                                  .saveDraft(
                                      actor, assignment, LabelingFixture.transcript(text), read)
                              : machine
                                  .labels()
                                  .submit(
                                      actor, assignment, LabelingFixture.transcript(text), read));
                    } catch (StaleLabelException e) {
                      return new Outcome(text, e);
                    }
                  }));
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (Future<Outcome> future : futures) {
          outcomes.add(future.get());
        }
        List<Outcome> won =
            outcomes.stream().filter(o -> o.result() instanceof SavedLabel).toList();
        List<Outcome> lost =
            outcomes.stream().filter(o -> o.result() instanceof StaleLabelException).toList();
        assertThat(won).as("round %d", round).hasSize(1);
        assertThat(lost).as("round %d", round).hasSize(1);
        String winner = won.get(0).writer().startsWith("a") ? "ann-1" : "lead-1";
        assertThat(((StaleLabelException) lost.get(0).result()).getMessage())
            .matches(
                "clip-0001 was changed by "
                    + winner
                    + " at \\d\\d:\\d\\d:\\d\\d after you opened it; reload to see their version");
        version = ((SavedLabel) won.get(0).result()).version();
        assertThat(version).isEqualTo(read + 1);
        Label stored = machineB.labels().open(LEAD, assignment).label().orElseThrow();
        assertThat(stored.value().field("transcript").orElseThrow().toString())
            .contains(won.get(0).writer());
      }
      assertThat(machineA.project().audit().verify()).isInstanceOf(AuditVerification.Intact.class);
      assertThat(machineA.project().audit().eventsFor("label", "1")).hasSize(15);
    } finally {
      threads.shutdownNow();
    }
  }
}
