package dev.earmark.app.cli;

import static dev.earmark.app.cli.EarmarkCommandTest.runAs;
import static org.assertj.core.api.Assertions.assertThat;

import dev.earmark.storage.identity.OsAccount;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.user.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** In an embedded project the OS account proves who acts; --user can only repeat it. */
class IdentityCommandTest {
  private static final OsAccount LENA = OsAccount.fixed("lena.k");
  private static final OsAccount ANN = OsAccount.fixed("ann");
  private static final OsAccount NOBODY = OsAccount.fixed("nobody");

  @TempDir Path dir;
  String project;
  Path manifest;
  Path contract;

  @BeforeEach
  void projectWithLeadAndAnnotator() throws Exception {
    ImportCommandTest.wav(dir.resolve("good.wav"), 1.0);
    manifest =
        Files.writeString(
            dir.resolve("manifest.jsonl"),
            "{\"id\": \"good\", \"audio_filepath\": \"good.wav\", \"consent_scope\": \"full\"}\n");
    contract =
        Files.writeString(
            dir.resolve("contract.json"),
            """
            {"dataset_id": "d", "purpose": "p", "owner": "o", "source": "s",
             "consent_scopes": [{"id": "full", "allowed_uses": ["labeling"]}],
             "allowed_uses": ["labeling"], "retention_policy": "r", "language": "en",
             "domain": "x", "acoustic_conditions": "clean", "device_class": "mobile",
             "known_gaps": []}
            """);
    project = dir.resolve("project").toString();
    // The creator (OS account lena.k) becomes the lead, mapped to that account.
    var created =
        runAs(
            LENA,
            "import",
            "--project",
            project,
            "--user",
            "lena",
            "--manifest",
            manifest.toString(),
            "--contract",
            contract.toString());
    assertThat(created.code()).as(created.err()).isZero();
    try (Project open =
        Project.openEmbedded(
            Path.of(project),
            false,
            Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC))) {
      open.users().add(open.users().actor("lena"), "ann-1", "Ann", EnumSet.of(Role.ANNOTATOR));
    }
  }

  private long auditEvents() {
    var verify = runAs(LENA, "audit", "verify", "--project", project, "--json");
    assertThat(verify.code()).as(verify.err()).isZero();
    return Long.parseLong(verify.out().replaceAll("(?s).*\"events\" : (\\d+).*", "$1"));
  }

  @Test
  void anotherOsAccountCannotClaimTheLeadAndTheRefusalNamesNoUser() {
    long before = auditEvents();
    var claimed =
        runAs(
            NOBODY,
            "import",
            "--project",
            project,
            "--user",
            "lena",
            "--manifest",
            manifest.toString(),
            "--contract",
            contract.toString());
    assertThat(claimed.code()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(claimed.err().strip().lines()).hasSize(1);
    assertThat(claimed.err()).contains("'nobody'").doesNotContain("ann-1");
    var unknown =
        runAs(
            NOBODY,
            "import",
            "--project",
            project,
            "--user",
            "ghost",
            "--manifest",
            manifest.toString(),
            "--contract",
            contract.toString());
    assertThat(unknown.code()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(unknown.err()).doesNotContain("lena").doesNotContain("ann-1");
    assertThat(auditEvents()).isEqualTo(before);
  }

  @Test
  void aLeadMapsAnOsAccountAndThatAccountActsAsItsUserOnly() {
    var mapped = runAs(LENA, "users", "map", "ann-1", "--os-account", "ann", "--project", project);
    assertThat(mapped.code()).as(mapped.err()).isZero();
    assertThat(mapped.out()).contains("OS account ann is now user ann-1");

    // ann acts as ann-1 without --user, and cannot claim lena.
    var asAnn =
        runAs(
            ANN,
            "import",
            "--project",
            project,
            "--manifest",
            manifest.toString(),
            "--contract",
            contract.toString());
    assertThat(asAnn.code()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(asAnn.err()).contains("ann-1 cannot import clips: that needs the lead role");
    var claimsLead =
        runAs(
            ANN,
            "import",
            "--project",
            project,
            "--user",
            "lena",
            "--manifest",
            manifest.toString(),
            "--contract",
            contract.toString());
    assertThat(claimsLead.err()).contains("your OS account 'ann' may not act as 'lena'");

    // Mapping accounts is the lead's.
    var byAnnotator =
        runAs(ANN, "users", "map", "ann-1", "--os-account", "nobody", "--project", project);
    assertThat(byAnnotator.code()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(byAnnotator.err()).contains("ann-1 cannot map OS accounts");
  }
}
