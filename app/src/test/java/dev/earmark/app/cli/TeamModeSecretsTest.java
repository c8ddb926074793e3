package dev.earmark.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole team-mode session on the real PostgreSQL (EARMARK_TEST_PG_URL) with the password written
 * into the --db URL in both forms (user information and {@code ?password=}), then every byte the
 * session produced is searched for the password: stdout, stderr, the logs (with --debug), the
 * export, the assignment pack, and the text the session stored in the database.
 */
class TeamModeSecretsTest {
  private static final String PASSWORD = "Pw-7f3a9c-never-shown";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private final ByteArrayOutputStream everything = new ByteArrayOutputStream();

  private static String adminUrl() {
    String url = System.getenv("EARMARK_TEST_PG_URL");
    if ("true".equals(System.getenv("CI"))) {
      assertThat(url).as("CI must run the team-mode tests (see .ci/run)").isNotBlank();
    }
    Assumptions.assumeTrue(url != null && !url.isBlank(), "no EARMARK_TEST_PG_URL");
    return url;
  }

  /**
   * Runs {@code earmark ARGS --debug} in a JVM of its own, so that the libraries' logs are on as
   * they are for a user who asks for them; stdout and stderr (logs included) go to {@link
   * #everything}.
   */
  private EarmarkCommandTest.Result run(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("dev.earmark.app.Main");
    command.addAll(List.of(args));
    command.add("--debug");
    Path err = Files.createTempFile(dir, "stderr", ".txt");
    Process process =
        new ProcessBuilder(command)
            .redirectError(err.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int code = process.waitFor();
    String errText = Files.readString(err);
    Files.delete(err);
    everything.writeBytes(out.getBytes(StandardCharsets.UTF_8));
    everything.writeBytes(errText.getBytes(StandardCharsets.UTF_8));
    return new EarmarkCommandTest.Result(code, out, errText);
  }

  @Test
  void theDatabasePasswordAppearsNowhereASessionWrites() throws Exception {
    String admin = adminUrl();
    String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    String role = "lead_" + suffix;
    String database = "earmark_secret_" + suffix;
    try (Connection connection = DriverManager.getConnection(admin);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE ROLE " + role + " LOGIN PASSWORD '" + PASSWORD + "'");
      statement.execute("CREATE DATABASE " + database + " OWNER " + role);
    }
    String hostPart = admin.replaceFirst("^jdbc:postgresql://([^/]+)/.*$", "$1");
    String userInfoUrl =
        "jdbc:postgresql://" + role + ":" + PASSWORD + "@" + hostPart + "/" + database;
    String parameterUrl =
        "jdbc:postgresql://"
            + hostPart
            + "/"
            + database
            + "?user="
            + role
            + "&password="
            + PASSWORD;

    var demo = run("demo", "--db", userInfoUrl, "--user", "maria", "--project", dir.toString());
    assertThat(demo.code()).as(demo.err()).isZero();

    Path batch = dir.resolve("batch");
    var blocked =
        run(
            "export",
            "--db",
            parameterUrl,
            "--user",
            "maria",
            "--batch",
            "b",
            "--out",
            batch.toString(),
            "--json");
    List<String> export =
        new ArrayList<>(
            List.of(
                "export",
                "--db",
                userInfoUrl,
                "--user",
                "maria",
                "--batch",
                "b",
                "--out",
                batch.toString()));
    for (JsonNode blocker : JSON.readTree(blocked.out()).path("blockers")) {
      export.addAll(List.of("--allow", blocker.path("code").asText(), "--reason", "test waiver"));
    }
    var exported = run(export.toArray(String[]::new));
    assertThat(exported.code()).as(exported.err()).isZero();

    Path pack = dir.resolve("ann-alex.earmark-pack");
    var packed =
        run(
            "pack",
            "export",
            "--db",
            parameterUrl,
            "--user",
            "lead-demo",
            "--annotator",
            "ann-alex",
            "--out",
            pack.toString());
    assertThat(packed.code()).as(packed.err()).isZero();
    assertThat(run("audit", "verify", "--db", userInfoUrl).code()).isZero();

    // Failures print the URL too: a wrong port, and a URL that is not PostgreSQL's.
    String unreachable = userInfoUrl.replace(hostPart, "127.0.0.1:1") + "?connectTimeout=2";
    assertThat(run("audit", "verify", "--db", unreachable).code()).isNotZero();
    assertThat(run("audit", "verify", "--db", "jdbc:mysql://u:" + PASSWORD + "@h/db").code())
        .isNotZero();

    assertThat(everything.toString(StandardCharsets.UTF_8))
        .contains("Migrating schema")
        .doesNotContain(PASSWORD);
    List<Path> written;
    try (Stream<Path> files = Files.walk(dir)) {
      written = files.filter(Files::isRegularFile).toList();
    }
    assertThat(written).anyMatch(f -> f.startsWith(batch)).contains(pack);
    for (Path file : written) {
      assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1))
          .as(file.toString())
          .doesNotContain(PASSWORD);
    }
    try (Connection connection =
            DriverManager.getConnection(
                admin.replaceFirst("/[^/?]+(\\?|$)", "/" + database + "$1"));
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT COUNT(*) FROM audit_events WHERE CONCAT(actor, entity_id, before_json,"
                    + " after_json) LIKE '%"
                    + PASSWORD
                    + "%'")) {
      rows.next();
      assertThat(rows.getLong(1)).isZero();
    }
  }
}
