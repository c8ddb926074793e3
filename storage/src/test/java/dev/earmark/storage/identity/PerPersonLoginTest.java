package dev.earmark.storage.identity;

import static dev.earmark.storage.LabelingFixture.ADJ;
import static dev.earmark.storage.LabelingFixture.ANN_1;
import static dev.earmark.storage.LabelingFixture.ANN_2;
import static dev.earmark.storage.LabelingFixture.ASR;
import static dev.earmark.storage.LabelingFixture.LEAD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earmark.engine.rubric.FieldValue;
import dev.earmark.engine.rubric.LabelValue;
import dev.earmark.storage.Databases;
import dev.earmark.storage.LabelingFixture;
import dev.earmark.storage.PermissionDeniedException;
import dev.earmark.storage.assign.AssignmentPlan;
import dev.earmark.storage.assign.QueuePriority;
import dev.earmark.storage.label.Labels;
import dev.earmark.storage.policy.Policies;
import dev.earmark.storage.project.Credentials;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.project.Publications;
import dev.earmark.storage.settings.ProjectSettings;
import dev.earmark.storage.user.Actor;
import dev.earmark.storage.user.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Team mode on the real PostgreSQL (EARMARK_TEST_PG_URL): with an annotator's own login, raw SQL
 * gets no more than the workbench gives them. The project is created by the admin login (which owns
 * the tables, as the lead's or DBA's login would); the lead then gives ann-1 and ann-2 their own
 * logins with passwords.
 */
class PerPersonLoginTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  private String url;
  private String ann1Role;
  private String ann2Role;

  @BeforeEach
  void teamProjectWithLabelsAndGold() {
    String admin = System.getenv("EARMARK_TEST_PG_URL");
    if ("true".equals(System.getenv("CI"))) {
      assertThat(admin).as("CI must run the team-mode tests (see .ci/run)").isNotBlank();
    }
    Assumptions.assumeTrue(admin != null && !admin.isBlank(), "no EARMARK_TEST_PG_URL");
    url = Databases.freshPgDatabase(admin);
    String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    ann1Role = "ann1_" + suffix;
    ann2Role = "ann2_" + suffix;
    try (LabelingFixture fixture =
        LabelingFixture.create(Project.openShared(url, null, CLOCK), dir, 2)) {
      fixture
          .assignments()
          .assign(
              LEAD,
              new AssignmentPlan(ASR, Optional.empty(), List.of("ann-1", "ann-2"), 1.0, 0.0, 7),
              QueuePriority.byClipId());
      long first = fixture.assignmentId("ann-1", "clip-0001");
      long second = fixture.assignmentId("ann-2", "clip-0001");
      fixture.labels().submit(ANN_1, first, LabelingFixture.transcript("ann one says"), 0);
      fixture.labels().saveDraft(ANN_2, second, LabelingFixture.transcript("ann two draft"), 0);
      fixture
          .assignments()
          .setGoldAnswer(
              LEAD,
              fixture.clipId("clip-0002"),
              new LabelValue(ASR, Map.of("transcript", new FieldValue.Text("the gold answer"))));
      TeamLogins logins = new TeamLogins(fixture.project());
      logins.createLogin(LEAD, "ann-1", ann1Role, "ann1-secret".toCharArray());
      logins.createLogin(LEAD, "ann-2", ann2Role, "ann2-secret".toCharArray());
    }
  }

  private Connection as(String role, String password) throws SQLException {
    String bare = url.replaceFirst("[?&]user=[^&]*", "").replaceFirst("\\?$", "");
    return DriverManager.getConnection(bare, role, password);
  }

  private static List<String> column(Connection connection, String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        values.add(rows.getString(1));
      }
    }
    return values;
  }

  private static void refused(Connection connection, String sql) {
    assertThatThrownBy(
            () -> {
              try (Statement statement = connection.createStatement()) {
                statement.executeUpdate(sql);
              }
            })
        .as(sql)
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("permission denied");
  }

  @Test
  void anAnnotatorsOwnLoginReadsOnlyTheirOwnLabelsAndNeverTheGoldAnswers() throws Exception {
    try (Connection ann2 = as(ann2Role, "ann2-secret")) {
      assertThat(column(ann2, "SELECT annotator_id FROM labels")).containsExactly("ann-2");
      assertThat(column(ann2, "SELECT value_json FROM labels").toString())
          .doesNotContain("ann one says");
      assertThatThrownBy(() -> column(ann2, "SELECT value_json FROM gold_answers"))
          .hasMessageContaining("permission denied");
      assertThatThrownBy(() -> column(ann2, "SELECT evidence_json FROM disputes"))
          .hasMessageContaining("permission denied");
      // Audit events carry label values: an annotator appends them but cannot read them.
      assertThatThrownBy(() -> column(ann2, "SELECT after_json FROM audit_events"))
          .hasMessageContaining("permission denied");
    }
    try (Connection ann1 = as(ann1Role, "ann1-secret")) {
      // ann-2's draft is not ann-1's to read, even after ann-1 submitted.
      assertThat(column(ann1, "SELECT annotator_id FROM labels")).containsExactly("ann-1");
      assertThat(column(ann1, "SELECT annotator_id FROM assignments")).containsOnly("ann-1");
    }
  }

  @Test
  void anAnnotatorsOwnLoginCannotWritePolicyUsersOrSettingsNorTouchTheAuditLog() throws Exception {
    try (Connection ann1 = as(ann1Role, "ann1-secret")) {
      refused(ann1, "UPDATE label_policies SET rule_set_version = NULL");
      refused(ann1, "DELETE FROM label_policies");
      refused(
          ann1,
          "INSERT INTO project_settings (setting_key, setting_value, changed_at, changed_by)"
              + " VALUES ('show_other_labels_after_submit', 'true', now(), 'ann-1')");
      refused(ann1, "INSERT INTO user_roles (user_id, role) VALUES ('ann-1', 'lead')");
      refused(ann1, "UPDATE assignments SET annotator_id = 'ann-1'");
      refused(ann1, "UPDATE audit_events SET actor = 'lead-1'");
      refused(ann1, "DELETE FROM audit_events");
      refused(ann1, "TRUNCATE audit_events");
      // Writing another annotator's label is not refused by privilege but by the row policy.
      try (Statement statement = ann1.createStatement()) {
        assertThat(
                statement.executeUpdate(
                    "UPDATE labels SET value_json = '{}' WHERE annotator_id = 'ann-2'"))
            .isZero();
      }
    }
  }

  @Test
  void throughEarmarkTheLoginIsTheIdentityAndTheWorkStillWorks() {
    String bare = url.replaceFirst("[?&]user=[^&]*", "").replaceFirst("\\?$", "");
    try (Project asAnn1 =
        Project.openShared(bare, new Credentials(ann1Role, "ann1-secret".toCharArray()), CLOCK)) {
      Identities identities = new Identities(asAnn1);
      Actor ann1 = identities.signIn(OsAccount.fixed("anyone"), Optional.empty());
      assertThat(ann1.userId()).isEqualTo("ann-1");
      assertThatThrownBy(() -> identities.signIn(OsAccount.fixed("anyone"), Optional.of("lead-1")))
          .isInstanceOf(PermissionDeniedException.class)
          .hasMessageContaining("may not act as 'lead-1'");

      // The annotator's own work goes through under the database's rules.
      Policies policies = new Policies(asAnn1);
      Labels labels = new Labels(asAnn1, policies, new ProjectSettings(asAnn1));
      long assignment =
          asAnn1
              .jdbi()
              .withHandle(
                  h ->
                      h.createQuery(
                              "SELECT a.id FROM assignments a JOIN clips c ON c.id = a.clip_id"
                                  + " WHERE c.clip_key = 'clip-0002' AND a.annotator_id = 'ann-1'")
                          .mapTo(Long.class)
                          .one());
      labels.saveDraft(ann1, assignment, LabelingFixture.transcript("second clip"), 0);
      assertThat(
              labels.labelsForClip(
                  ann1,
                  asAnn1
                      .jdbi()
                      .withHandle(
                          h ->
                              h.createQuery("SELECT id FROM clips WHERE clip_key = 'clip-0001'")
                                  .mapTo(Long.class)
                                  .one())))
          .allSatisfy(label -> assertThat(label.annotatorId()).isEqualTo("ann-1"));
    }
    // The shared admin login is no user once per-person logins exist.
    try (Project asAdmin = Project.openShared(url, null, CLOCK)) {
      assertThatThrownBy(
              () -> new Identities(asAdmin).signIn(OsAccount.fixed("x"), Optional.of("lead-1")))
          .isInstanceOf(PermissionDeniedException.class)
          .hasMessageContaining("is not mapped to a user of this project");
    }
  }

  @Test
  void aDbaGetsTheSqlWithoutAnyPassword() {
    try (Project project = Project.openShared(url, null, CLOCK)) {
      List<String> sql = new TeamLogins(project).grantSql(ADJ.userId(), "adj_x");
      assertThat(String.join(";\n", sql))
          .contains("CREATE ROLE adj_x LOGIN")
          .contains("_adjudicator TO adj_x")
          .contains("GRANT INSERT ON audit_events")
          .doesNotContain("PASSWORD")
          .doesNotContain("UPDATE ON audit_events")
          .doesNotContain("DELETE ON audit_events");
    }
  }

  @Test
  void aRoleChangeOrDeactivationMovesTheLoginBetweenGroupsAtOnce() throws Exception {
    try (Project project = Project.openShared(url, null, CLOCK)) {
      try (Connection ann1 = as(ann1Role, "ann1-secret")) {
        assertThatThrownBy(() -> column(ann1, "SELECT value_json FROM gold_answers"))
            .hasMessageContaining("permission denied");
      }
      project.users().changeRoles(LEAD, "ann-1", EnumSet.of(Role.ADJUDICATOR), Set.of());
      try (Connection ann1 = as(ann1Role, "ann1-secret")) {
        // No 'users login' again: the adjudicator group's privileges hold at once.
        assertThat(column(ann1, "SELECT value_json FROM gold_answers").toString())
            .contains("the gold answer");
      }
      project.users().changeRoles(LEAD, "ann-1", Set.of(), EnumSet.of(Role.ADJUDICATOR));
      project.users().deactivate(LEAD, "ann-2");
      try (Connection ann2 = as(ann2Role, "ann2-secret")) {
        assertThatThrownBy(() -> column(ann2, "SELECT annotator_id FROM labels"))
            .hasMessageContaining("permission denied");
        refused(ann2, "UPDATE labels SET value_json = '{}'");
      }
      project.users().reactivate(LEAD, "ann-2");
      try (Connection ann2 = as(ann2Role, "ann2-secret")) {
        assertThat(column(ann2, "SELECT annotator_id FROM labels")).containsExactly("ann-2");
      }
      try (Connection ann1 = as(ann1Role, "ann1-secret")) {
        assertThatThrownBy(() -> column(ann1, "SELECT value_json FROM gold_answers"))
            .hasMessageContaining("permission denied");
      }
    }
  }

  @Test
  void aLeadsOwnLoginFinishesAPublicationACrashLeftAndAnAnnotatorsOpenIgnoresIt() throws Exception {
    String leadRole = "lead_" + ann1Role.substring(5);
    Path temp = dir.resolve(".alex.pack.pack-partial-0001");
    Path target = dir.resolve("alex.pack");
    Files.writeString(temp, "a pack");
    try (Project project = Project.openShared(url, null, CLOCK)) {
      new TeamLogins(project).createLogin(LEAD, "lead-1", leadRole, "lead-secret".toCharArray());
      project
          .jdbi()
          .useTransaction(
              h -> Publications.intend(h, "pack", "pack-1", temp, target, CLOCK.instant()));
    }
    String bare = url.replaceFirst("[?&]user=[^&]*", "").replaceFirst("\\?$", "");
    try (Project asAnn1 =
        Project.openShared(bare, new Credentials(ann1Role, "ann1-secret".toCharArray()), CLOCK)) {
      assertThat(asAnn1.recovered()).isEmpty();
    }
    assertThat(target).doesNotExist();
    try (Project asLead =
        Project.openShared(bare, new Credentials(leadRole, "lead-secret".toCharArray()), CLOCK)) {
      assertThat(asLead.recovered()).hasSize(1);
    }
    assertThat(target).hasContent("a pack");
    assertThat(temp).doesNotExist();
  }
}
