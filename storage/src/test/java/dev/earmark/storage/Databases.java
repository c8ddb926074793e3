package dev.earmark.storage;

import dev.earmark.storage.project.Project;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Named;

/**
 * The databases every storage suite runs against: an embedded H2 project in a fresh directory, and
 * a fresh database on the real PostgreSQL that .ci/run starts (EARMARK_TEST_PG_URL). Under CI a
 * missing PostgreSQL is an error, not a silent skip.
 */
public final class Databases {
  private Databases() {}

  /** A named factory for a fresh, empty project on each kind of database. */
  public static List<Named<Supplier<Project>>> fresh(Clock clock) {
    List<Named<Supplier<Project>>> kinds = new ArrayList<>();
    kinds.add(Named.of("h2", () -> Project.openEmbedded(tempDir(), true, clock)));
    String pgUrl = System.getenv("EARMARK_TEST_PG_URL");
    if (pgUrl != null && !pgUrl.isBlank()) {
      kinds.add(
          Named.of("postgresql", () -> Project.openShared(freshPgDatabase(pgUrl), null, clock)));
    } else if ("true".equals(System.getenv("CI"))) {
      throw new IllegalStateException(
          "CI must run the team-mode tests: EARMARK_TEST_PG_URL is not set (see .ci/run)");
    }
    return kinds;
  }

  private static Path tempDir() {
    try {
      Path dir = Files.createTempDirectory("earmark-test-project");
      dir.toFile().deleteOnExit();
      return dir.resolve("project");
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Creates a new database on the test server and returns its URL (same credentials). */
  public static String freshPgDatabase(String adminUrl) {
    String name = "earmark_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    try (Connection connection = DriverManager.getConnection(adminUrl);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create a test database on " + adminUrl, e);
    }
    return adminUrl.replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
  }
}
