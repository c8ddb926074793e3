package dev.earmark.storage.project;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * Gives the space an embedded project's H2 file no longer uses back to the disk when the project
 * closes (issue 22). With {@code WRITE_DELAY=0} H2 runs no background writer, so nothing compacts
 * the file while it is open: a 20k-clip project built in one go left a 210 MB file of which 27% was
 * live (10.5 KB per clip), and {@code SHUTDOWN COMPACT} brought it to 15.6 MB (779 B per clip) in
 * under a second. Compacting rewrites the live data, so it runs only when the file is both large
 * and mostly free (after an import, an assignment run or long labeling), and only when this project
 * holds the database's last session: another open project on the same file in this JVM keeps it as
 * it is.
 */
final class EmbeddedCompaction {
  /** Files smaller than this are left as they are: compacting them would save little. */
  static final long MIN_FILE_BYTES = 8L << 20;

  /**
   * Below this percentage of live data, in the file ({@code info.FILL_RATE}) or in its chunks
   * ({@code info.CHUNKS_FILL_RATE}), the file is compacted.
   */
  static final int COMPACT_BELOW_FILL_PERCENT = 50;

  private EmbeddedCompaction() {}

  /**
   * Closes {@code pool}, then compacts the database at {@code url} when it is sparse. A failure to
   * compact leaves the file as it was (H2 rewrites into a new file and swaps it in), so it is not
   * reported: the project is closed either way.
   */
  static void closeAndCompact(JdbcConnectionPool pool, String url) {
    boolean sparse;
    try (Connection c = pool.getConnection()) {
      // While the database is open, chunks that were written in the last RETENTION_TIME still
      // count as used file space (FILL_RATE reads 100) but their dead pages already show in the
      // chunks' fill rate; after a reopen it is the other way round. Either low means sparse.
      sparse =
          setting(c, "info.FILE_SIZE") >= MIN_FILE_BYTES
              && (setting(c, "info.FILL_RATE") < COMPACT_BELOW_FILL_PERCENT
                  || setting(c, "info.CHUNKS_FILL_RATE") < COMPACT_BELOW_FILL_PERCENT);
    } catch (SQLException | IllegalStateException e) {
      sparse = false; // unreadable settings or an already closed pool: leave the file alone
    } finally {
      pool.dispose();
    }
    if (!sparse) {
      return;
    }
    try (Connection c = DriverManager.getConnection(url + ";IFEXISTS=TRUE", "earmark", "")) {
      if (scalar(c, "SELECT COUNT(*) FROM information_schema.sessions") == 1) {
        try (Statement s = c.createStatement()) {
          s.execute("SHUTDOWN COMPACT");
        }
      }
    } catch (SQLException e) {
      // the file is still the valid, uncompacted one
    }
  }

  private static long setting(Connection c, String name) throws SQLException {
    try (var s =
        c.prepareStatement(
            "SELECT setting_value FROM information_schema.settings WHERE setting_name = ?")) {
      s.setString(1, name);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? Long.parseLong(rs.getString(1)) : -1;
      }
    }
  }

  private static long scalar(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
