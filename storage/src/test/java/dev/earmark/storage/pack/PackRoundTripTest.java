package dev.earmark.storage.pack;

import static dev.earmark.storage.LabelingFixture.ANN_1;
import static dev.earmark.storage.LabelingFixture.ANN_2;
import static dev.earmark.storage.LabelingFixture.ASR;
import static dev.earmark.storage.LabelingFixture.LEAD;
import static dev.earmark.storage.LabelingFixture.transcript;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earmark.engine.rubric.FieldValue;
import dev.earmark.storage.Databases;
import dev.earmark.storage.LabelingFixture;
import dev.earmark.storage.assign.QueueItem;
import dev.earmark.storage.audit.AuditEvent;
import dev.earmark.storage.importer.Checksums;
import dev.earmark.storage.label.Label;
import dev.earmark.storage.label.LabelState;
import dev.earmark.storage.pack.PackRefusedException.Reason;
import dev.earmark.storage.project.Project;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The offline round trip between two separate projects: the lead's, and the annotator's working
 * project made from an assignment pack (on H2 files, and on PostgreSQL when configured).
 */
class PackRoundTripTest {
  private static final Clock LEAD_CLOCK =
      Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC);
  private static final Clock ANNOTATOR_CLOCK =
      Clock.fixed(Instant.parse("2026-11-22T08:30:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  /** Where the two projects live: the lead's and the annotator's, on one kind of database. */
  record Machines(Supplier<Project> lead, Supplier<Project> annotator) {}

  static List<Named<Machines>> databases() {
    List<Named<Supplier<Project>>> leads = Databases.fresh(LEAD_CLOCK);
    List<Named<Supplier<Project>>> annotators = Databases.fresh(ANNOTATOR_CLOCK);
    List<Named<Machines>> machines = new ArrayList<>();
    for (int i = 0; i < leads.size(); i++) {
      machines.add(
          Named.of(
              leads.get(i).getName(),
              new Machines(leads.get(i).getPayload(), annotators.get(i).getPayload())));
    }
    return machines;
  }

  /** The lead's project: 4 clips, clips 1-3 assigned to ann-1, clips 1 and 4 to ann-2. */
  private LabelingFixture leadProject(Supplier<Project> factory, Path where) {
    LabelingFixture fixture = LabelingFixture.create(factory.get(), where, 4);
    for (String key : List.of("clip-0001", "clip-0002", "clip-0003")) {
      fixture.assignments().assignExplicit(LEAD, ASR, fixture.clipId(key), ANN_1.userId(), false);
    }
    for (String key : List.of("clip-0001", "clip-0004")) {
      fixture.assignments().assignExplicit(LEAD, ASR, fixture.clipId(key), ANN_2.userId(), false);
    }
    return fixture;
  }

  private static Optional<Label> label(LabelingFixture fixture, String annotator, String key) {
    long assignment = fixture.assignmentId(annotator, key);
    return fixture.labels().open(LEAD, assignment).label();
  }

  private static String text(Label label) {
    return ((FieldValue.Text) label.value().fields().get("transcript")).text();
  }

  @ParameterizedTest
  @MethodSource("databases")
  void labelsMadeOfflineComeBackToTheLeadsProjectAndNothingElseChanges(Machines machines)
      throws Exception {
    Path assignmentPack = dir.resolve("ann-1.assignments.zip");
    Path labelPack = dir.resolve("ann-1.labels.zip");
    try (LabelingFixture lead = leadProject(machines.lead(), dir.resolve("lead-data"))) {
      // ann-1 started clip 2 online; ann-2 finished clip 1.
      lead.labels()
          .saveDraft(ANN_1, lead.assignmentId("ann-1", "clip-0002"), transcript("half"), 0);
      lead.labels()
          .submit(ANN_2, lead.assignmentId("ann-2", "clip-0001"), transcript("ann two"), 0);

      AssignmentPackExport exported =
          new AssignmentPacks(lead.project(), lead.policies())
              .export(LEAD, "ann-1", assignmentPack, "test");
      assertThat(exported.assignments()).isEqualTo(3);
      assertThat(exported.clips()).isEqualTo(3);
      assertThat(exported.drafts()).isEqualTo(1);
      assertThat(lead.project().audit().eventsFor("pack", exported.packId()))
          .extracting(AuditEvent::action)
          .containsExactly("pack.export");

      // The annotator's machine: a separate project made from the pack alone.
      try (LabelingFixture work = LabelingFixture.over(machines.annotator().get())) {
        AssignmentPackImport imported =
            new AssignmentPacks(work.project(), work.policies())
                .importInto(assignmentPack, dir.resolve("work-audio"));
        assertThat(imported.sourceProjectId()).isEqualTo(lead.project().projectId());
        assertThat(imported.assignments()).isEqualTo(3);
        assertThat(imported.drafts()).isEqualTo(1);
        assertThat(work.project().projectId()).isNotEqualTo(lead.project().projectId());
        assertThat(new AssignmentPacks(work.project(), work.policies()).source())
            .contains(
                new AssignmentPacks.SourceLink(
                    exported.packId(), lead.project().projectId(), "ann-1"));
        assertThat(work.project().users().find("ann-1")).isPresent();
        assertThat(work.policies().publishedRubric(ASR).orElseThrow().contentHash())
            .isEqualTo(lead.policies().publishedRubric(ASR).orElseThrow().contentHash());
        // Same clip ids, audio copied and intact; the queue holds exactly the packed work.
        List<QueueItem> queue = work.assignments().queue(ANN_1, "ann-1");
        assertThat(queue)
            .extracting(QueueItem::clipKey)
            .containsExactlyInAnyOrder("clip-0001", "clip-0002", "clip-0003");
        for (String key : List.of("clip-0001", "clip-0002", "clip-0003")) {
          Map<String, Object> clip = clipRow(work.project(), key);
          assertThat(Checksums.sha256(Path.of((String) clip.get("audio_path"))))
              .isEqualTo(clipRow(lead.project(), key).get("sha256"))
              .isEqualTo(clip.get("sha256"));
        }
        Label draft = label(work, "ann-1", "clip-0002").orElseThrow();
        assertThat(draft.state()).isEqualTo(LabelState.DRAFT);
        assertThat(text(draft)).isEqualTo("half");

        // ann-1 labels offline: finishes clip 2, submits clip 1, drafts clip 3.
        long two = work.assignmentId("ann-1", "clip-0002");
        work.labels().submit(ANN_1, two, transcript("the whole thing"), draft.version());
        work.labels().submit(ANN_1, work.assignmentId("ann-1", "clip-0001"), transcript("one"), 0);
        work.labels()
            .saveDraft(ANN_1, work.assignmentId("ann-1", "clip-0003"), transcript("thr"), 0);

        LabelPackExport labels =
            new LabelPacks(work.project(), work.policies()).export(ANN_1, labelPack, "test");
        assertThat(labels.submitted()).isEqualTo(2);
        assertThat(labels.drafts()).isEqualTo(1);
        assertThat(labels.answersPack()).isEqualTo(exported.packId());
        assertThat(labels.sourceProjectId()).isEqualTo(lead.project().projectId());
      }

      LabelPackImport merged =
          new LabelPacks(lead.project(), lead.policies()).importInto(LEAD, labelPack);
      assertThat(merged.skipped()).isEmpty();
      assertThat(merged.imported())
          .extracting(LabelMerge.Imported::clipId, LabelMerge.Imported::state)
          .containsExactlyInAnyOrder(
              org.assertj.core.groups.Tuple.tuple("clip-0001", LabelState.SUBMITTED),
              org.assertj.core.groups.Tuple.tuple("clip-0002", LabelState.SUBMITTED),
              org.assertj.core.groups.Tuple.tuple("clip-0003", LabelState.DRAFT));

      Label one = label(lead, "ann-1", "clip-0001").orElseThrow();
      assertThat(text(one)).isEqualTo("one");
      assertThat(one.submittedAt()).contains(ANNOTATOR_CLOCK.instant());
      assertThat(one.lastModifiedBy()).isEqualTo("ann-1");
      assertThat(text(label(lead, "ann-1", "clip-0002").orElseThrow()))
          .isEqualTo("the whole thing");
      assertThat(label(lead, "ann-1", "clip-0003").orElseThrow().state())
          .isEqualTo(LabelState.DRAFT);
      // ann-2's work on the same clip is untouched.
      assertThat(text(label(lead, "ann-2", "clip-0001").orElseThrow())).isEqualTo("ann two");
      assertThat(lead.project().audit().eventsFor("pack", merged.packId()))
          .extracting(AuditEvent::action)
          .containsExactly("pack.import");
      assertThat(lead.project().audit().verify())
          .isInstanceOf(dev.earmark.storage.audit.AuditVerification.Intact.class);

      // Importing the same pack again is refused and changes nothing.
      long labelsBefore = count(lead.project(), "labels");
      assertThatThrownBy(
              () -> new LabelPacks(lead.project(), lead.policies()).importInto(LEAD, labelPack))
          .isInstanceOfSatisfying(
              PackRefusedException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.ALREADY_IMPORTED));
      assertThat(count(lead.project(), "labels")).isEqualTo(labelsBefore);
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aTamperedPackIsRefusedWithTheEntryThatChanged(Machines machines) throws Exception {
    Path assignmentPack = dir.resolve("a.zip");
    try (LabelingFixture lead = leadProject(machines.lead(), dir.resolve("lead-data"))) {
      new AssignmentPacks(lead.project(), lead.policies())
          .export(LEAD, "ann-1", assignmentPack, "test");
      Path forged = dir.resolve("forged.zip");
      rewrite(
          assignmentPack,
          forged,
          name ->
              name.startsWith("audio/") ? "RIFF forged".getBytes(StandardCharsets.UTF_8) : null);
      Path editedManifest = dir.resolve("edited.zip");
      rewrite(
          assignmentPack,
          editedManifest,
          name ->
              name.equals(PackFile.MANIFEST)
                  ? readEntry(assignmentPack, name)
                      .replace("\"ann-1\"", "\"ann-2\"")
                      .getBytes(StandardCharsets.UTF_8)
                  : null);
      Path truncated = dir.resolve("truncated.zip");
      byte[] whole = Files.readAllBytes(assignmentPack);
      Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length / 2));

      try (LabelingFixture work = LabelingFixture.over(machines.annotator().get())) {
        AssignmentPacks packs = new AssignmentPacks(work.project(), work.policies());
        assertThatThrownBy(() -> packs.importInto(forged, dir.resolve("audio")))
            .isInstanceOfSatisfying(
                PackRefusedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TAMPERED))
            .hasMessageContaining("audio/00001-");
        assertThatThrownBy(() -> packs.importInto(editedManifest, dir.resolve("audio")))
            .isInstanceOfSatisfying(
                PackRefusedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TAMPERED))
            .hasMessageContaining("pack_sha256");
        assertThatThrownBy(() -> packs.importInto(truncated, dir.resolve("audio")))
            .isInstanceOfSatisfying(
                PackRefusedException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.NOT_A_PACK));
        // Nothing was written by the refused imports.
        assertThat(work.project().users().list()).isEmpty();
        assertThat(count(work.project(), "clips")).isZero();
      }
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aLabelPackFromAnotherProjectIsRefusedAndTheRefusalIsAudited(Machines machines)
      throws Exception {
    Path assignmentPack = dir.resolve("a.zip");
    Path labelPack = dir.resolve("l.zip");
    try (LabelingFixture lead = leadProject(machines.lead(), dir.resolve("lead-data"));
        LabelingFixture other = leadProject(machines.lead(), dir.resolve("other-data"))) {
      new AssignmentPacks(lead.project(), lead.policies())
          .export(LEAD, "ann-1", assignmentPack, "test");
      try (LabelingFixture work = LabelingFixture.over(machines.annotator().get())) {
        new AssignmentPacks(work.project(), work.policies())
            .importInto(assignmentPack, dir.resolve("audio"));
        work.labels().submit(ANN_1, work.assignmentId("ann-1", "clip-0001"), transcript("one"), 0);
        new LabelPacks(work.project(), work.policies()).export(ANN_1, labelPack, "test");

        // The assignment pack cannot go back into the working project, nor the label pack.
        assertThatThrownBy(
                () ->
                    new AssignmentPacks(work.project(), work.policies())
                        .importInto(assignmentPack, dir.resolve("audio")))
            .isInstanceOfSatisfying(
                PackRefusedException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.ALREADY_IMPORTED));
      }
      assertThatThrownBy(
              () -> new LabelPacks(other.project(), other.policies()).importInto(LEAD, labelPack))
          .isInstanceOfSatisfying(
              PackRefusedException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.OTHER_PROJECT))
          .hasMessageContaining(lead.project().projectId());
      assertThat(label(other, "ann-1", "clip-0001")).isEmpty();
      assertThat(other.project().audit().eventsFor("pack", labelPack.toString()))
          .extracting(AuditEvent::action)
          .containsExactly("pack.refuse");
      // An assignment pack is not a label pack.
      assertThatThrownBy(
              () ->
                  new LabelPacks(lead.project(), lead.policies()).importInto(LEAD, assignmentPack))
          .isInstanceOfSatisfying(
              PackRefusedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.WRONG_KIND));
      // An assignment pack only goes into an empty project.
      assertThatThrownBy(
              () ->
                  new AssignmentPacks(other.project(), other.policies())
                      .importInto(assignmentPack, dir.resolve("audio")))
          .isInstanceOfSatisfying(
              PackRefusedException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.PROJECT_NOT_EMPTY));
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aLabelAlreadySubmittedInTheLeadsProjectIsKeptAndReportedAsAConflict(Machines machines)
      throws Exception {
    Path assignmentPack = dir.resolve("a.zip");
    Path labelPack = dir.resolve("l.zip");
    try (LabelingFixture lead = leadProject(machines.lead(), dir.resolve("lead-data"))) {
      new AssignmentPacks(lead.project(), lead.policies())
          .export(LEAD, "ann-1", assignmentPack, "test");
      try (LabelingFixture work = LabelingFixture.over(machines.annotator().get())) {
        new AssignmentPacks(work.project(), work.policies())
            .importInto(assignmentPack, dir.resolve("audio"));
        work.labels()
            .submit(ANN_1, work.assignmentId("ann-1", "clip-0001"), transcript("offline"), 0);
        work.labels().submit(ANN_1, work.assignmentId("ann-1", "clip-0002"), transcript("same"), 0);
        new LabelPacks(work.project(), work.policies()).export(ANN_1, labelPack, "test");
      }
      // Meanwhile ann-1 also labeled clips 1 and 2 online.
      lead.labels().submit(ANN_1, lead.assignmentId("ann-1", "clip-0001"), transcript("online"), 0);
      lead.labels().submit(ANN_1, lead.assignmentId("ann-1", "clip-0002"), transcript("same"), 0);

      LabelPackImport merged =
          new LabelPacks(lead.project(), lead.policies()).importInto(LEAD, labelPack);

      assertThat(merged.imported()).isEmpty();
      assertThat(merged.skipped())
          .extracting(LabelMerge.Skipped::clipId, LabelMerge.Skipped::code)
          .containsExactlyInAnyOrder(
              org.assertj.core.groups.Tuple.tuple("clip-0001", "conflict"),
              org.assertj.core.groups.Tuple.tuple("clip-0002", "already-present"));
      assertThat(text(label(lead, "ann-1", "clip-0001").orElseThrow())).isEqualTo("online");
    }
  }

  private static long count(Project project, String table) {
    return project
        .jdbi()
        .withHandle(
            handle -> handle.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Long.class).one());
  }

  private static Map<String, Object> clipRow(Project project, String key) {
    return project
        .jdbi()
        .withHandle(
            handle ->
                handle
                    .createQuery("SELECT audio_path, sha256 FROM clips WHERE clip_key = :key")
                    .bind("key", key)
                    .mapToMap()
                    .one());
  }

  private static String readEntry(Path zip, String name) {
    try (ZipFile file = new ZipFile(zip.toFile());
        InputStream in = file.getInputStream(file.getEntry(name))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Copies a zip, replacing the entries for which {@code replace} gives new bytes. */
  static void rewrite(Path from, Path to, Function<String, byte[]> replace) throws IOException {
    try (ZipFile in = new ZipFile(from.toFile());
        ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(to))) {
      Enumeration<? extends ZipEntry> entries = in.entries();
      while (entries.hasMoreElements()) {
        ZipEntry entry = entries.nextElement();
        out.putNextEntry(new ZipEntry(entry.getName()));
        byte[] replaced = replace.apply(entry.getName());
        if (replaced != null) {
          out.write(replaced);
        } else {
          try (InputStream data = in.getInputStream(entry)) {
            data.transferTo(out);
          }
        }
        out.closeEntry();
      }
    }
  }
}
