package dev.earmark.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What fills a project's database, per clip (issue 22): for every table its rows, its bytes on disk
 * (table and indexes), and the stored bytes of each text or binary column, divided by the project's
 * clip count. Not a JMH benchmark and not timed: sizes do not depend on machine load.
 *
 * <p>Usage: {@code StorageBreakdown h2 PROJECT_DIR} (the project must be closed; the tool copies
 * nothing and writes nothing but a final {@code SHUTDOWN COMPACT}, whose file size it reports
 * beside the size before) or {@code StorageBreakdown pg JDBC_URL}.
 */
public final class StorageBreakdown {
  private StorageBreakdown() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2 || !(args[0].equals("h2") || args[0].equals("pg"))) {
      System.err.println("usage: StorageBreakdown h2 PROJECT_DIR | pg JDBC_URL");
      System.exit(2);
    }
    boolean h2 = args[0].equals("h2");
    Path file = h2 ? Path.of(args[1]).toAbsolutePath().resolve("earmark.mv.db") : null;
    String url =
        h2
            ? "jdbc:h2:file:"
                + file.toString().replaceFirst("\\.mv\\.db$", "")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
                + ";IFEXISTS=TRUE"
            : args[1];
    long fileBefore = h2 ? Files.size(file) : 0;
    try (Connection c =
        h2 ? DriverManager.getConnection(url, "earmark", "") : DriverManager.getConnection(url)) {
      long clips = scalar(c, "SELECT COUNT(*) FROM clips");
      System.out.printf(Locale.ROOT, "clips: %,d%n", clips);
      List<String> tables = tables(c, h2);
      long total = 0;
      System.out.printf(
          Locale.ROOT,
          "%-22s %10s %12s %12s %10s%n",
          "table",
          "rows",
          h2 ? "disk (all)" : "heap+toast",
          h2 ? "" : "indexes",
          "B/clip");
      Map<String, Long> perTable = new LinkedHashMap<>();
      for (String table : tables) {
        long rows = scalar(c, "SELECT COUNT(*) FROM " + table);
        long heap;
        long indexes;
        if (h2) {
          heap = scalar(c, "SELECT DISK_SPACE_USED('" + table + "')");
          indexes = 0;
        } else {
          heap = scalar(c, "SELECT pg_table_size('" + table + "')");
          indexes = scalar(c, "SELECT pg_indexes_size('" + table + "')");
        }
        perTable.put(table, heap + indexes);
        total += heap + indexes;
        System.out.printf(
            Locale.ROOT,
            "%-22s %,10d %,12d %12s %,10.0f%n",
            table,
            rows,
            heap,
            h2 ? "" : String.format(Locale.ROOT, "%,d", indexes),
            clips == 0 ? 0.0 : (heap + indexes) / (double) clips);
      }
      System.out.printf(
          Locale.ROOT,
          "%-22s %10s %,12d %12s %,10.0f%n",
          "total",
          "",
          total,
          "",
          clips == 0 ? 0.0 : total / (double) clips);
      if (!h2) {
        System.out.println();
        System.out.println("indexes (bytes, B/clip):");
        try (Statement s = c.createStatement();
            ResultSet rs =
                s.executeQuery(
                    "SELECT i.relname, t.relname, pg_relation_size(i.oid) FROM pg_index x"
                        + " JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid ="
                        + " x.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace WHERE"
                        + " n.nspname = current_schema() ORDER BY 3 DESC")) {
          while (rs.next()) {
            System.out.printf(
                Locale.ROOT,
                "  %-40s %-18s %,12d %,8.0f%n",
                rs.getString(1),
                rs.getString(2),
                rs.getLong(3),
                clips == 0 ? 0.0 : rs.getLong(3) / (double) clips);
          }
        }
      }
      System.out.println();
      System.out.println("stored bytes of text and binary columns (sum of octet_length, B/clip):");
      for (String table : tables) {
        for (String column : wideColumns(c, table)) {
          long bytes =
              scalar(c, "SELECT COALESCE(SUM(OCTET_LENGTH(" + column + ")), 0) FROM " + table);
          if (clips > 0 && bytes / (double) clips >= 1.0) {
            System.out.printf(
                Locale.ROOT,
                "  %-40s %,14d %,8.0f%n",
                table + "." + column,
                bytes,
                bytes / (double) clips);
          }
        }
      }
      if (h2) {
        try (Statement s = c.createStatement()) {
          s.execute("SHUTDOWN COMPACT");
        }
      }
    }
    if (h2) {
      long after = Files.size(file);
      System.out.println();
      System.out.printf(
          Locale.ROOT,
          "H2 file: %,d bytes as left by the last close; %,d bytes after SHUTDOWN COMPACT%n",
          fileBefore,
          after);
    } else {
      try (Connection c = DriverManager.getConnection(url)) {
        System.out.printf(
            Locale.ROOT,
            "%nPostgreSQL database: %,d bytes (pg_database_size)%n",
            scalar(c, "SELECT pg_database_size(current_database())"));
      }
    }
  }

  private static List<String> tables(Connection c, boolean h2) throws SQLException {
    List<String> tables = new ArrayList<>();
    String sql =
        h2
            ? "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
                + " AND table_type = 'BASE TABLE' ORDER BY table_name"
            : "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
                + " ORDER BY tablename";
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        tables.add(rs.getString(1));
      }
    }
    return tables;
  }

  private static List<String> wideColumns(Connection c, String table) throws SQLException {
    List<String> columns = new ArrayList<>();
    try (var s =
        c.prepareStatement(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ?"
                + " AND table_schema = current_schema() ORDER BY ordinal_position")) {
      s.setString(1, table);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          String type = rs.getString(2).toLowerCase(Locale.ROOT);
          if (type.contains("char")
              || type.contains("text")
              || type.contains("bin")
              || type.contains("bytea")
              || type.contains("clob")
              || type.contains("blob")) {
            columns.add(rs.getString(1));
          }
        }
      }
    }
    return columns;
  }

  private static long scalar(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
