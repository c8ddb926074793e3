package dev.earmark.storage.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.earmark.audio.qe.QeModel;
import dev.earmark.audio.qe.QeTrainingSettings;
import dev.earmark.engine.dispute.Dispute;
import dev.earmark.engine.normalize.RuleSet;
import dev.earmark.engine.release.DataUse;
import dev.earmark.engine.rubric.FieldValue;
import dev.earmark.engine.rubric.LabelValue;
import dev.earmark.engine.rubric.RubricCatalog;
import dev.earmark.engine.rubric.TaskType;
import dev.earmark.engine.version.VersionedId;
import dev.earmark.fixtures.DemoDataset;
import dev.earmark.storage.PermissionDeniedException;
import dev.earmark.storage.adjudicate.Adjudications;
import dev.earmark.storage.adjudicate.DisputeComparisons;
import dev.earmark.storage.adjudicate.DisputeRouting;
import dev.earmark.storage.adjudicate.DisputeStatus;
import dev.earmark.storage.adjudicate.PolicyProposal.ProposalStatus;
import dev.earmark.storage.adjudicate.ReasonCode;
import dev.earmark.storage.agreement.AgreementReader;
import dev.earmark.storage.assign.AssignmentPlan;
import dev.earmark.storage.assign.Assignments;
import dev.earmark.storage.assign.QueuePriority;
import dev.earmark.storage.demo.DemoProject;
import dev.earmark.storage.export.BatchExporter;
import dev.earmark.storage.export.ExportRequest;
import dev.earmark.storage.export.FinalLabels;
import dev.earmark.storage.identity.Identities;
import dev.earmark.storage.identity.TeamLogins;
import dev.earmark.storage.importer.ImportListener;
import dev.earmark.storage.importer.Importer;
import dev.earmark.storage.label.LabelInput;
import dev.earmark.storage.label.Labels;
import dev.earmark.storage.labelimport.LabelImporter;
import dev.earmark.storage.pack.AssignmentPacks;
import dev.earmark.storage.pack.LabelPacks;
import dev.earmark.storage.pack.PackRefusedException;
import dev.earmark.storage.policy.Policies;
import dev.earmark.storage.policy.PolicyLabels;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.qe.QeHints;
import dev.earmark.storage.qe.QeInference;
import dev.earmark.storage.qe.QeProjectTraining;
import dev.earmark.storage.settings.ProjectSettings;
import dev.earmark.storage.settings.Setting;
import dev.earmark.storage.status.ProjectStatus;
import dev.earmark.storage.user.Actor;
import dev.earmark.storage.user.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An annotator who builds an {@link Actor} claiming the lead and adjudicator roles gets nothing:
 * one case per storage service entry point that writes, or reads labels, drafts, gold answers or
 * dispute evidence. Each is refused with {@link PermissionDeniedException} and leaves the audit log
 * as it was. Runs against the demo project on H2, built once.
 */
class ForgedActorTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse(DemoDataset.REFERENCE_DATE + "T10:00:00Z"), ZoneOffset.UTC);
  private static final VersionedId ASR = VersionedId.parse("asr-transcript@1");

  /** ann-alex is an annotator of the demo; the roles below are a claim the user table denies. */
  private static final Actor FORGED =
      new Actor("ann-alex", EnumSet.of(Role.LEAD, Role.ADJUDICATOR));

  @TempDir static Path dir;

  private static Project project;
  private static Services services;

  /** The services and a few real ids of the demo, for the cases to aim at. */
  record Services(
      Project project,
      Policies policies,
      ProjectSettings settings,
      Labels labels,
      Assignments assignments,
      Adjudications adjudications,
      QeHints hints,
      long clipId,
      long goldClipId,
      long othersAssignment,
      long ownAssignment,
      long disputeId,
      Path out) {
    long id(String sql) {
      return project.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }
  }

  @BeforeAll
  static void buildDemo() throws Exception {
    Path data = DemoDataset.copyTo(dir.resolve("demo-data")).getParent();
    project = Project.openEmbedded(dir.resolve("project"), true, CLOCK);
    new DemoProject(project).build(data, "maria");
    Policies policies = new Policies(project);
    ProjectSettings settings = new ProjectSettings(project);
    services =
        new Services(
            project,
            policies,
            settings,
            new Labels(project, policies, settings),
            new Assignments(project, policies),
            new Adjudications(project, policies),
            new QeHints(project, settings),
            one("SELECT MIN(clip_id) FROM labels WHERE annotator_id <> 'ann-alex'"),
            one("SELECT MIN(clip_id) FROM gold_answers"),
            one("SELECT MIN(id) FROM assignments WHERE annotator_id = 'ann-bea'"),
            one("SELECT MIN(id) FROM assignments WHERE annotator_id = 'ann-alex'"),
            one("SELECT MIN(id) FROM disputes"),
            dir.resolve("out"));
  }

  private static long one(String sql) {
    return project.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
  }

  @AfterAll
  static void close() {
    project.close();
  }

  static List<Named<Consumer<Services>>> calls() {
    LabelValue transcript = new LabelValue(ASR, Map.of("transcript", new FieldValue.Text("hi")));
    LabelInput input = new LabelInput(transcript, Duration.ofSeconds(3), 1.0);
    RuleSet rules = RuleSet.of(VersionedId.parse("en-asr@99"), "forged", List.of());
    return List.of(
        call(
            "Users.add", s -> s.project().users().add(FORGED, "eve", "Eve", EnumSet.of(Role.LEAD))),
        call(
            "Policies.publishRubric",
            s -> s.policies().publishRubric(FORGED, RubricCatalog.builtIn().get(ASR))),
        call(
            "Policies.publishRuleSet",
            s ->
                s.policies()
                    .publishRuleSet(
                        FORGED,
                        VersionedId.parse("en-asr@99"),
                        JsonNodeFactory.instance.objectNode())),
        call("Policies.setPolicy", s -> s.policies().setPolicy(FORGED, ASR, null)),
        call(
            "PolicyLabels.publish",
            s -> new PolicyLabels(s.project(), s.policies()).publish(FORGED, rules)),
        call(
            "PolicyLabels.transcriptLabels",
            s -> new PolicyLabels(s.project(), s.policies()).transcriptLabels(FORGED, null)),
        call(
            "AgreementReader.read(task type)",
            s ->
                new AgreementReader(s.project(), s.policies())
                    .read(FORGED, TaskType.ASR_TRANSCRIPT)),
        call(
            "AgreementReader.read(rubric)",
            s ->
                new AgreementReader(s.project(), s.policies()).read(FORGED, ASR, Optional.empty())),
        call(
            "BatchExporter.export",
            s ->
                new BatchExporter(s.project(), s.policies())
                    .export(
                        FORGED,
                        ExportRequest.plain(
                            "forged",
                            s.out(),
                            List.of("jsonl"),
                            Map.of(),
                            Optional.empty(),
                            DataUse.EVALUATION,
                            "test"))),
        call("FinalLabels.list", s -> new FinalLabels(s.project(), s.policies()).list(FORGED)),
        call(
            "Adjudications.recordDispute",
            s -> s.adjudications().recordDispute(FORGED, s.clipId(), ASR, (Dispute) null)),
        call("Adjudications.disputes", s -> s.adjudications().disputes(FORGED, DisputeStatus.OPEN)),
        call(
            "Adjudications.decide",
            s ->
                s.adjudications()
                    .decide(FORGED, s.disputeId(), transcript, ReasonCode.OTHER, "forged")),
        call("Adjudications.undo", s -> s.adjudications().undo(FORGED, 1)),
        call("Adjudications.escalate", s -> s.adjudications().escalate(FORGED, s.disputeId(), "")),
        call(
            "Adjudications.undoEscalation",
            s -> s.adjudications().undoEscalation(FORGED, s.disputeId())),
        call("Adjudications.decisions", s -> s.adjudications().decisions(FORGED, s.disputeId())),
        call("Adjudications.decision", s -> s.adjudications().decision(FORGED, 1)),
        call(
            "Adjudications.proposals",
            s -> s.adjudications().proposals(FORGED, ProposalStatus.OPEN)),
        call(
            "Adjudications.closeProposal",
            s -> s.adjudications().closeProposal(FORGED, 1, true, "forged")),
        call(
            "Adjudications.markProposalDone",
            s -> s.adjudications().markProposalDone(FORGED, 1, "forged")),
        call("ProjectSettings.set", s -> s.settings().set(FORGED, "qe.show_hints", "true")),
        call(
            "ProjectSettings.set(flag)",
            s -> s.settings().set(FORGED, Setting.QE_TRAIN_ON_SINGLE_LABELS, true)),
        call(
            "Assignments.assign",
            s ->
                s.assignments()
                    .assign(
                        FORGED,
                        new AssignmentPlan(ASR, Optional.empty(), List.of("ann-alex"), 0.0, 0.0, 1),
                        QueuePriority.byClipId())),
        call(
            "Assignments.assignExplicit",
            s -> s.assignments().assignExplicit(FORGED, ASR, s.clipId(), "ann-alex", false)),
        call("Assignments.queue(another's)", s -> s.assignments().queue(FORGED, "ann-bea")),
        call(
            "Assignments.reprioritize",
            s -> s.assignments().reprioritize(FORGED, ASR, QueuePriority.byClipId())),
        call(
            "Assignments.setGoldAnswer",
            s -> s.assignments().setGoldAnswer(FORGED, s.goldClipId(), transcript)),
        call(
            "Assignments.goldAnswer", s -> s.assignments().goldAnswer(FORGED, s.goldClipId(), ASR)),
        call(
            "Labels.saveDraft(another's assignment)",
            s -> s.labels().saveDraft(FORGED, s.othersAssignment(), input, 0)),
        call(
            "Labels.submit(another's assignment)",
            s -> s.labels().submit(FORGED, s.othersAssignment(), input, 0)),
        call(
            "Labels.open(another's assignment)",
            s -> s.labels().open(FORGED, s.othersAssignment())),
        call("Labels.labelsForClip", s -> s.labels().labelsForClip(FORGED, s.clipId())),
        call("Labels.labels", s -> s.labels().labels(FORGED, ASR)),
        call(
            "Labels.importSubmitted",
            s ->
                s.labels()
                    .importSubmitted(
                        FORGED, s.ownAssignment(), input, CLOCK.instant(), CLOCK.instant())),
        call("QeHints.storeModel", s -> s.hints().storeModel(FORGED, QeModel.loadDefault())),
        call("QeHints.recordHints", s -> s.hints().recordHints(FORGED, "m", Map.of())),
        call("QeHints.hint", s -> s.hints().hint(FORGED, s.clipId())),
        call("QeHints.reviewRecommended", s -> s.hints().reviewRecommended(FORGED, "m")),
        call("QeHints.recordDrift", s -> s.hints().recordDrift(FORGED, null, "m", null)),
        call("QeHints.latestDrift", s -> s.hints().latestDrift(FORGED)),
        call("QeHints.driftHistory", s -> s.hints().driftHistory(FORGED, 5)),
        call(
            "QeInference.predict",
            s -> new QeInference(s.project(), s.settings(), s.hints()).predict(FORGED, List.of())),
        call(
            "QeInference.hintDataset",
            s ->
                new QeInference(s.project(), s.settings(), s.hints())
                    .hintDataset(FORGED, "earmark-demo")),
        call(
            "QeProjectTraining.train",
            s ->
                new QeProjectTraining(s.project(), s.policies(), s.settings(), s.hints())
                    .train(FORGED, QeTrainingSettings.defaults(), CLOCK)),
        call(
            "Importer.run",
            s ->
                new Importer(s.project())
                    .run(
                        FORGED,
                        s.out().resolve("m.jsonl"),
                        s.out().resolve("c.json"),
                        ImportListener.NONE)),
        call(
            "AssignmentPacks.export",
            s ->
                new AssignmentPacks(s.project(), s.policies())
                    .export(FORGED, "ann-alex", s.out().resolve("a.earmark-pack"), "test")),
        call(
            "LabelPacks.export",
            s ->
                new LabelPacks(s.project(), s.policies())
                    .export(FORGED, s.out().resolve("l.earmark-pack"), "test")),
        call(
            "LabelPacks.importInto",
            s ->
                new LabelPacks(s.project(), s.policies())
                    .importInto(FORGED, s.out().resolve("l.earmark-pack"))),
        call(
            "Users.changeRoles",
            s ->
                s.project()
                    .users()
                    .changeRoles(FORGED, "ann-alex", EnumSet.of(Role.LEAD), Set.of())),
        call("Users.deactivate", s -> s.project().users().deactivate(FORGED, "ann-bea")),
        call("Users.reactivate", s -> s.project().users().reactivate(FORGED, "ann-bea")),
        call("Users.roster", s -> s.project().users().roster(FORGED)),
        call(
            "Identities.mapOsAccount",
            s -> new Identities(s.project()).mapOsAccount(FORGED, "maria", "eve-os")),
        call("Identities.setSandbox", s -> new Identities(s.project()).setSandbox(FORGED, true)),
        call(
            "TeamLogins.mapLogin",
            s -> new TeamLogins(s.project()).mapLogin(FORGED, "maria", "eve_login")),
        call(
            "TeamLogins.createLogin",
            s ->
                new TeamLogins(s.project())
                    .createLogin(FORGED, "ann-alex", "eve_login", "x".toCharArray())),
        call(
            "LabelImporter.run",
            s -> new LabelImporter(s.project()).run(FORGED, "ann-bea", s.out().resolve("l.jsonl"))),
        call(
            "DisputeComparisons.compare",
            s -> new DisputeComparisons(s.project()).compare(FORGED, s.disputeId())),
        call(
            "DisputeRouting.route",
            s ->
                new DisputeRouting(
                        s.project(),
                        s.policies(),
                        s.settings(),
                        s.labels(),
                        s.assignments(),
                        s.adjudications())
                    .route(FORGED, ASR, List.of())),
        call("ProjectStatus.read", s -> new ProjectStatus(s.project(), s.policies()).read(FORGED)));
  }

  private static Named<Consumer<Services>> call(String name, Consumer<Services> call) {
    return Named.of(name, call);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("calls")
  void aForgedLeadIsRefusedAndWritesNothing(Consumer<Services> call) throws Exception {
    long events = services.id("SELECT COUNT(*) FROM audit_events");
    long labels = services.id("SELECT COUNT(*) FROM labels");

    assertThatThrownBy(() -> call.accept(services))
        .isInstanceOf(PermissionDeniedException.class)
        .hasMessageStartingWith("ann-alex ");

    assertThat(services.id("SELECT COUNT(*) FROM audit_events")).isEqualTo(events);
    assertThat(services.id("SELECT COUNT(*) FROM labels")).isEqualTo(labels);
    assertThat(Files.exists(services.out())).isFalse();
  }

  /**
   * {@code AssignmentPacks.importInto} takes no acting user, by design: it only fills a new, empty
   * project (whose users the pack brings), so there is nobody to impersonate. On a project with
   * users it is refused and writes nothing.
   */
  @org.junit.jupiter.api.Test
  void anAssignmentPackOnlyFillsAnEmptyProjectSoItNeedsNoActingUser() throws Exception {
    Path packs = Files.createDirectories(dir.resolve("packs"));
    Path pack = packs.resolve("alex.earmark-pack");
    AssignmentPacks packsService = new AssignmentPacks(project, services.policies());
    packsService.export(project.users().actor(DemoProject.LEAD_ID), "ann-alex", pack, "test");
    long events = services.id("SELECT COUNT(*) FROM audit_events");
    long users = services.id("SELECT COUNT(*) FROM users");

    assertThatThrownBy(() -> packsService.importInto(pack, packs.resolve("audio")))
        .isInstanceOf(PackRefusedException.class)
        .hasMessageContaining("already holds a project");

    assertThat(services.id("SELECT COUNT(*) FROM audit_events")).isEqualTo(events);
    assertThat(services.id("SELECT COUNT(*) FROM users")).isEqualTo(users);
  }

  @org.junit.jupiter.api.Test
  void onlyTheRolesTheUserTableGrantsCount() {
    Actor claimsEverything = new Actor("ann-alex", EnumSet.allOf(Role.class));
    assertThat(Access.require(project, claimsEverything, "label", Role.ANNOTATOR))
        .containsExactly(Role.ANNOTATOR);
    // Claiming every role reads what the annotator may read: their own labels, nobody else's.
    assertThat(services.labels().labelsForClip(claimsEverything, services.clipId()))
        .allSatisfy(label -> assertThat(label.annotatorId()).isEqualTo("ann-alex"));
    assertThat(
            Access.require(
                project, project.users().actor(DemoProject.LEAD_ID), "export a batch", Role.LEAD))
        .containsExactly(Role.LEAD);
  }
}
