package dev.earmark.storage.fault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earmark.storage.FaultPoints;
import dev.earmark.storage.TestClocks;
import dev.earmark.storage.audit.AuditVerification;
import dev.earmark.storage.project.Project;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An upgrade migration killed part way (issue 19): a project on the schema before migration 13 is
 * opened by a child JVM that halts after the database was copied aside or after the migration ran;
 * the next open restores the copy and upgrades again: no failed migration, an intact audit chain,
 * no "Validate failed".
 */
class UpgradeKillTest {
  @TempDir Path dir;

  private static final String H2_OPTIONS =
      ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0";

  @ParameterizedTest(name = "killed at {0}")
  @ValueSource(strings = {"migrate.backed-up", "migrate.done"})
  void anInterruptedUpgradeRunsAgainOnTheNextOpen(String point) throws Exception {
    Path project = dir.resolve("old");
    Files.createDirectories(project);
    // A project made by a version whose newest migration was 10.
    Flyway.configure()
        .dataSource("jdbc:h2:file:" + project.resolve("earmark") + H2_OPTIONS, "earmark", "")
        .locations("classpath:db/migration")
        .target("10")
        .load()
        .migrate();

    Process child =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-D" + FaultPoints.PROPERTY + "=" + point,
                    "-cp",
                    System.getProperty("java.class.path"),
                    OpenRun.class.getName(),
                    project.toString()))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("child.log").toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
    assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).isEqualTo(FaultPoints.EXIT_STATUS);
    assertThat(project.resolve("earmark.mv.db.before-upgrade")).exists();

    try (Project reopened = Project.openEmbedded(project, false, TestClocks.FIXED)) {
      assertThat(reopened.audit().verify()).isInstanceOf(AuditVerification.Intact.class);
      long failed =
          reopened
              .jdbi()
              .withHandle(
                  h ->
                      h.createQuery("SELECT COUNT(*) FROM flyway_schema_history WHERE NOT success")
                          .mapTo(Long.class)
                          .one());
      assertThat(failed).isZero();
      long pending =
          reopened
              .jdbi()
              .withHandle(
                  h -> h.createQuery("SELECT COUNT(*) FROM publications").mapTo(Long.class).one());
      assertThat(pending).isZero();
      assertThat(reopened.projectId()).isNotBlank();
    }
    assertThat(project.resolve("earmark.mv.db.before-upgrade")).doesNotExist();
  }
}
