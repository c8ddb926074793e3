package dev.earmark.app.cli;

import static dev.earmark.app.cli.EarmarkCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.earmark.app.TestClocks;
import dev.earmark.storage.identity.OsAccount;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.user.Actor;
import dev.earmark.storage.user.Role;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditCommandTest {
  @TempDir Path temp;

  private Path projectWithUsers() {
    Path dir = temp.resolve("p");
    try (Project project = Project.openEmbedded(dir, true, TestClocks.FIXED)) {
      Actor lead =
          project.users().add(Actor.system(), "lead-1", "Lena", EnumSet.of(Role.LEAD)).asActor();
      project.users().add(lead, "ann-1", "Ari", EnumSet.of(Role.ANNOTATOR));
    }
    return dir;
  }

  @Test
  void intactChainExitsZero() {
    Path dir = projectWithUsers();
    var result = run("audit", "verify", "--project", dir.toString(), "--json");
    assertThat(result.code()).isZero();
    assertThat(result.out()).contains("\"intact\" : true").contains("\"events\" : 3");
  }

  @Test
  void tamperedChainExitsOneNamingTheEvent() {
    Path dir = projectWithUsers();
    try (Project project = Project.openEmbedded(dir, false, TestClocks.FIXED)) {
      project
          .jdbi()
          .useHandle(
              handle -> handle.execute("UPDATE audit_events SET actor = 'mallory' WHERE seq = 3"));
    }
    var result = run("--project", dir.toString(), "audit", "verify");
    assertThat(result.code()).isEqualTo(ExitCode.CHECK_FAILED);
    assertThat(result.out())
        .isEqualTo(
            "audit chain BROKEN at event 3: event 3 (user.add user ann-1) was altered after it was"
                + " written\n");
  }

  @Test
  void aLeadListsTheEventsNewestFirstFilteredByActionAndEntity() {
    Path dir = projectWithUsers();
    var all = run("audit", "log", "--project", dir.toString(), "--user", "lead-1");
    assertThat(all.code()).as(all.err()).isZero();
    assertThat(all.out()).startsWith("4 audit event(s), newest first\n  4  ");
    assertThat(all.out()).contains("lead-1  user.add  user ann-1");

    var filtered =
        run(
            "audit",
            "log",
            "--project",
            dir.toString(),
            "--user",
            "lead-1",
            "--action",
            "user",
            "--entity",
            "ann-1",
            "--until",
            "2026-12-01T00:00:00Z",
            "--json");
    assertThat(filtered.code()).as(filtered.err()).isZero();
    assertThat(filtered.out()).contains("\"entity_id\" : \"ann-1\"").doesNotContain("Lena");
    assertThat(filtered.out().split("\"seq\"", -1)).hasSize(2);
  }

  @Test
  void anAnnotatorMayNotReadTheLogAndABadInstantIsBadUsage() {
    Path dir = projectWithUsers();
    // The annotator's own OS account, adopted on first use: identity is proved, the role is not.
    var annotator =
        EarmarkCommandTest.runAs(
            OsAccount.fixed("ann-1"), "audit", "log", "--project", dir.toString());
    assertThat(annotator.code()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(annotator.err()).contains("read the audit log");
    var bad = run("audit", "log", "--project", dir.toString(), "--from", "yesterday");
    assertThat(bad.code()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(bad.err()).contains("--from yesterday is not an ISO instant");
  }

  @Test
  void missingProjectIsBadInputAndCreatesNothing() {
    Path dir = temp.resolve("none");
    var result = run("audit", "verify", "--project", dir.toString());
    assertThat(result.code()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(result.err()).startsWith("earmark audit verify: no Earmark project in");
    assertThat(dir).doesNotExist();
  }

  /** Plain JDBC on the closed project's H2 file, as someone with the file and no Earmark. */
  private static void jdbc(Path project, String... statements) throws Exception {
    String url =
        "jdbc:h2:file:" + project.resolve("earmark") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
    try (Connection connection = DriverManager.getConnection(url, "earmark", "");
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }

  @Test
  void aPassingRunAnchorsTheHeadSoATruncatedAndRewoundLogFails() throws Exception {
    Path dir = projectWithUsers();
    assertThat(run("--project", dir.toString(), "audit", "verify").code()).isZero();
    assertThat(dir.resolve("audit-anchors.jsonl")).exists();
    jdbc(
        dir,
        "DELETE FROM audit_events WHERE seq = 3",
        "UPDATE audit_head SET last_seq = 2, last_hash = (SELECT hash FROM audit_events WHERE seq"
            + " = 2)");
    var result = run("--project", dir.toString(), "audit", "verify");
    assertThat(result.code()).isEqualTo(ExitCode.CHECK_FAILED);
    assertThat(result.out())
        .isEqualTo(
            "audit chain BROKEN at event 3: the log ends at event 2 but audit verify anchored"
                + " event 3 (events were removed from the end and the head rewound)\n");
  }

  @Test
  void everyEventDeletedAndTheHeadResetFailsAgainstTheAnchors() throws Exception {
    Path dir = projectWithUsers();
    assertThat(run("--project", dir.toString(), "audit", "verify").code()).isZero();
    jdbc(
        dir,
        "DELETE FROM audit_events",
        "UPDATE audit_head SET last_seq = 0, last_hash ="
            + " 'sha256:0000000000000000000000000000000000000000000000000000000000000000'");
    var result = run("--project", dir.toString(), "audit", "verify", "--json");
    assertThat(result.code()).isEqualTo(ExitCode.CHECK_FAILED);
    assertThat(result.out())
        .contains("\"intact\" : false")
        .contains("\"anchors_checked\" : 1")
        .contains("the log ends at event 0 but audit verify anchored event 3");
  }

  @Test
  void aDeletedHeadRowExitsOneWithOneSentence() throws Exception {
    Path dir = projectWithUsers();
    jdbc(dir, "DELETE FROM audit_head");
    var result = run("--project", dir.toString(), "audit", "verify");
    assertThat(result.code()).isEqualTo(ExitCode.CHECK_FAILED);
    assertThat(result.out())
        .isEqualTo(
            "audit chain BROKEN at event 0: the audit_head row is missing (deleted behind"
                + " Earmark's back), so the end of the log cannot be trusted\n");
    assertThat(result.err()).isEmpty();
  }

  @Test
  void deepNamesARoleGrantedWithSql() throws Exception {
    Path dir = projectWithUsers();
    jdbc(dir, "UPDATE user_roles SET role = 'lead' WHERE user_id = 'ann-1'");
    assertThat(run("--project", dir.toString(), "audit", "verify").code()).isZero();
    var result = run("--project", dir.toString(), "audit", "verify", "--deep");
    assertThat(result.code()).isEqualTo(ExitCode.CHECK_FAILED);
    assertThat(result.out())
        .isEqualTo(
            "user_roles ann-1: roles are [lead] but the audit log (event 3) says [annotator]\n");
    var json = run("--project", dir.toString(), "audit", "verify", "--deep", "--json");
    assertThat(json.out())
        .contains("\"kind\" : \"table\"")
        .contains("\"table\" : \"user_roles\"")
        .contains("\"key\" : \"ann-1\"");
  }

  @Test
  void aTeamLeadsOwnAnchorsFileIsUsedWhenGiven() throws Exception {
    Path dir = projectWithUsers();
    Path anchors = temp.resolve("lead-anchors.jsonl");
    assertThat(
            run("--project", dir.toString(), "audit", "verify", "--anchors", anchors.toString())
                .code())
        .isZero();
    assertThat(anchors).exists();
    assertThat(dir.resolve("audit-anchors.jsonl")).doesNotExist();
    jdbc(
        dir,
        "DELETE FROM audit_events WHERE seq = 3",
        "UPDATE audit_head SET last_seq = 2, last_hash = (SELECT hash FROM audit_events WHERE seq"
            + " = 2)");
    assertThat(run("--project", dir.toString(), "audit", "verify").code()).isZero();
    assertThat(
            run("--project", dir.toString(), "audit", "verify", "--anchors", anchors.toString())
                .code())
        .isEqualTo(ExitCode.CHECK_FAILED);
  }
}
