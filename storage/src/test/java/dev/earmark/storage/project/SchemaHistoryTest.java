package dev.earmark.storage.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earmark.storage.Databases;
import dev.earmark.storage.StorageException;
import dev.earmark.storage.TestClocks;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The migrations {@link SchemaHistory} expects are exactly what Flyway applies (versions and
 * checksums), on H2 and on PostgreSQL; a history that differs in any way sends the open through
 * Flyway, which still refuses a changed migration.
 */
class SchemaHistoryTest {
  @TempDir Path dir;

  static List<Named<Supplier<Project>>> databases() {
    return Databases.fresh(TestClocks.FIXED);
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aProjectFlywayMigratedHoldsExactlyTheExpectedMigrations(Supplier<Project> factory) {
    try (Project project = factory.get()) {
      boolean embedded = project.directory().isPresent();
      List<SchemaHistory.Applied> applied =
          project
              .jdbi()
              .withHandle(
                  handle ->
                      handle
                          .createQuery(
                              "SELECT version, checksum FROM flyway_schema_history"
                                  + " WHERE version IS NOT NULL ORDER BY installed_rank")
                          .map(
                              (rows, context) ->
                                  new SchemaHistory.Applied(
                                      rows.getString("version"), rows.getInt("checksum")))
                          .list());
      assertThat(applied)
          .as(
              "a migration was added or changed: make SchemaHistory's lists say what Flyway"
                  + " applied")
          .isEqualTo(SchemaHistory.expected(embedded));
      assertThat(SchemaHistory.current(project.dataSource(), embedded)).isTrue();
    }
  }

  @Test
  void aChangedMigrationIsNotCurrentAndFlywayStillRefusesIt() throws Exception {
    Path projectDir = dir.resolve("p");
    Project.openEmbedded(projectDir, true, TestClocks.FIXED).close();
    assertThat(projectDir.resolve("earmark.trace.db"))
        .as("asking a new database for its history leaves no H2 error trace")
        .doesNotExist();
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL(
        "jdbc:h2:file:"
            + projectDir.resolve("earmark")
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
    h2.setUser("earmark");
    assertThat(SchemaHistory.current(h2, true)).isTrue();
    assertThat(SchemaHistory.current(h2, false)).as("the team list has more").isFalse();
    try (var connection = h2.getConnection();
        var statement = connection.createStatement()) {
      statement.executeUpdate(
          "UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = '9'");
    }
    assertThat(SchemaHistory.current(h2, true)).isFalse();
    assertThatThrownBy(() -> Project.openEmbedded(projectDir, false, TestClocks.FIXED).close())
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("could not be brought to the current schema");
  }

  @Test
  void noHistoryTableIsNotCurrent() {
    JdbcDataSource empty = new JdbcDataSource();
    empty.setURL("jdbc:h2:mem:no-history;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE");
    assertThat(SchemaHistory.current(empty, true)).isFalse();
  }
}
