package dev.earmark.app.gui.background;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earmark.app.gui.HeldExecutor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobScopeTest {
  @Test
  void aClosedScopeDropsTheLateResultsOfItsRunningJobs() {
    HeldExecutor shared = new HeldExecutor();
    JobScope scope = new JobScope(shared);
    List<String> delivered = new ArrayList<>();
    scope.inBackground(
        "read the queue", () -> "queue", delivered::add, failure -> delivered.add("!"));
    scope.<String>inBackground(
        "read a clip",
        () -> {
          throw new IllegalStateException("late");
        },
        delivered::add,
        failure -> delivered.add("failed"));

    scope.shutdown();
    shared.runAll();

    assertThat(delivered).isEmpty();
  }

  @Test
  void workSubmittedAfterClosingNeverRuns() {
    HeldExecutor shared = new HeldExecutor();
    JobScope scope = new JobScope(shared);
    scope.shutdown();

    BackgroundJob job =
        scope.runInBackground(
            "read the queue",
            progress -> "queue",
            BackgroundExecutor.ProgressListener.IGNORED,
            result -> {},
            failure -> {});

    assertThat(shared.pending()).isZero();
    assertThat(job).isSameAs(BackgroundJob.NONE);
  }

  @Test
  void anOpenScopeDeliversProgressAndResultsAndTheWorkSeesACancel() {
    HeldExecutor shared = new HeldExecutor();
    JobScope scope = new JobScope(shared);
    List<String> delivered = new ArrayList<>();
    BackgroundJob job =
        scope.runInBackground(
            "import",
            progress -> {
              progress.update(1, 2);
              return progress.cancelRequested() ? "stopped early" : "all of it";
            },
            (done, total) -> delivered.add(done + "/" + total),
            delivered::add,
            failure -> delivered.add("failed"));

    job.cancel();
    shared.runAll();

    assertThat(delivered).containsExactly("1/2", "stopped early");
  }
}
