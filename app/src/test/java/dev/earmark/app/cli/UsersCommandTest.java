package dev.earmark.app.cli;

import static dev.earmark.app.cli.EarmarkCommandTest.run;
import static dev.earmark.app.cli.EarmarkCommandTest.runAs;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earmark.app.TestClocks;
import dev.earmark.storage.audit.AuditVerification;
import dev.earmark.storage.identity.OsAccount;
import dev.earmark.storage.project.Project;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code earmark users}: a lead manages people headless; nobody else can. */
class UsersCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  /**
   * A new project in {@code dir}/p whose first user, lea (OS account lea), became its lead, with
   * annotator ann-1 mapped to OS account ann-1; returns its directory.
   */
  static Path teamProject(Path dir) {
    Path project = dir.resolve("p");
    var added =
        at(project, "lea", "users", "add", "ann-1", "--role", "annotator", "--os-account", "ann-1");
    assertThat(added.code()).as(added.err()).isZero();
    return project;
  }

  /**
   * Runs {@code args} on {@code project} as {@code user}, from the OS account of the same name
   * (each person their own account, as the lead maps them).
   */
  static EarmarkCommandTest.Result at(Path project, String user, String... args) {
    List<String> all = new ArrayList<>(List.of("--project", project.toString(), "--user", user));
    all.addAll(List.of(args));
    return runAs(OsAccount.fixed(user), all.toArray(String[]::new));
  }

  @Test
  void aLeadAddsUsersChangesRolesAndDeactivatesWithoutDeleting() throws Exception {
    Path project = teamProject(dir);

    var added =
        at(
            project,
            "lea",
            "users",
            "add",
            "bob",
            "--role",
            "annotator,adjudicator",
            "--name",
            "Bob Brown",
            "--os-account",
            "bob",
            "--json");
    assertThat(added.code()).as(added.err()).isZero();
    JsonNode bob = JSON.readTree(added.out());
    assertThat(bob.get("display_name").asText()).isEqualTo("Bob Brown");
    assertThat(bob.get("roles").toString()).isEqualTo("[\"annotator\",\"adjudicator\"]");
    assertThat(bob.get("os_account").asText()).isEqualTo("bob");

    var role = at(project, "lea", "users", "role", "bob", "--add", "lead", "--remove", "annotator");
    assertThat(role.code()).as(role.err()).isZero();
    assertThat(role.out()).isEqualTo("changed bob (Bob Brown): adjudicator, lead\n");

    var deactivated = at(project, "lea", "users", "deactivate", "bob");
    assertThat(deactivated.code()).as(deactivated.err()).isZero();
    assertThat(deactivated.out()).startsWith("deactivated bob: their labels stay");
    assertThat(at(project, "lea", "users", "deactivate", "bob").out())
        .isEqualTo("bob was already deactivated; nothing changed\n");

    JsonNode listed = JSON.readTree(at(project, "lea", "users", "list", "--json").out());
    assertThat(listed.get("users").findValuesAsText("id")).containsExactly("ann-1", "bob", "lea");
    assertThat(listed.at("/users/1/active").asBoolean()).isFalse();
    assertThat(at(project, "lea", "users", "list").out())
        .contains("bob                  adjudicator,lead             deactivated  Bob Brown");

    // A deactivated user cannot act, even as a lead.
    var refused = at(project, "bob", "settings", "set", "prefill_hypothesis", "true");
    assertThat(refused.code()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(refused.err())
        .isEqualTo(
            "earmark settings set: bob is deactivated in this project and cannot act; a lead can"
                + " reactivate them\n");

    assertThat(at(project, "lea", "users", "reactivate", "bob").code()).isZero();
    assertThat(at(project, "bob", "settings", "set", "prefill_hypothesis", "true").code()).isZero();

    try (Project opened = Project.openEmbedded(project, false, TestClocks.FIXED)) {
      assertThat(opened.audit().eventsFor("user", "bob"))
          .extracting(event -> event.action() + " by " + event.actor())
          .containsExactly(
              "user.add by lea",
              "user.map-os-account by lea",
              "user.roles by lea",
              "user.deactivate by lea",
              "user.reactivate by lea");
    }
  }

  @Test
  void unusableRolesAndTheLastLeadAreRefusedWithOneLine() {
    Path project = teamProject(dir);
    var badRole = at(project, "lea", "users", "add", "cy", "--role", "boss");
    assertThat(badRole.code()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(badRole.err())
        .isEqualTo(
            "earmark users add: --role: unknown role 'boss': use annotator, adjudicator or lead\n");

    var nothing = at(project, "lea", "users", "role", "ann-1");
    assertThat(nothing.code()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(nothing.err()).contains("name a role to --add or --remove");

    var lastLead = at(project, "lea", "users", "deactivate", "lea");
    assertThat(lastLead.code()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(lastLead.err()).contains("lea is the project's only active lead");

    var unknown = at(project, "lea", "users", "deactivate", "zed");
    assertThat(unknown.err())
        .isEqualTo(
            "earmark users deactivate: no user 'zed' in this project; known users: ann-1, lea\n");
  }

  @Test
  void anAnnotatorIsRefusedEveryLeadCommand() throws Exception {
    Path project = teamProject(dir);
    Path rubric = dir.resolve("rubric.json");
    java.nio.file.Files.writeString(
        rubric, run("rubric", "show", "asr-transcript@1", "--json").out());
    Path rules = dir.resolve("rules.json");
    java.nio.file.Files.writeString(rules, run("rules", "show", "en-asr@1", "--json").out());
    String[][] leadCommands = {
      {"users", "add", "cy", "--role", "annotator"},
      {"users", "list"},
      {"users", "role", "ann-1", "--add", "lead"},
      {"users", "deactivate", "lea"},
      {"users", "reactivate", "lea"},
      {"rubric", "publish", rubric.toString()},
      {"rules", "publish", rules.toString()},
      {
        "policy",
        "set",
        "--task",
        "asr-transcript",
        "--rubric",
        "asr-transcript@1",
        "--rules",
        "en-asr@1"
      },
      {"settings", "set", "prefill_hypothesis", "true"},
    };
    long eventsBefore = auditEvents(project);
    for (String[] command : leadCommands) {
      var result = at(project, "ann-1", command);
      String name = String.join(" ", command);
      assertThat(result.code()).as(name).isEqualTo(ExitCode.BAD_INPUT);
      assertThat(result.err()).as(name).contains("ann-1 cannot ").contains("the lead role");
      assertThat(result.err().strip().lines()).as(name).hasSize(1);
      assertThat(result.out()).as(name).isEmpty();
    }
    assertThat(auditEvents(project)).isEqualTo(eventsBefore);
  }

  /** How many audit events the project holds (its chain verified). */
  static long auditEvents(Path project) {
    try (Project opened = Project.openEmbedded(project, false, TestClocks.FIXED)) {
      return ((AuditVerification.Intact) opened.audit().verify()).events();
    }
  }
}
