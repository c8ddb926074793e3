package dev.earmark.storage.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earmark.fixtures.DemoDataset;
import dev.earmark.storage.Databases;
import dev.earmark.storage.StorageException;
import dev.earmark.storage.adjudicate.Adjudications;
import dev.earmark.storage.adjudicate.DisputeRecord;
import dev.earmark.storage.adjudicate.DisputeStatus;
import dev.earmark.storage.adjudicate.ReasonCode;
import dev.earmark.storage.demo.DemoProject;
import dev.earmark.storage.label.Labels;
import dev.earmark.storage.policy.Policies;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.settings.ProjectSettings;
import dev.earmark.storage.user.Actor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The tamper cases of issue 19 against a real demo project: the database is edited with plain JDBC
 * behind Earmark's back, and the anchors outside the database and the deep replay catch what the
 * chain alone passed as intact.
 */
class TamperEvidenceTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse(DemoDataset.REFERENCE_DATE + "T10:00:00Z"), ZoneOffset.UTC);

  @TempDir static Path shared;
  @TempDir Path dir;

  private static Path template;

  @BeforeAll
  static void buildDemoOnce() throws Exception {
    Path data = DemoDataset.copyTo(shared.resolve("demo-data")).getParent();
    template = shared.resolve("template");
    try (Project project = Project.openEmbedded(template, true, CLOCK)) {
      new DemoProject(project).build(data, "maria");
    }
  }

  static List<Named<Supplier<Project>>> databases() {
    return Databases.fresh(CLOCK);
  }

  /** A copy of the demo project's database file, so each test tampers with its own. */
  private Path demoCopy() throws Exception {
    Path project = dir.resolve("project");
    Files.createDirectories(project);
    Files.copy(template.resolve("earmark.mv.db"), project.resolve("earmark.mv.db"));
    return project;
  }

  /** Runs SQL on the closed project's H2 file with plain JDBC, as an attacker with the file. */
  private static void jdbc(Path project, String... statements) throws Exception {
    String url =
        "jdbc:h2:file:"
            + project.resolve("earmark")
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    try (Connection connection = DriverManager.getConnection(url, "earmark", "");
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }

  private static String query(Path project, String sql) throws Exception {
    String url =
        "jdbc:h2:file:" + project.resolve("earmark") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
    try (Connection connection = DriverManager.getConnection(url, "earmark", "");
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static Project open(Path project) {
    return Project.openEmbedded(project, false, CLOCK);
  }

  @Test
  void deletingTheLastHundredEventsAndRewindingTheHeadFailsAgainstTheAnchors() throws Exception {
    Path project = demoCopy();
    long last;
    try (Project opened = open(project)) {
      last = opened.anchorHead("audit verify").seq();
    }
    assertThat(last).isGreaterThan(150);
    long kept = last - 100;
    String keptHash = query(project, "SELECT hash FROM audit_events WHERE seq = " + kept);
    jdbc(
        project,
        "DELETE FROM audit_events WHERE seq > " + kept,
        "UPDATE audit_head SET last_seq = " + kept + ", last_hash = '" + keptHash + "'");
    try (Project opened = open(project)) {
      // The chain alone is consistent again: this is what passed before the anchors.
      assertThat(opened.audit().verify()).isInstanceOf(AuditVerification.Intact.class);
      AuditVerification result = opened.audit().verify(opened.anchors().orElseThrow().read());
      assertThat(result)
          .isEqualTo(
              new AuditVerification.Broken(
                  kept + 1,
                  "the log ends at event "
                      + kept
                      + " but audit verify anchored event "
                      + last
                      + " (events were removed from the end and the head rewound)"));
    }
  }

  @Test
  void deletingEveryEventAndResettingTheHeadFailsAgainstTheAnchors() throws Exception {
    Path project = demoCopy();
    try (Project opened = open(project)) {
      opened.anchorHead("batch b-1");
    }
    jdbc(
        project,
        "DELETE FROM audit_events",
        "UPDATE audit_head SET last_seq = 0, last_hash = '" + AuditLog.GENESIS + "'");
    try (Project opened = open(project)) {
      assertThat(opened.audit().verify())
          .isEqualTo(new AuditVerification.Intact(0, AuditLog.GENESIS));
      AuditVerification result = opened.audit().verify(opened.anchors().orElseThrow().read());
      assertThat(result).isInstanceOf(AuditVerification.Broken.class);
      assertThat(((AuditVerification.Broken) result).reason())
          .startsWith("the log ends at event 0 but batch b-1 anchored event ");
      // Without any anchor the deep check still sees users and labels no event recorded.
      assertThat(new AuditReplay(opened.jdbi()).compare())
          .anySatisfy(m -> assertThat(m.table()).isEqualTo("users"))
          .anySatisfy(m -> assertThat(m.table()).isEqualTo("labels"));
    }
  }

  @Test
  void rewritingTheTailWithADifferentEventFailsAgainstTheAnchor() throws Exception {
    Path project = demoCopy();
    AuditAnchor anchor;
    try (Project opened = open(project)) {
      anchor = opened.audit().head("pack p-1");
    }
    AuditAnchor forged =
        new AuditAnchor(anchor.seq(), AuditLog.GENESIS, anchor.recordedAt(), "pack p-1");
    try (Project opened = open(project)) {
      assertThat(opened.audit().verify(List.of(anchor)))
          .isInstanceOf(AuditVerification.Intact.class);
      assertThat(opened.audit().verify(List.of(forged)))
          .isEqualTo(
              new AuditVerification.Broken(
                  anchor.seq(),
                  "event "
                      + anchor.seq()
                      + " is not the event anchored by pack p-1 (the log was rewritten from there"
                      + " on)"));
    }
  }

  @Test
  void aDeletedHeadRowIsAFailureNamedInOneSentence() throws Exception {
    Path project = demoCopy();
    jdbc(project, "DELETE FROM audit_head");
    try (Project opened = open(project)) {
      assertThat(opened.audit().verify())
          .isEqualTo(
              new AuditVerification.Broken(
                  0,
                  "the audit_head row is missing (deleted behind Earmark's back), so the end of"
                      + " the log cannot be trusted"));
      // Every change is refused with a sentence rather than an internal error.
      assertThatThrownBy(() -> opened.anchorHead("audit verify"))
          .isInstanceOf(StorageException.class)
          .hasMessageStartingWith("the audit_head row is missing");
      assertThatThrownBy(
              () ->
                  new ProjectSettings(opened)
                      .set(opened.users().actor("maria"), "show_other_labels_after_submit", "true"))
          .isInstanceOf(StorageException.class)
          .hasMessageStartingWith("the audit_head row is missing");
    }
  }

  @Test
  void anchorsFileKeepsEveryRecordedHeadInOrder() throws Exception {
    Path project = demoCopy();
    try (Project opened = open(project)) {
      AuditAnchor first = opened.anchorHead("audit verify");
      AuditAnchor second = opened.anchorHead("batch b-2");
      assertThat(opened.anchors().orElseThrow().read()).containsExactly(first, second);
      assertThat(opened.anchors().orElseThrow().file())
          .isEqualTo(project.toAbsolutePath().normalize().resolve(AuditAnchors.FILE_NAME));
    }
  }

  @Test
  void untouchedDemoProjectReplaysToItsTables() throws Exception {
    Path project = demoCopy();
    try (Project opened = open(project)) {
      assertThat(new AuditReplay(opened.jdbi()).compare()).isEmpty();
    }
  }

  @Test
  void labelValueEditedDirectlyIsNamedByTheDeepCheck() throws Exception {
    Path project = demoCopy();
    String id = query(project, "SELECT MIN(id) FROM labels WHERE state = 'submitted'");
    jdbc(
        project,
        "UPDATE labels SET value_json = '{\"fields\":{\"transcript\":\"forged\"},"
            + "\"rubric\":\"asr-transcript@1\"}' WHERE id = "
            + id);
    try (Project opened = open(project)) {
      assertThat(opened.audit().verify()).isInstanceOf(AuditVerification.Intact.class);
      List<StateMismatch> found = new AuditReplay(opened.jdbi()).compare();
      assertThat(found).hasSize(1);
      assertThat(found.get(0).table()).isEqualTo("labels");
      assertThat(found.get(0).key()).startsWith(id + " (");
      assertThat(found.get(0).detail())
          .startsWith("value_json is {\"fields\":{\"transcript\":\"forged\"}")
          .contains("but the audit log (event ");
    }
  }

  @Test
  void roleGrantedDirectlyIsNamedByTheDeepCheck() throws Exception {
    Path project = demoCopy();
    jdbc(project, "UPDATE user_roles SET role = 'lead' WHERE user_id = 'ann-dee'");
    try (Project opened = open(project)) {
      assertThat(opened.audit().verify()).isInstanceOf(AuditVerification.Intact.class);
      assertThat(new AuditReplay(opened.jdbi()).compare())
          .singleElement()
          .satisfies(
              m -> {
                assertThat(m.table()).isEqualTo("user_roles");
                assertThat(m.key()).isEqualTo("ann-dee");
                assertThat(m.detail()).startsWith("roles are [lead] but the audit log (event ");
                assertThat(m.detail()).endsWith(") says [annotator]");
              });
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void settingsPoliciesGoldAndAdjudicationsEditedDirectlyAreNamed(Supplier<Project> factory)
      throws Exception {
    Path data = DemoDataset.copyTo(dir.resolve("demo-data")).getParent();
    try (Project project = factory.get()) {
      new DemoProject(project).build(data, "maria");
      Policies policies = new Policies(project);
      Actor lead = project.users().actor("maria");
      Adjudications adjudications = new Adjudications(project, policies);
      Labels labels = new Labels(project, policies, new ProjectSettings(project));
      DisputeRecord dispute = adjudications.disputes(lead, DisputeStatus.OPEN).get(0);
      adjudications.decide(
          lead,
          dispute.id(),
          labels.labelsForClip(lead, dispute.clipId()).get(0).value(),
          ReasonCode.ANNOTATOR_ERROR,
          "first annotator was right");
      AuditReplay replay = new AuditReplay(project.jdbi());
      assertThat(replay.compare()).isEmpty();
      project
          .jdbi()
          .useHandle(
              handle -> {
                handle.execute(
                    "UPDATE project_settings SET setting_value = 'forged' WHERE setting_key ="
                        + " (SELECT MIN(setting_key) FROM project_settings)");
                handle.execute(
                    "DELETE FROM gold_answers WHERE clip_id = (SELECT MIN(clip_id) FROM gold_answers)");
                handle.execute(
                    "UPDATE label_policies SET rule_set_version = NULL WHERE rule_set_version IS"
                        + " NOT NULL");
                handle.execute(
                    "UPDATE adjudications SET note = 'forged' WHERE id = (SELECT MIN(id) FROM"
                        + " adjudications)");
              });
      List<StateMismatch> found = replay.compare();
      assertThat(found)
          .extracting(StateMismatch::table)
          .contains("project_settings", "gold_answers", "label_policies", "adjudications");
      assertThat(found)
          .filteredOn(m -> m.table().equals("gold_answers"))
          .singleElement()
          .extracting(StateMismatch::detail)
          .asString()
          .contains("has this row but the table has none (deleted)");
    }
  }
}
