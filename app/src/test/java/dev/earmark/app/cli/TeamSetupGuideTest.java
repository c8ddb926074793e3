package dev.earmark.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earmark.app.gui.waveform.TestClips;
import java.io.File;
import java.io.IOException;
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
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18: docs/guide/lead.md's "A team on PostgreSQL with per-person logins" is run exactly as
 * written, against the real PostgreSQL (EARMARK_TEST_PG_URL): every line of its blocks marked
 * {@code team-setup}, in order, with this server, and fresh database and role names in place of
 * {@code dbhost}, {@code earmark_team}, {@code earmark_owner} and {@code ann_1}. {@code earmark}
 * lines run the real command line in a child JVM with the exported environment; {@code psql -c}
 * lines run their SQL over JDBC, as the server's admin ({@code sudo -u postgres}) or as the login
 * the connection string names. A line marked {@code # refused} must fail, every other line must
 * succeed; so the guide and the behaviour cannot drift apart.
 */
class TeamSetupGuideTest {
  private static final Pattern BLOCK =
      Pattern.compile("(?m)^\\s*```sh team-setup\\s*\\n(.*?)^\\s*```", Pattern.DOTALL);

  @TempDir Path dir;

  private String admin;
  private final Map<String, String> names = new LinkedHashMap<>();
  private final Map<String, String> environment = new LinkedHashMap<>();
  private final List<String> trail = new ArrayList<>();

  /** The guide's fenced lines marked {@code team-setup}, in order. */
  static List<String> guideLines() throws IOException {
    Path module = Path.of("").toAbsolutePath();
    Path root = Files.isDirectory(module.resolve("docs")) ? module : module.getParent();
    String guide = Files.readString(root.resolve("docs/guide/lead.md"));
    List<String> lines = new ArrayList<>();
    Matcher block = BLOCK.matcher(guide);
    while (block.find()) {
      for (String line : block.group(1).split("\n")) {
        if (!line.isBlank()) {
          lines.add(line.strip());
        }
      }
    }
    return lines;
  }

  @Test
  void theGuideMarksTheStepsItPromises() throws IOException {
    List<String> lines = guideLines();
    assertThat(lines).anyMatch(l -> l.startsWith("sudo -u postgres psql -c \"CREATE ROLE"));
    assertThat(lines).anyMatch(l -> l.startsWith("earmark users login ann-1"));
    assertThat(lines).anyMatch(l -> l.startsWith("psql ") && l.endsWith("# refused"));
  }

  @Test
  void theTeamSetupStepsOfTheLeadGuideWorkAsWritten() throws Exception {
    admin = System.getenv("EARMARK_TEST_PG_URL");
    if ("true".equals(System.getenv("CI"))) {
      assertThat(admin).as("CI must run the team-mode tests (see .ci/run)").isNotBlank();
    }
    Assumptions.assumeTrue(admin != null && !admin.isBlank(), "no EARMARK_TEST_PG_URL");
    Matcher server = Pattern.compile("^jdbc:postgresql://([^/]+)/").matcher(admin);
    assertThat(server.find()).as(admin).isTrue();
    String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    names.put("dbhost", server.group(1));
    names.put("earmark_team", "earmark_team_" + suffix);
    names.put("earmark_owner", "earmark_owner_" + suffix);
    names.put("ann_1", "ann_1_" + suffix);
    writeDataset();

    for (String written : guideLines()) {
      String line = substitute(written);
      boolean refused = line.endsWith("# refused");
      line = line.replaceFirst("\\s+#.*$", "");
      trail.add(line);
      List<String> words = words(line);
      switch (words.get(0)) {
        case "export" -> {
          for (String assignment : words.subList(1, words.size())) {
            int eq = assignment.indexOf('=');
            environment.put(assignment.substring(0, eq), assignment.substring(eq + 1));
          }
        }
        case "sudo", "psql" -> psql(words, refused);
        case "earmark" -> earmark(words.subList(1, words.size()), refused);
        default -> throw new AssertionError("the test does not know how to run: " + written);
      }
    }
    assertThat(trail).as("the guide ran its steps").hasSizeGreaterThan(8);
  }

  private String substitute(String line) {
    String result = line;
    for (Map.Entry<String, String> name : names.entrySet()) {
      result = result.replaceAll("\\b" + name.getKey() + "\\b", name.getValue());
    }
    return result;
  }

  /** Splits a shell line into words: blanks separate, single and double quotes group. */
  static List<String> words(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (char c : line.toCharArray()) {
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }

  /** {@code sudo -u postgres psql -c SQL} as the admin, or {@code psql "CONNINFO" -c SQL}. */
  private void psql(List<String> words, boolean refused) throws SQLException {
    int c = words.indexOf("-c");
    String sql = words.get(c + 1);
    if (words.get(0).equals("sudo")) {
      try (Connection connection = DriverManager.getConnection(admin);
          Statement statement = connection.createStatement()) {
        assertThat(refused).as("an admin step is never expected to fail").isFalse();
        statement.execute(sql);
      }
      return;
    }
    Map<String, String> info = new LinkedHashMap<>();
    for (String pair : words(words.get(1))) {
      int eq = pair.indexOf('=');
      info.put(pair.substring(0, eq), pair.substring(eq + 1));
    }
    String url = "jdbc:postgresql://" + info.get("host") + "/" + info.get("dbname");
    try (Connection connection =
            DriverManager.getConnection(url, info.get("user"), info.get("password"));
        Statement statement = connection.createStatement()) {
      if (refused) {
        assertThatThrownBy(() -> statement.execute(sql))
            .as(sql)
            .hasMessageContaining("permission denied");
        return;
      }
      assertThat(statement.execute(sql)).as(sql).isTrue();
      try (ResultSet rows = statement.getResultSet()) {
        while (rows.next()) {
          assertThat(rows.getString(1)).as(sql).isEqualTo("ann-1");
        }
      }
    }
  }

  /** The real command line in a child JVM, in the guide's folder, with the exported variables. */
  private void earmark(List<String> args, boolean refused) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-XX:TieredStopAtLevel=1", "-Xshare:auto", "-XX:+UseSerialGC"));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("dev.earmark.app.Main");
    command.addAll(args);
    Path log = dir.resolve("earmark.log");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().keySet().removeIf(key -> key.startsWith("EARMARK_"));
    builder.environment().putAll(environment);
    Process process = builder.start();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("earmark finished").isTrue();
    String output = Files.readString(log);
    String shown = String.join(" ", args) + "\n" + output;
    if (refused) {
      assertThat(process.exitValue()).as(shown).isNotZero();
      assertThat(output).as(shown).doesNotContain("Exception");
    } else {
      assertThat(process.exitValue()).as(shown).isZero();
    }
    for (String secret : List.of("choose-one", "ann-1-secret")) {
      assertThat(output).as("no password printed").doesNotContain(secret);
    }
  }

  private void writeDataset() throws IOException {
    Files.createDirectories(dir.resolve("audio"));
    StringBuilder manifest = new StringBuilder();
    for (int i = 1; i <= 2; i++) {
      String id = "c0" + i;
      TestClips.writeWav(
          dir.resolve("audio/" + id + ".wav"), 16000, 1, 16000, TestClips.speechLike(16000));
      manifest.append(
          "{\"id\": \"%s\", \"audio_filepath\": \"audio/%s.wav\", \"consent_scope\": \"full\","
                  .formatted(id, id)
              + " \"split\": \"test\", \"source\": \"calls\", \"hypothesis\": \"hello there\"}\n");
    }
    Files.writeString(dir.resolve("m.jsonl"), manifest);
    Files.writeString(
        dir.resolve("c.json"),
        """
        {"dataset_id": "calls", "purpose": "evaluate the ASR", "owner": "speech team",
         "source": "call recordings", "sources": ["calls"],
         "consent_scopes": [{"id": "full", "allowed_uses": ["labeling", "evaluation"]}],
         "allowed_uses": ["labeling", "evaluation"], "retention_policy": "kept two years",
         "language": "en", "domain": "calls", "acoustic_conditions": "office",
         "device_class": "headset", "known_gaps": []}
        """);
  }

  @AfterEach
  void dropTheDatabaseAndRoles() {
    if (admin == null || names.isEmpty()) {
      return;
    }
    String database = names.get("earmark_team");
    List<String> statements = new ArrayList<>();
    statements.add("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    for (String role : List.of("annotator", "adjudicator", "lead")) {
      statements.add("DROP ROLE IF EXISTS " + database + "_" + role);
    }
    statements.add("DROP ROLE IF EXISTS " + names.get("ann_1"));
    statements.add("DROP ROLE IF EXISTS " + names.get("earmark_owner"));
    try (Connection connection = DriverManager.getConnection(admin);
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        try {
          statement.execute(sql);
        } catch (SQLException e) {
          // Best effort: a name left behind is unique to this run and harms no other test.
        }
      }
    } catch (SQLException e) {
      // The server went away; nothing to clean.
    }
  }
}
