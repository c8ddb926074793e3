package dev.earmark.storage.assign;

import static dev.earmark.storage.LabelingFixture.ADJ;
import static dev.earmark.storage.LabelingFixture.ANN_1;
import static dev.earmark.storage.LabelingFixture.ASR;
import static dev.earmark.storage.LabelingFixture.LEAD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.earmark.audio.features.FeatureExtractor;
import dev.earmark.audio.qe.QeModel;
import dev.earmark.audio.qe.QePrediction;
import dev.earmark.engine.priority.PriorityException;
import dev.earmark.engine.priority.PrioritySettings;
import dev.earmark.engine.priority.SliceQuota;
import dev.earmark.engine.priority.SliceQuotas;
import dev.earmark.engine.rubric.FieldValue;
import dev.earmark.engine.rubric.LabelValue;
import dev.earmark.engine.rubric.Rubric;
import dev.earmark.storage.Databases;
import dev.earmark.storage.LabelingFixture;
import dev.earmark.storage.PermissionDeniedException;
import dev.earmark.storage.StorageException;
import dev.earmark.storage.audit.AuditLog;
import dev.earmark.storage.audit.AuditVerification;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.qe.QeHints;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Assigning with gold files, slice quotas, limits, consent, priorities and dry runs. */
class AssignPlanTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC);
  private static final List<String> THREE = List.of("ann-1", "ann-2", "ann-3");

  @TempDir Path dir;

  static List<Named<Supplier<Project>>> databases() {
    return Databases.fresh(CLOCK);
  }

  private static AssignmentPlan plan(
      List<String> annotators,
      double overlap,
      List<GoldAnswer> gold,
      SliceQuotas quotas,
      OptionalInt limit) {
    return new AssignmentPlan(
        ASR, Optional.empty(), annotators, overlap, 0, 5, gold, quotas, limit);
  }

  private static SliceQuotas quotas(String... quotas) {
    return new SliceQuotas(List.of(quotas).stream().map(SliceQuota::parse).toList());
  }

  /** clip key -> annotators in order, with a '*' on gold assignments. */
  private static Map<String, String> layout(LabelingFixture fixture) {
    Map<String, String> layout = new TreeMap<>();
    for (String annotator : THREE) {
      for (QueueItem item : fixture.assignments().queue(LEAD, annotator)) {
        layout.merge(item.clipKey(), annotator + (item.gold() ? "*" : ""), (a, b) -> a + "," + b);
      }
    }
    return layout;
  }

  private static long auditEvents(LabelingFixture fixture) {
    return ((AuditVerification.Intact) fixture.project().audit().verify()).events();
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aQuotaCapsEachValueOfItsTagAndARerunAddsNothing(Supplier<Project> factory) {
    try (LabelingFixture fixture = LabelingFixture.create(factory.get(), dir, 10)) {
      AssignmentPlan plan =
          plan(List.of("ann-1"), 0, List.of(), quotas("accent=0.4"), OptionalInt.empty());
      AssignmentReport report =
          fixture.assignments().assign(LEAD, plan, QueuePriority.byClipId(), false);
      // Ten clips, five per accent: at most 4 of either accent.
      assertThat(report.summary().clips()).isEqualTo(8);
      assertThat(report.sliceMix()).isEqualTo(Map.of("accent", Map.of("uk", 4, "us", 4)));
      assertThat(report.heldBackByQuota()).isEqualTo(2);
      assertThat(layout(fixture)).doesNotContainKeys("clip-0009", "clip-0010");

      AssignmentReport again =
          fixture.assignments().assign(LEAD, plan, QueuePriority.byClipId(), false);
      assertThat(again.summary()).isEqualTo(new AssignmentSummary(0, 0, 0, 0));
      assertThat(again.alreadyAssigned()).isEqualTo(8);
      assertThat(again.heldBackByQuota()).isEqualTo(2);
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aLimitCountsEarlierRunsAndTheHighestPriorityClipsGoFirst(Supplier<Project> factory) {
    try (LabelingFixture fixture = LabelingFixture.create(factory.get(), dir, 6)) {
      QueuePriority latestFirst = clip -> clip.clipId();
      AssignmentReport first =
          fixture
              .assignments()
              .assign(
                  LEAD,
                  plan(List.of("ann-1"), 0, List.of(), SliceQuotas.none(), OptionalInt.of(2)),
                  latestFirst,
                  false);
      assertThat(first.summary().clips()).isEqualTo(2);
      assertThat(first.leftOverByLimit()).isEqualTo(4);
      assertThat(layout(fixture)).containsOnlyKeys("clip-0005", "clip-0006");

      AssignmentReport second =
          fixture
              .assignments()
              .assign(
                  LEAD,
                  plan(List.of("ann-1"), 0, List.of(), SliceQuotas.none(), OptionalInt.of(3)),
                  latestFirst,
                  false);
      assertThat(second.summary().clips()).isEqualTo(1);
      assertThat(layout(fixture)).containsOnlyKeys("clip-0004", "clip-0005", "clip-0006");
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aDryRunReportsWhatARunWouldDoAndWritesNothing(Supplier<Project> factory) {
    try (LabelingFixture fixture = LabelingFixture.create(factory.get(), dir, 9)) {
      AssignmentPlan plan = plan(THREE, 1.0, List.of(), quotas("accent=0.5"), OptionalInt.empty());
      long events = auditEvents(fixture);
      AssignmentReport dry =
          fixture.assignments().assign(LEAD, plan, QueuePriority.byClipId(), true);
      assertThat(dry.dryRun()).isTrue();
      assertThat(layout(fixture)).isEmpty();
      assertThat(auditEvents(fixture)).isEqualTo(events);

      AssignmentReport real =
          fixture.assignments().assign(LEAD, plan, QueuePriority.byClipId(), false);
      assertThat(real.dryRun()).isFalse();
      assertThat(real.summary()).isEqualTo(dry.summary());
      assertThat(real.annotators()).isEqualTo(dry.annotators());
      assertThat(real.sliceMix()).isEqualTo(dry.sliceMix());
      assertThat(layout(fixture)).hasSize(real.summary().clips());
      // Overlap 1.0: every clip goes to two annotators, so each of their clips is overlapped.
      assertThat(real.annotators())
          .allSatisfy(load -> assertThat(load.overlapped()).isEqualTo(load.clips()));
      assertThat(real.annotators().stream().mapToInt(AssignmentReport.AnnotatorLoad::clips).sum())
          .isEqualTo(2 * real.summary().clips());
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void goldClipsFromAFileGoToEveryAnnotatorWithTheirAnswersStoredOnce(Supplier<Project> factory)
      throws IOException {
    try (LabelingFixture fixture = LabelingFixture.create(factory.get(), dir, 6)) {
      Rubric rubric = fixture.policies().rubric(ASR);
      Path file =
          Files.writeString(
              dir.resolve("gold.jsonl"),
              """
              {"clip_id": "clip-0002", "fields": {"transcript": "two words"}}

              {"clip_id": "clip-0005", "rubric": "asr-transcript@1", "fields": {"transcript": "five"}}
              """);
      List<GoldAnswer> gold = GoldFile.read(file, rubric);
      assertThat(gold).extracting(GoldAnswer::line).containsExactly(1, 3);
      AssignmentPlan plan = plan(THREE, 0.5, gold, SliceQuotas.none(), OptionalInt.empty());
      AssignmentReport report =
          fixture.assignments().assign(LEAD, plan, QueuePriority.byClipId(), false);
      assertThat(report.summary().goldClips()).isEqualTo(2);
      assertThat(report.annotators()).allSatisfy(load -> assertThat(load.gold()).isEqualTo(2));
      assertThat(layout(fixture))
          .containsEntry("clip-0002", "ann-1*,ann-2*,ann-3*")
          .containsEntry("clip-0005", "ann-1*,ann-2*,ann-3*");
      assertThat(fixture.assignments().goldAnswer(ADJ, fixture.clipId("clip-0005"), ASR))
          .contains(new LabelValue(ASR, Map.of("transcript", new FieldValue.Text("five"))));

      long events = auditEvents(fixture);
      AssignmentReport again =
          fixture.assignments().assign(LEAD, plan, QueuePriority.byClipId(), false);
      assertThat(again.summary()).isEqualTo(new AssignmentSummary(0, 0, 0, 0));
      assertThat(auditEvents(fixture)).isEqualTo(events);
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aGoldFileIsRefusedAtItsFirstBadLine(Supplier<Project> factory) throws IOException {
    try (LabelingFixture fixture = LabelingFixture.create(factory.get(), dir, 3)) {
      Rubric rubric = fixture.policies().rubric(ASR);
      Path refused =
          Files.writeString(
              dir.resolve("gold.jsonl"),
              """
              {"clip_id": "clip-0001", "fields": {"transcript": "fine"}}
              {"clip_id": "clip-0002", "fields": {"transcript": 7}}
              """);
      assertThatThrownBy(() -> GoldFile.read(refused, rubric))
          .isInstanceOf(StorageException.class)
          .hasMessageStartingWith(
              "gold.jsonl line 2 (clip clip-0002): the answer breaks rubric asr-transcript@1:");
      Path twice =
          Files.writeString(
              dir.resolve("twice.jsonl"),
              """
              {"clip_id": "clip-0001", "fields": {"transcript": "a"}}
              {"clip_id": "clip-0001", "fields": {"transcript": "b"}}
              """);
      assertThatThrownBy(() -> GoldFile.read(twice, rubric))
          .hasMessage(
              "twice.jsonl line 2: clip clip-0001 already has a gold answer on line 1; keep one"
                  + " line per clip");
      Path noClip = Files.writeString(dir.resolve("noclip.jsonl"), "{\"fields\": {}}\n");
      assertThatThrownBy(() -> GoldFile.read(noClip, rubric))
          .hasMessage("noclip.jsonl line 1 names no clip: give its manifest id in \"clip_id\"");
      Path notJson = Files.writeString(dir.resolve("bad.jsonl"), "{\"clip_id\": \n");
      assertThatThrownBy(() -> GoldFile.read(notJson, rubric))
          .hasMessageStartingWith("bad.jsonl line 1 is not JSON");

      Path unknown =
          Files.writeString(
              dir.resolve("unknown.jsonl"),
              "{\"clip_id\": \"clip-0001\", \"fields\": {\"transcript\": \"x\"}}\n"
                  + "{\"clip_id\": \"private\", \"fields\": {\"transcript\": \"x\"}}\n");
      List<GoldAnswer> answers = GoldFile.read(unknown, rubric);
      assertThatThrownBy(
              () ->
                  fixture
                      .assignments()
                      .assign(
                          LEAD,
                          plan(THREE, 0, answers, SliceQuotas.none(), OptionalInt.empty()),
                          QueuePriority.byClipId(),
                          false))
          .hasMessage("gold file line 2: clip private is excluded and cannot be gold");
      assertThat(layout(fixture)).isEmpty();

      // Answers handed over without a file are checked by the service all the same.
      GoldAnswer empty = new GoldAnswer("clip-0001", new LabelValue(ASR, Map.of()), 4);
      assertThatThrownBy(
              () ->
                  fixture
                      .assignments()
                      .assign(
                          LEAD,
                          plan(THREE, 0, List.of(empty), SliceQuotas.none(), OptionalInt.empty()),
                          QueuePriority.byClipId(),
                          false))
          .hasMessageStartingWith(
              "gold file line 4 (clip clip-0001): the answer breaks rubric asr-transcript@1:");
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void onlyClipsWhoseConsentAllowsLabelingAreAssigned(Supplier<Project> factory) throws Exception {
    try (LabelingFixture fixture = LabelingFixture.create(factory.get(), dir, 4)) {
      // The contract is narrowed after import: scope "full" no longer allows labeling.
      fixture
          .project()
          .jdbi()
          .useHandle(
              handle -> {
                String json =
                    handle
                        .createQuery("SELECT contract_json FROM datasets WHERE id = 'demo'")
                        .mapTo(String.class)
                        .one();
                ObjectNode contract = (ObjectNode) AuditLog.json().readTree(json);
                for (JsonNode scope : contract.path("consent_scopes")) {
                  if (scope.path("id").asText().equals("full")) {
                    ((ObjectNode) scope).putArray("allowed_uses").add("evaluation");
                  }
                }
                handle
                    .createUpdate("UPDATE datasets SET contract_json = :json WHERE id = 'demo'")
                    .bind("json", contract.toString())
                    .execute();
              });
      AssignmentReport report =
          fixture
              .assignments()
              .assign(
                  LEAD,
                  plan(List.of("ann-1"), 0, List.of(), SliceQuotas.none(), OptionalInt.empty()),
                  QueuePriority.byClipId(),
                  false);
      assertThat(report.excludedByConsent()).isEqualTo(4);
      assertThat(report.summary().clips()).isZero();
      assertThat(layout(fixture)).isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void refusalsNameOnlyTheUserAtFault(Supplier<Project> factory) {
    try (LabelingFixture fixture = LabelingFixture.create(factory.get(), dir, 2)) {
      AssignmentPlan stranger =
          plan(List.of("ann-1", "nobody"), 0, List.of(), SliceQuotas.none(), OptionalInt.empty());
      assertThatThrownBy(
              () -> fixture.assignments().assign(LEAD, stranger, QueuePriority.byClipId(), true))
          .isInstanceOf(StorageException.class)
          .hasMessage(
              "nobody is not a user of this project: add the user with the annotator role before"
                  + " assigning clips to them");
      AssignmentPlan adjudicator =
          plan(List.of("adj-1"), 0, List.of(), SliceQuotas.none(), OptionalInt.empty());
      assertThatThrownBy(
              () -> fixture.assignments().assign(LEAD, adjudicator, QueuePriority.byClipId(), true))
          .hasMessage(
              "adj-1 is not an annotator: give the user the annotator role before assigning clips"
                  + " to them");
      assertThatThrownBy(
              () ->
                  fixture
                      .assignments()
                      .assign(
                          ANN_1,
                          plan(
                              List.of("ann-1"),
                              0,
                              List.of(),
                              SliceQuotas.none(),
                              OptionalInt.empty()),
                          QueuePriority.byClipId(),
                          true))
          .isInstanceOf(PermissionDeniedException.class);
      assertThatThrownBy(() -> quotas("accent=0.7", "noise=0.5"))
          .isInstanceOf(PriorityException.class)
          .hasMessageContaining("sum to 1.2, above 1");
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void theReviewPriorityPutsTheLeastCoveredSliceFirst(Supplier<Project> factory) {
    try (LabelingFixture fixture = LabelingFixture.create(factory.get(), dir, 6)) {
      // clip-0002 (accent us) is labeled: us is 1/3 covered, uk 0/3.
      long assignment =
          fixture
              .assignments()
              .assignExplicit(LEAD, ASR, fixture.clipId("clip-0002"), "ann-1", false)
              .assignmentId();
      int version = fixture.labels().open(ANN_1, assignment).version();
      fixture.labels().submit(ANN_1, assignment, LabelingFixture.transcript("two"), version);

      ReviewQueuePriority review =
          ReviewQueuePriority.read(
              fixture.project(),
              fixture.policies(),
              ASR,
              Optional.of("accent"),
              PrioritySettings.defaults());
      assertThat(review.qeModel()).isEqualTo(QeModel.loadDefault().metadata().modelId());
      AssignmentReport report =
          fixture
              .assignments()
              .assign(
                  LEAD,
                  plan(List.of("ann-2"), 0, List.of(), SliceQuotas.none(), OptionalInt.of(3)),
                  review,
                  false);
      // One clip was already assigned, so two more fit the limit of three: both uk.
      assertThat(report.sliceMix()).isEqualTo(Map.of("accent", Map.of("uk", 2)));
      List<QueueItem> queue = fixture.assignments().queue(LEAD, "ann-2");
      assertThat(queue).extracting(QueueItem::clipKey).containsExactly("clip-0001", "clip-0003");
      assertThat(queue.get(0).priority()).isCloseTo(0.8, org.assertj.core.data.Offset.offset(1e-9));
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void theReviewPriorityPutsTheMostUncertainClipFirst(Supplier<Project> factory) throws Exception {
    try (LabelingFixture fixture = LabelingFixture.create(factory.get(), dir, 4)) {
      QeHints hints = new QeHints(fixture.project(), fixture.settings());
      QeModel model = QeModel.loadDefault();
      hints.storeModel(LEAD, model);
      Map<Long, QePrediction> predictions = new TreeMap<>();
      String mostUncertain = null;
      double highest = -1;
      for (String key : List.of("clip-0001", "clip-0002", "clip-0003", "clip-0004")) {
        QePrediction prediction =
            model.predict(FeatureExtractor.extract(dir.resolve("audio/" + key + ".wav")), 0.3, 3);
        predictions.put(fixture.clipId(key), prediction);
        double uncertainty = Math.min(1, Math.max(0, prediction.predictedWer()));
        if (uncertainty > highest) {
          highest = uncertainty;
          mostUncertain = key;
        }
      }
      hints.recordHints(LEAD, model.metadata().modelId(), predictions);

      ReviewQueuePriority review =
          ReviewQueuePriority.read(
              fixture.project(),
              fixture.policies(),
              ASR,
              Optional.empty(),
              PrioritySettings.defaults());
      assertThat(review.qeModel()).isEqualTo(model.metadata().modelId());
      fixture
          .assignments()
          .assign(
              LEAD,
              plan(List.of("ann-1"), 0, List.of(), SliceQuotas.none(), OptionalInt.of(1)),
              review,
              false);
      List<QueueItem> queue = fixture.assignments().queue(LEAD, "ann-1");
      assertThat(queue).extracting(QueueItem::clipKey).containsExactly(mostUncertain);
      assertThat(queue.get(0).priority())
          .isCloseTo(highest, org.assertj.core.data.Offset.offset(1e-9));
      assertThat(
              new dev.earmark.storage.status.ProjectStatus(fixture.project(), fixture.policies())
                  .read(LEAD)
                  .qeModel())
          .isEqualTo(model.metadata().modelId());
    }
  }
}
