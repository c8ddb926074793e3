package dev.earmark.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earmark.app.gui.waveform.TestClips;
import dev.earmark.engine.rubric.RubricCatalog;
import dev.earmark.engine.version.VersionedId;
import dev.earmark.storage.identity.Identities;
import dev.earmark.storage.identity.OsAccount;
import dev.earmark.storage.policy.Policies;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.user.Actor;
import dev.earmark.storage.user.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;

/**
 * A small project of a team's own, not the demo: twelve generated WAVs (accents uk, us, in in
 * turn), one clip whose consent forbids labeling, imported through {@code earmark import} by the
 * lead "lea", who then adds three annotators and an adjudicator and sets the asr-transcript policy
 * through storage's services.
 */
final class SmallProject {
  static final String LEAD = "lea";
  static final VersionedId ASR = VersionedId.parse("asr-transcript@1");
  private static final String[] ACCENTS = {"uk", "us", "in"};
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC);

  private SmallProject() {}

  /** Creates the project in {@code dir}/project and returns that directory. */
  static Path create(Path dir) throws IOException {
    Files.createDirectories(dir.resolve("audio"));
    StringBuilder manifest = new StringBuilder();
    for (int i = 1; i <= 12; i++) {
      String id = String.format("c%02d", i);
      tone(dir.resolve("audio/" + id + ".wav"), 200 + 20 * i);
      manifest.append(
          String.format(
              "{\"id\": \"%s\", \"audio_filepath\": \"audio/%s.wav\", \"consent_scope\": \"full\","
                  + " \"hypothesis\": \"clip %d\", \"slices\": {\"accent\": \"%s\"}}%n",
              id, id, i, ACCENTS[(i - 1) % 3]));
    }
    manifest.append(
        "{\"id\": \"secret\", \"audio_filepath\": \"audio/c01.wav\", \"consent_scope\":"
            + " \"metrics-only\"}\n");
    Path manifestFile = Files.writeString(dir.resolve("manifest.jsonl"), manifest);
    Path contract =
        Files.writeString(
            dir.resolve("contract.json"),
            """
            {"dataset_id": "calls", "purpose": "p", "owner": "o", "source": "s",
             "consent_scopes": [{"id": "full", "allowed_uses": ["labeling", "evaluation"]},
                                {"id": "metrics-only", "allowed_uses": ["evaluation"]}],
             "allowed_uses": ["labeling", "evaluation"], "retention_policy": "r",
             "language": "en", "domain": "calls", "acoustic_conditions": "clean",
             "device_class": "mobile", "known_gaps": []}
            """);
    Path project = dir.resolve("project");
    var imported =
        EarmarkCommandTest.runAs(
            OsAccount.fixed(LEAD),
            "import",
            "--project",
            project.toString(),
            "--user",
            LEAD,
            "--manifest",
            manifestFile.toString(),
            "--contract",
            contract.toString());
    assertThat(imported.code()).as(imported.err()).isZero();
    try (Project open = Project.openEmbedded(project, false, CLOCK)) {
      Actor lead = open.users().actor(LEAD);
      for (String annotator : new String[] {"ann-a", "ann-b", "ann-c"}) {
        open.users().add(lead, annotator, annotator, EnumSet.of(Role.ANNOTATOR));
      }
      open.users().add(lead, "adj", "adj", EnumSet.of(Role.ADJUDICATOR));
      Identities identities = new Identities(open);
      for (String user : new String[] {"ann-a", "ann-b", "ann-c", "adj"}) {
        identities.mapOsAccount(lead, user, user);
      }
      Policies policies = new Policies(open);
      policies.publishRubric(lead, RubricCatalog.builtIn().get(ASR));
      policies.setPolicy(lead, ASR, null);
    }
    return project;
  }

  /** A 0.3 s tone at {@code hertz}, 16 kHz mono 16-bit PCM (each clip sounds different). */
  private static void tone(Path file, int hertz) throws IOException {
    TestClips.writeWav(
        file,
        16000,
        1,
        4800,
        (frame, channel) -> 0.5 * Math.sin(2 * Math.PI * hertz * frame / 16000.0));
  }
}
