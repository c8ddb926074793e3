package dev.earmark.storage.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earmark.storage.Databases;
import dev.earmark.storage.StorageException;
import dev.earmark.storage.TestClocks;
import java.util.HashSet;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A team project keeps its PostgreSQL connections between operations (issue 22) and gives them back
 * to the server when it is closed; a refused login still fails the open in one sentence.
 */
class TeamPoolTest {
  private static String adminUrl() {
    String pgUrl = System.getenv("EARMARK_TEST_PG_URL");
    if ((pgUrl == null || pgUrl.isBlank()) && "true".equals(System.getenv("CI"))) {
      throw new IllegalStateException(
          "CI must run the team-mode tests: EARMARK_TEST_PG_URL is not set");
    }
    Assumptions.assumeTrue(pgUrl != null && !pgUrl.isBlank(), "no PostgreSQL for team mode");
    return pgUrl;
  }

  private static int backend(Project project) {
    return project
        .jdbi()
        .withHandle(h -> h.createQuery("SELECT pg_backend_pid()").mapTo(Integer.class).one());
  }

  private static int connectionsTo(String database) {
    return Jdbi.create(adminUrl())
        .withHandle(
            h ->
                h.createQuery("SELECT count(*) FROM pg_stat_activity WHERE datname = :db")
                    .bind("db", database)
                    .mapTo(Integer.class)
                    .one());
  }

  @Test
  void operationsInTurnReuseOneConnectionAndClosingTheProjectHandsItBack() {
    String url = Databases.freshPgDatabase(adminUrl());
    String database;
    try (Project project = Project.openShared(url, null, TestClocks.FIXED)) {
      database =
          project
              .jdbi()
              .withHandle(
                  h -> h.createQuery("SELECT current_database()").mapTo(String.class).one());
      Set<Integer> backends = new HashSet<>();
      for (int i = 0; i < 5; i++) {
        backends.add(backend(project));
      }

      assertThat(backends).hasSize(1);
      assertThat(connectionsTo(database)).isBetween(1, TeamPool.MAXIMUM_CONNECTIONS);
    }
    // The server lists a backend until it has exited, a moment after the client hung up.
    int left = connectionsTo(database);
    for (int wait = 0; left > 0 && wait < 50; wait++) {
      sleep();
      left = connectionsTo(database);
    }
    assertThat(left).isZero();
  }

  private static void sleep() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aRefusedLoginStillFailsTheOpenInOneSentenceWithoutThePassword() {
    String url = Databases.freshPgDatabase(adminUrl());
    try (Project project = Project.openShared(url, null, TestClocks.FIXED)) {
      project.jdbi().useHandle(h -> h.execute("SELECT 1"));
    }
    String wrong =
        url.replaceFirst("user=[^&]*", "user=no_such_login_22") + "&password=hunter2-secret";

    assertThatThrownBy(() -> Project.openShared(wrong, null, TestClocks.FIXED))
        .isInstanceOf(StorageException.class)
        .hasMessageStartingWith("cannot open the project at ")
        .hasMessageContaining("no_such_login_22")
        .hasMessageNotContaining("hunter2-secret")
        .hasMessageNotContaining("\n");
  }
}
