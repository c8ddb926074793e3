package dev.earmark.storage.project;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.concurrent.TimeUnit;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The connection pool of one opened team project (issue 22). The team-load harness measured 29 ms
 * p50 per operation on a new connection against 3.4 ms on a kept one (docs/BENCHMARKS.md), so a
 * project that connected per operation spent most of a label save connecting. The pool keeps a few
 * connections of the one login that opened the project: with per-person logins (ADR 0014) each
 * person's project has a pool of their own connections, never shared with anyone else's, and it is
 * closed with the project.
 *
 * <p>Privileges stay as live as before: PostgreSQL checks a role's group memberships on every
 * statement, so a role change or deactivation holds at once on a kept connection too.
 */
final class TeamPool {
  /**
   * One person's workbench runs a save, a read-ahead and a background read or two at a time; a CLI
   * command one statement at a time. Small, so twenty people stay far below the server's default of
   * 100 connections.
   */
  static final int MAXIMUM_CONNECTIONS = 4;

  private TeamPool() {}

  /**
   * A pool over {@code login}'s connections. It connects once at once, so that an unreachable
   * server or a refused password fails the open (as a {@link
   * com.zaxxer.hikari.pool.HikariPool.PoolInitializationException} carrying the driver's error)
   * instead of the first operation.
   */
  static HikariDataSource over(PGSimpleDataSource login) {
    HikariConfig config = new HikariConfig();
    config.setDataSource(login);
    config.setPoolName("earmark-team");
    config.setMaximumPoolSize(MAXIMUM_CONNECTIONS);
    config.setMinimumIdle(1);
    config.setConnectionTimeout(TimeUnit.SECONDS.toMillis(10));
    config.setInitializationFailTimeout(1);
    return new HikariDataSource(config);
  }
}
