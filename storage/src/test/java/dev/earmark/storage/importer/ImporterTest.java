package dev.earmark.storage.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earmark.engine.contract.ContractException;
import dev.earmark.storage.Databases;
import dev.earmark.storage.LabelingFixture;
import dev.earmark.storage.PermissionDeniedException;
import dev.earmark.storage.audit.AuditVerification;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.user.Actor;
import dev.earmark.storage.user.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ImporterTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-21T12:00:00Z"), ZoneOffset.UTC);
  private static final Actor LEAD = new Actor("lead-1", EnumSet.of(Role.LEAD));

  @TempDir Path dir;

  static List<Named<Supplier<Project>>> databases() {
    return Databases.fresh(CLOCK);
  }

  private Path contract() throws Exception {
    return Files.writeString(
        dir.resolve("contract.json"),
        """
        {"dataset_id": "demo", "purpose": "p", "owner": "o", "source": "s",
         "consent_scopes": [{"id": "full", "allowed_uses": ["labeling", "evaluation", "training"]},
                            {"id": "no-human-review", "allowed_uses": ["evaluation", "training"]}],
         "allowed_uses": ["labeling", "evaluation", "training"], "retention_policy": "per clip",
         "language": "en", "domain": "test", "acoustic_conditions": ["clean"],
         "device_class": ["studio"], "known_gaps": []}
        """);
  }

  private Path manifest() throws Exception {
    TestAudio.tone(dir.resolve("audio/a.wav"), 16000, 1.0, 440);
    TestAudio.tone(dir.resolve("audio/b.wav"), 16000, 2.0, 220);
    TestAudio.tone(dir.resolve("audio/c.wav"), 8000, 0.5, 330);
    Files.writeString(dir.resolve("audio/text.wav"), "this is not audio\n");
    return Files.writeString(
        dir.resolve("manifest.jsonl"),
        """
        {"id": "a", "audio_filepath": "audio/a.wav", "duration": 1.0, "text": "one", "consent_scope": "full", "slices": {"noise": "clean"}}
        {"id": "b", "audio_filepath": "audio/b.wav", "duration": 3.0, "text": "two", "consent_scope": "full", "speaker_id": "s1", "split": "test"}
        {"id": "text", "audio_filepath": "audio/text.wav", "consent_scope": "full"}
        {"id": "private", "audio_filepath": "audio/a.wav", "consent_scope": "no-human-review"}
        {"id": "old", "audio_filepath": "audio/c.wav", "consent_scope": "full", "retention_until": "2026-01-31"}
        {"id": "broken" "audio_filepath": "x.wav"}
        {"id": "c", "audio_filepath": "audio/c.wav", "consent_scope": "full"}
        {"id": "a-again", "audio_filepath": "audio/a.wav", "consent_scope": "full"}
        """);
  }

  /**
   * A manifest in its own folder naming a readable text file outside it (as ../../etc/passwd would)
   * and a text file inside it; returns the manifest.
   */
  private Path manifestReachingOutside() throws Exception {
    Files.writeString(dir.resolve("secret.wav"), "root:x:0:0:root:/root:/bin/bash\n");
    Path folder = Files.createDirectories(dir.resolve("batch"));
    Files.writeString(folder.resolve("notes.wav"), "root:x:0:0:root:/root:/bin/bash\n");
    return Files.writeString(
        folder.resolve("manifest.jsonl"),
        """
        {"id": "outside", "audio_filepath": "../secret.wav", "consent_scope": "full"}
        {"id": "inside", "audio_filepath": "notes.wav", "consent_scope": "full"}
        """);
  }

  @ParameterizedTest
  @MethodSource("databases")
  void audioOutsideTheManifestsFolderIsRefusedAndNoReasonQuotesAFile(Supplier<Project> factory)
      throws Exception {
    try (Project project = factory.get()) {
      LabelingFixture.withUsers(project);
      ImportReport report =
          new Importer(project).run(LEAD, manifestReachingOutside(), contract(), (d, t) -> {});

      assertThat(report.errors())
          .singleElement()
          .satisfies(
              error -> {
                assertThat(error.line()).isEqualTo(1);
                assertThat(error.reason())
                    .contains("'../secret.wav' leads outside the manifest's folder")
                    .contains("audio_outside_manifest_folder");
              });
      assertThat(report.quarantined())
          .singleElement()
          .satisfies(
              clip -> {
                assertThat(clip.clipId()).isEqualTo("inside");
                assertThat(clip.code()).isEqualTo("not-audio");
                assertThat(clip.reason()).contains("looks like text").doesNotContain("root");
              });
      assertThat(count(project, "clip_key = 'outside'")).isZero();
      String stored =
          project
              .jdbi()
              .withHandle(
                  h ->
                      h.createQuery("SELECT status_reason FROM clips WHERE clip_key = 'inside'")
                          .mapTo(String.class)
                          .one());
      assertThat(stored).doesNotContain("root");
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aContractAllowingAudioOutsideTheManifestsFolderImportsIt(Supplier<Project> factory)
      throws Exception {
    Path contract = contract();
    Files.writeString(
        contract,
        Files.readString(contract)
            .replace(
                "\"known_gaps\": []",
                "\"known_gaps\": []," + " \"audio_outside_manifest_folder\": true"));
    try (Project project = factory.get()) {
      LabelingFixture.withUsers(project);
      ImportReport report =
          new Importer(project).run(LEAD, manifestReachingOutside(), contract, (d, t) -> {});

      assertThat(report.errors()).isEmpty();
      assertThat(report.quarantined())
          .extracting(ClipOutcome::clipId)
          .containsExactly("outside", "inside");
      assertThat(report.quarantined())
          .allSatisfy(clip -> assertThat(clip.reason()).doesNotContain("root"));
    }
  }

  private static long count(Project project, String where) {
    return project
        .jdbi()
        .withHandle(
            h ->
                h.createQuery("SELECT COUNT(*) FROM clips WHERE " + where).mapTo(Long.class).one());
  }

  @ParameterizedTest
  @MethodSource("databases")
  void importSortsEveryLineAndReRunningAddsNothing(Supplier<Project> factory) throws Exception {
    try (Project project = factory.get()) {
      LabelingFixture.withUsers(project);
      Importer importer = new Importer(project);
      List<Long> progress = new ArrayList<>();
      ImportReport first =
          importer.run(LEAD, manifest(), contract(), (done, total) -> progress.add(done));

      assertThat(first.imported()).isEqualTo(4);
      assertThat(first.quarantined())
          .extracting(ClipOutcome::line, ClipOutcome::clipId, ClipOutcome::code)
          .containsExactly(org.assertj.core.groups.Tuple.tuple(3, "text", "not-audio"));
      assertThat(first.excluded())
          .extracting(ClipOutcome::clipId, ClipOutcome::code)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("private", "consent-forbids-labeling"),
              org.assertj.core.groups.Tuple.tuple("old", "retention-expired"));
      assertThat(first.errors())
          .singleElement()
          .satisfies(
              error -> {
                assertThat(error.line()).isEqualTo(6);
                assertThat(error.reason()).startsWith("is not valid JSON");
              });
      assertThat(first.warnings())
          .extracting(ClipOutcome::clipId, ClipOutcome::code)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("b", "duration-mismatch"),
              org.assertj.core.groups.Tuple.tuple("a-again", "duplicate-audio"));
      assertThat(progress).last().isEqualTo(8L);
      assertThat(count(project, "status = 'active'")).isEqualTo(4);
      assertThat(count(project, "status = 'quarantined'")).isEqualTo(1);
      assertThat(count(project, "status = 'excluded'")).isEqualTo(2);
      String sha =
          project
              .jdbi()
              .withHandle(
                  h ->
                      h.createQuery("SELECT sha256 FROM clips WHERE clip_key = 'a'")
                          .mapTo(String.class)
                          .one());
      assertThat(sha).isEqualTo(Checksums.sha256(dir.resolve("audio/a.wav")));
      assertThat(importer.storedReport(first.runId()))
          .get()
          .asString()
          .contains("\"imported\":4")
          .contains("\"already_present\":0");

      long eventsBefore = ((AuditVerification.Intact) project.audit().verify()).events();
      ImportReport again = importer.run(LEAD, manifest(), contract(), ImportListener.NONE);
      assertThat(again.imported()).isZero();
      assertThat(again.alreadyPresent()).isEqualTo(6);
      assertThat(again.quarantined()).extracting(ClipOutcome::clipId).containsExactly("text");
      long eventsAfter = ((AuditVerification.Intact) project.audit().verify()).events();
      assertThat(eventsAfter - eventsBefore)
          .as("a re-run records only its start and finish")
          .isEqualTo(2);
      assertThat(count(project, "1 = 1")).isEqualTo(7);
      assertThat(project.audit().verify()).isInstanceOf(AuditVerification.Intact.class);
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void quarantinedClipIsImportedOnceItsFileIsFixed(Supplier<Project> factory) throws Exception {
    try (Project project = factory.get()) {
      LabelingFixture.withUsers(project);
      Importer importer = new Importer(project);
      Path manifest = manifest();
      importer.run(LEAD, manifest, contract(), ImportListener.NONE);
      TestAudio.tone(dir.resolve("audio/text.wav"), 16000, 1.5, 100);
      ImportReport fixed = importer.run(LEAD, manifest, contract(), ImportListener.NONE);
      assertThat(fixed.imported()).isEqualTo(1);
      assertThat(fixed.quarantined()).isEmpty();
      assertThat(count(project, "clip_key = 'text' AND status = 'active'")).isEqualTo(1);
      assertThat(project.audit().eventsFor("clip", "demo/text"))
          .extracting("action")
          .containsExactly("clip.import", "clip.reimport");
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void changedContractIsRecordedWithItsPreviousVersion(Supplier<Project> factory) throws Exception {
    try (Project project = factory.get()) {
      LabelingFixture.withUsers(project);
      Importer importer = new Importer(project);
      Path manifest = manifest();
      importer.run(LEAD, manifest, contract(), ImportListener.NONE);
      importer.run(LEAD, manifest, contract(), ImportListener.NONE);
      Files.writeString(
          dir.resolve("contract.json"),
          Files.readString(dir.resolve("contract.json"))
              .replace("\"purpose\": \"p\"", "\"purpose\": \"q\""));
      importer.run(LEAD, manifest, dir.resolve("contract.json"), ImportListener.NONE);
      var events = project.audit().eventsFor("dataset", "demo");
      assertThat(events)
          .extracting("action")
          .containsExactly("dataset.create", "dataset.contract.update");
      assertThat(events.get(1).beforeJson()).contains("\"purpose\":\"p\"");
      assertThat(events.get(1).afterJson()).contains("\"purpose\":\"q\"");
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void cancelledImportResumesWhereItStopped(Supplier<Project> factory) throws Exception {
    TestAudio.tone(dir.resolve("tiny.wav"), 16000, 0.05, 440);
    StringBuilder lines = new StringBuilder();
    int total = Importer.CHUNK * 2 + 40;
    for (int i = 0; i < total; i++) {
      lines
          .append("{\"id\": \"clip-")
          .append(i)
          .append("\", \"audio_filepath\": \"tiny.wav\",")
          .append(" \"consent_scope\": \"full\"}\n");
    }
    Path manifest = Files.writeString(dir.resolve("big.jsonl"), lines);
    try (Project project = factory.get()) {
      LabelingFixture.withUsers(project);
      Importer importer = new Importer(project);
      ImportListener stopAfterFirstChunk =
          new ImportListener() {
            @Override
            public void progress(long done, long all) {}

            @Override
            public boolean cancelled() {
              return true;
            }
          };
      ImportReport partial = importer.run(LEAD, manifest, contract(), stopAfterFirstChunk);
      assertThat(partial.imported()).isEqualTo(Importer.CHUNK);
      ImportReport resumed = importer.run(LEAD, manifest, contract(), ImportListener.NONE);
      assertThat(resumed.alreadyPresent()).isEqualTo(Importer.CHUNK);
      assertThat(resumed.imported()).isEqualTo(total - Importer.CHUNK);
      assertThat(count(project, "status = 'active'")).isEqualTo(total);
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aMeasuringImportKeepsEachNewClipsFeaturesAndReportsInLineOrder(Supplier<Project> factory)
      throws Exception {
    Path high = TestAudio.tone(dir.resolve("high.wav"), 16000, 0.3, 440);
    Path low = TestAudio.tone(dir.resolve("low.wav"), 8000, 0.2, 220);
    StringBuilder lines = new StringBuilder();
    int total =
        Importer.CHUNK * 2 + 40; // three chunks: checks of one overlap the commit of another
    for (int i = 0; i < total; i++) {
      if (i % 97 == 5) {
        lines.append("{\"id\": \"broken-").append(i).append("\" \"audio_filepath\": \"x\"}\n");
        continue;
      }
      lines
          .append("{\"id\": \"clip-")
          .append(i)
          .append("\", \"audio_filepath\": \"")
          .append(i % 2 == 0 ? "high.wav" : "low.wav")
          .append(i % 3 == 0 ? "\"" : "\", \"hypothesis\": \"words\"")
          .append(", \"consent_scope\": \"full\"}\n");
    }
    Path manifest = Files.writeString(dir.resolve("measured.jsonl"), lines);
    try (Project project = factory.get()) {
      LabelingFixture.withUsers(project);
      Importer importer = Importer.measuringFeatures(project);
      ImportReport report = importer.run(LEAD, manifest, contract(), ImportListener.NONE);

      var measured = importer.measuredFeatures();
      List<String> withHypothesis = new ArrayList<>();
      for (int i = 0; i < total; i++) {
        if (i % 97 != 5 && i % 3 != 0) {
          withHypothesis.add("clip-" + i);
        }
      }
      assertThat(measured).containsOnlyKeys(withHypothesis);
      double[] highFeatures = dev.earmark.audio.features.FeatureExtractor.extract(high).vector();
      double[] lowFeatures = dev.earmark.audio.features.FeatureExtractor.extract(low).vector();
      for (String key : withHypothesis) {
        int i = Integer.parseInt(key.substring("clip-".length()));
        assertThat(measured.get(key).failure()).isNull();
        assertThat(measured.get(key).vector())
            .containsExactly(i % 2 == 0 ? highFeatures : lowFeatures);
      }
      assertThat(report.errors()).hasSize(6).isSortedAccordingTo(ImporterTest::byLine);
      assertThat(report.warnings())
          .hasSize(report.imported() - 2) // every clip after the first two repeats their audio
          .isSortedAccordingTo(ImporterTest::byLine);
      assertThat(new Importer(project).measuredFeatures()).isEmpty();
    }
  }

  private static int byLine(ClipOutcome a, ClipOutcome b) {
    return Integer.compare(a.line(), b.line());
  }

  @ParameterizedTest
  @MethodSource("databases")
  void incompleteContractOrWrongRoleImportsNothing(Supplier<Project> factory) throws Exception {
    try (Project project = factory.get()) {
      LabelingFixture.withUsers(project);
      Importer importer = new Importer(project);
      Path manifest = manifest();
      Path incomplete =
          Files.writeString(
              dir.resolve("bad.json"), "{\"dataset_id\": \"demo\", \"owner\": \"o\"}");
      assertThatThrownBy(() -> importer.run(LEAD, manifest, incomplete, ImportListener.NONE))
          .isInstanceOf(ContractException.class)
          .hasMessageContaining("missing purpose, source, consent_scopes");
      Actor annotator = new Actor("ann-1", EnumSet.of(Role.ANNOTATOR));
      assertThatThrownBy(() -> importer.run(annotator, manifest, contract(), ImportListener.NONE))
          .isInstanceOf(PermissionDeniedException.class)
          .hasMessage("ann-1 cannot import clips: that needs the lead role");
      assertThat(count(project, "1 = 1")).isZero();
    }
  }
}
