package dev.earmark.app.cli;

import static dev.earmark.app.cli.EarmarkCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.earmark.storage.project.Project;
import dev.earmark.storage.user.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code earmark users login} on the real PostgreSQL (EARMARK_TEST_PG_URL): the lead maps their own
 * login, gives an annotator one (or prints the SQL for a DBA), and from then on --user cannot claim
 * another user than the login's.
 */
class UsersLoginCommandTest {
  @TempDir Path dir;

  @Test
  void aLeadGivesAnAnnotatorTheirOwnLoginAndTheSharedLoginLosesItsClaims() throws Exception {
    String admin = System.getenv("EARMARK_TEST_PG_URL");
    if ("true".equals(System.getenv("CI"))) {
      assertThat(admin).as("CI must run the team-mode tests (see .ci/run)").isNotBlank();
    }
    Assumptions.assumeTrue(admin != null && !admin.isBlank(), "no EARMARK_TEST_PG_URL");
    String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    String database = "earmark_login_" + suffix;
    try (Connection connection = DriverManager.getConnection(admin);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + database);
    }
    String url = admin.replaceFirst("/[^/?]+(\\?|$)", "/" + database + "$1");
    String adminLogin = admin.replaceFirst(".*[?&]user=([^&]*).*", "$1");
    ImportCommandTest.wav(dir.resolve("good.wav"), 1.0);
    Path manifest =
        Files.writeString(
            dir.resolve("m.jsonl"),
            "{\"id\": \"good\", \"audio_filepath\": \"good.wav\", \"consent_scope\": \"full\"}\n");
    Path contract =
        Files.writeString(
            dir.resolve("c.json"),
            """
            {"dataset_id": "d", "purpose": "p", "owner": "o", "source": "s",
             "consent_scopes": [{"id": "full", "allowed_uses": ["labeling"]}],
             "allowed_uses": ["labeling"], "retention_policy": "r", "language": "en",
             "domain": "x", "acoustic_conditions": "clean", "device_class": "mobile",
             "known_gaps": []}
            """);
    var created =
        run(
            "import",
            "--db",
            url,
            "--user",
            "lena",
            "--manifest",
            manifest.toString(),
            "--contract",
            contract.toString());
    assertThat(created.code()).as(created.err()).isZero();
    try (Project project =
        Project.openShared(
            url, null, Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC))) {
      project
          .users()
          .add(project.users().actor("lena"), "ann-1", "Ann", EnumSet.of(Role.ANNOTATOR));
    }

    var own = run("users", "login", "lena", "--db-role", adminLogin, "--db", url, "--user", "lena");
    assertThat(own.code()).as(own.err()).isZero();
    assertThat(own.out()).contains("PostgreSQL login " + adminLogin + " is now user lena");

    String role = "ann_" + suffix;
    var printed = run("users", "login", "ann-1", "--db-role", role, "--db", url, "--print-sql");
    assertThat(printed.code()).as(printed.err()).isZero();
    assertThat(printed.out())
        .contains("CREATE ROLE " + role + " LOGIN")
        .contains(database + "_annotator TO " + role)
        .doesNotContain("PASSWORD '");
    var made = run("users", "login", "ann-1", "--db-role", role, "--db", url);
    assertThat(made.code()).as(made.err()).isZero();

    // The admin login is lena now: it cannot claim ann-1, and ann-1 cannot make logins.
    var claims =
        run(
            "import",
            "--db",
            url,
            "--user",
            "ann-1",
            "--manifest",
            manifest.toString(),
            "--contract",
            contract.toString());
    assertThat(claims.code()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(claims.err()).contains("may not act as 'ann-1'");
  }
}
