package dev.earmark.storage.project;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Whether a database already holds every migration of this build, read from Flyway's history table
 * with one query, so that opening a current project does not start Flyway at all (issue 22: its
 * resolve-and-compare ran twice on every open and was about a quarter of a short command's CPU).
 * Anything but an exact match (a missing, failed, extra or changed migration, no history table)
 * answers false, and Flyway then migrates, validates and reports as before. Thread-safe.
 */
final class SchemaHistory {
  /** One applied migration: its version and Flyway's checksum of its script. */
  record Applied(String version, int checksum) {}

  /** The portable migrations (db/migration), which embedded projects run, in version order. */
  static final List<Applied> PORTABLE =
      List.of(
          new Applied("1", 663008766),
          new Applied("2", -1034531598),
          new Applied("3", 1472082534),
          new Applied("5", -1542229403),
          new Applied("7", 1678944194),
          new Applied("8", 1447432308),
          new Applied("9", 84823613),
          new Applied("10", 1720620650),
          new Applied("13", 2134939708),
          new Applied("14", -246985397),
          new Applied("15", -854339491));

  /** The PostgreSQL-only migrations (db/postgresql), which team projects run besides. */
  static final List<Applied> POSTGRESQL_ONLY =
      List.of(
          new Applied("11", 1571993781),
          new Applied("12", -39084374),
          new Applied("16", -1705156871));

  private SchemaHistory() {}

  /** The migrations an embedded ({@code true}) or a team project runs, in version order. */
  static List<Applied> expected(boolean embedded) {
    List<Applied> all = new ArrayList<>(PORTABLE);
    if (!embedded) {
      all.addAll(POSTGRESQL_ONLY);
    }
    all.sort((a, b) -> compareVersions(a.version(), b.version()));
    return all;
  }

  /**
   * True when the history holds exactly {@link #expected} migrations, each successful with the same
   * checksum; false on any difference or when the history cannot be read.
   */
  static boolean current(DataSource dataSource, boolean embedded) {
    Optional<List<Applied>> found;
    try (Connection connection = dataSource.getConnection()) {
      // Asked first so that a new database's missing table is not an error H2 writes a trace of.
      try (ResultSet tables =
          connection.getMetaData().getTables(null, null, "flyway_schema_history", null)) {
        if (!tables.next()) {
          return false;
        }
      }
      found = read(connection);
    } catch (SQLException e) {
      return false;
    }
    return found.isPresent() && found.get().equals(expected(embedded));
  }

  /** The history's migrations in version order; empty when a row is not a finished migration. */
  private static Optional<List<Applied>> read(Connection connection) throws SQLException {
    List<Applied> found = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT version, checksum, success, type FROM flyway_schema_history"
                    + " ORDER BY installed_rank")) {
      while (rows.next()) {
        String type = rows.getString(4);
        if (("SCHEMA".equals(type) || "TABLE".equals(type)) && rows.getBoolean(3)) {
          continue; // Flyway's notes that it made its schema or history table, not migrations
        }
        int checksum = rows.getInt(2);
        if (rows.wasNull() || !rows.getBoolean(3) || !"SQL".equals(type)) {
          return Optional.empty();
        }
        found.add(new Applied(rows.getString(1), checksum));
      }
    }
    found.sort((a, b) -> compareVersions(a.version(), b.version()));
    return Optional.of(found);
  }

  private static int compareVersions(String a, String b) {
    try {
      return Integer.compare(Integer.parseInt(a), Integer.parseInt(b));
    } catch (NumberFormatException e) {
      return a.compareTo(b);
    }
  }
}
