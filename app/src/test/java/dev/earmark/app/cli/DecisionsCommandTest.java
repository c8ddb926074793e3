package dev.earmark.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earmark.engine.agreement.AgreementStatistic;
import dev.earmark.engine.agreement.LabelScale;
import dev.earmark.engine.agreement.MeasurementLevel;
import dev.earmark.engine.agreement.NormalizedComparator;
import dev.earmark.engine.agreement.Rating;
import dev.earmark.engine.agreement.RatingTable;
import dev.earmark.engine.agreement.TranscriptAgreement;
import dev.earmark.engine.normalize.Normalizer;
import dev.earmark.engine.normalize.RuleSetJson;
import dev.earmark.engine.normalize.RuleSets;
import dev.earmark.engine.rubric.RubricCatalog;
import dev.earmark.engine.version.VersionedId;
import dev.earmark.storage.adjudicate.Adjudication;
import dev.earmark.storage.adjudicate.Adjudications;
import dev.earmark.storage.adjudicate.DisputeStatus;
import dev.earmark.storage.audit.AuditVerification;
import dev.earmark.storage.identity.Identities;
import dev.earmark.storage.identity.OsAccount;
import dev.earmark.storage.policy.Policies;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.user.Actor;
import dev.earmark.storage.user.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Labels made elsewhere, disputes, decisions and agreement through the command line, on a project
 * built here from generated WAVs (not the demo): ten clips u01…u10, lead {@code lea}, annotators
 * {@code ann-a} and {@code ann-b}, adjudicator {@code adj}, policy asr-transcript@1 + en-asr@1.
 *
 * <p>The annotators' {@code bad_audio} flags are Krippendorff's (2004, p.224) binary example, so
 * the project's alpha for that field has a published value: .095.
 */
class DecisionsCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC);
  private static final VersionedId ASR = VersionedId.parse("asr-transcript@1");

  /** Krippendorff (2004) p.224: coder A and coder B on ten units, 1 = bad audio. */
  private static final int[] FLAGS_A = {1, 1, 0, 0, 0, 0, 0, 0, 0, 0};

  private static final int[] FLAGS_B = {0, 1, 1, 0, 0, 1, 0, 1, 0, 0};

  @TempDir static Path shared;
  static Path base;
  static Path baseLabels;

  @TempDir Path dir;
  Path project;

  @BeforeAll
  static void buildProject() throws Exception {
    base = shared.resolve("base");
    Path data = Files.createDirectories(shared.resolve("data"));
    StringBuilder manifest = new StringBuilder();
    for (int i = 1; i <= 10; i++) {
      String id = String.format("u%02d", i);
      ImportCommandTest.wav(data.resolve(id + ".wav"), 0.2 + i * 0.01);
      manifest
          .append("{\"id\": \"")
          .append(id)
          .append("\", \"audio_filepath\": \"")
          .append(id)
          .append(".wav\", \"consent_scope\": \"full\", \"hypothesis\": \"good morning every")
          .append(" one\"}\n");
    }
    Path manifestFile = Files.writeString(data.resolve("manifest.jsonl"), manifest);
    Path contract =
        Files.writeString(
            data.resolve("contract.json"),
            """
            {"dataset_id": "d", "purpose": "p", "owner": "o", "source": "s",
             "consent_scopes": [{"id": "full", "allowed_uses": ["labeling"]}],
             "allowed_uses": ["labeling"], "retention_policy": "r", "language": "en",
             "domain": "x", "acoustic_conditions": "clean", "device_class": "mobile",
             "known_gaps": []}
            """);
    var imported =
        EarmarkCommandTest.runAs(
            OsAccount.fixed("lea"),
            "import",
            "--project",
            base.toString(),
            "--user",
            "lea",
            "--manifest",
            manifestFile.toString(),
            "--contract",
            contract.toString());
    assertThat(imported.code()).as(imported.err()).isZero();
    try (Project opened = Project.openEmbedded(base, false, CLOCK)) {
      Actor lea = opened.users().actor("lea");
      opened.users().add(lea, "ann-a", "Ann A", EnumSet.of(Role.ANNOTATOR));
      opened.users().add(lea, "ann-b", "Ann B", EnumSet.of(Role.ANNOTATOR));
      opened.users().add(lea, "adj", "Adjudicator", EnumSet.of(Role.ADJUDICATOR));
      Identities identities = new Identities(opened);
      for (String user : List.of("ann-a", "ann-b", "adj")) {
        identities.mapOsAccount(lea, user, user);
      }
      Policies policies = new Policies(opened);
      policies.publishRubric(lea, RubricCatalog.builtIn().get(ASR));
      policies.publishRuleSet(
          lea, RuleSets.EN_ASR_1, JSON.readTree(RuleSetJson.write(RuleSets.enAsr1())));
      policies.setPolicy(lea, ASR, RuleSets.EN_ASR_1);
    }
    baseLabels = Files.createDirectories(shared.resolve("labels"));
    List<String> a = new ArrayList<>();
    List<String> b = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      String id = String.format("u%02d", i);
      a.add(line(id, "good morning everyone", FLAGS_A[i - 1] == 1, 4000 + i));
      String other =
          switch (i) {
            case 3 -> "good evening everyone"; // one word of three: above the 0.20 threshold
            case 5 -> "Good morning, everyone."; // the same once en-asr@1 normalizes it
            default -> "good morning everyone";
          };
      b.add(line(id, other, FLAGS_B[i - 1] == 1, 6000 + i));
    }
    a.add("{\"clip_id\": \"u99\", \"value\": {\"transcript\": \"hello\"}}");
    a.add("{\"clip_id\": \"u04\", \"value\": {\"bad_audio\": true}}");
    Files.write(baseLabels.resolve("ann-a.jsonl"), a);
    Files.write(baseLabels.resolve("ann-b.jsonl"), b);
  }

  private static String line(String clip, String transcript, boolean badAudio, int millis) {
    return "{\"clip_id\": \""
        + clip
        + "\", \"value\": {\"transcript\": \""
        + transcript
        + "\", \"bad_audio\": "
        + badAudio
        + "}, \"time_spent_ms\": "
        + millis
        + "}";
  }

  @BeforeEach
  void copyProject() throws IOException {
    project = dir.resolve("project");
    try (Stream<Path> files = Files.walk(base)) {
      for (Path file : files.toList()) {
        Path target = project.resolve(base.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  private EarmarkCommandTest.Result as(String user, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--project", project.toString(), "--user", user));
    return EarmarkCommandTest.runAs(OsAccount.fixed(user), all.toArray(String[]::new));
  }

  private EarmarkCommandTest.Result importLabels(String annotator) {
    return as(
        "lea",
        "labels",
        "import",
        "--annotator",
        annotator,
        baseLabels.resolve(annotator + ".jsonl").toString(),
        "--json");
  }

  private long importBothAndFindTheDispute() throws IOException {
    assertThat(importLabels("ann-a").code()).isZero();
    var second = importLabels("ann-b");
    assertThat(second.code()).as(second.err()).isZero();
    JsonNode opened = JSON.readTree(second.out()).path("disputes_opened");
    assertThat(opened).hasSize(1);
    return opened.get(0).path("id").asLong();
  }

  @Test
  void labelsImportReportsEveryLineByNumberAndAssignsFirst() throws Exception {
    var result = importLabels("ann-a");

    assertThat(result.code()).as(result.err()).isZero();
    JsonNode report = JSON.readTree(result.out());
    assertThat(report.path("imported").asInt()).isEqualTo(10);
    assertThat(report.path("assigned").asInt()).isEqualTo(10);
    assertThat(report.path("refused").asInt()).isEqualTo(2);
    JsonNode lines = report.path("lines");
    assertThat(lines).hasSize(12);
    assertThat(lines.get(0).path("outcome").asText()).isEqualTo("imported");
    assertThat(lines.get(0).path("assigned").asBoolean()).isTrue();
    assertThat(lines.get(10).path("line").asInt()).isEqualTo(11);
    assertThat(lines.get(10).path("clip_id").asText()).isEqualTo("u99");
    assertThat(lines.get(10).path("reason").asText()).contains("no clip u99");
    assertThat(lines.get(11).path("line").asInt()).isEqualTo(12);
    assertThat(lines.get(11).path("outcome").asText()).isEqualTo("refused");
    assertThat(lines.get(11).path("reason").asText())
        .contains("breaks rubric asr-transcript@1")
        .contains("transcript");

    var human =
        as(
            "lea",
            "labels",
            "import",
            "--annotator",
            "ann-a",
            baseLabels.resolve("ann-a.jsonl").toString());
    assertThat(human.out())
        .contains("line 1  u01  unchanged")
        .contains("line 12  u04  refused: the value breaks rubric asr-transcript@1")
        .contains("ann-a: 0 imported, 10 unchanged, 2 refused");
  }

  @Test
  void reImportingChangesNothingAndRoutesNoNewDispute() throws Exception {
    importBothAndFindTheDispute();
    long eventsBefore = auditEvents();

    var again = importLabels("ann-b");

    assertThat(again.code()).isZero();
    JsonNode report = JSON.readTree(again.out());
    assertThat(report.path("imported").asInt()).isZero();
    assertThat(report.path("unchanged").asInt()).isEqualTo(10);
    assertThat(report.path("disputes_opened")).isEmpty();
    assertThat(auditEvents()).isEqualTo(eventsBefore);
  }

  @Test
  void disputesAreRoutedAfterImportUnderThePolicysRuleSet() throws Exception {
    long id = importBothAndFindTheDispute();

    var listed = as("adj", "disputes", "list", "--open", "--json");

    assertThat(listed.code()).as(listed.err()).isZero();
    JsonNode disputes = JSON.readTree(listed.out()).path("disputes");
    // u05 differs only in case and punctuation, which en-asr@1 removes: no dispute.
    assertThat(disputes).hasSize(1);
    assertThat(disputes.get(0).path("id").asLong()).isEqualTo(id);
    assertThat(disputes.get(0).path("clip_id").asText()).isEqualTo("u03");
    assertThat(disputes.get(0).path("rules").get(0).asText()).isEqualTo("transcript-wer");
    assertThat(disputes.get(0).path("evidence").get(0).asText())
        .isEqualTo("transcript WER 0.33 > 0.20 (ann-a vs ann-b)");
  }

  @Test
  void disputesShowPrintsTheWordAlignedComparisonAndTheRuleThatRoutedIt() throws Exception {
    long id = importBothAndFindTheDispute();

    var shown = as("adj", "disputes", "show", Long.toString(id));

    assertThat(shown.code()).as(shown.err()).isZero();
    assertThat(shown.out())
        .contains("dispute " + id + " · u03 · asr-transcript@1 · open")
        .contains("routed by: transcript WER 0.33 > 0.20 (ann-a vs ann-b)")
        .contains("(normalized with en-asr@1)");
    List<String> rows = shown.out().lines().filter(l -> l.contains("│")).toList();
    // en-asr@1 writes "one" as 1; the hypothesis's extra word sits in its own column.
    assertThat(rows)
        .containsExactly(
            "hypothesis  │ good morning  +every ~1",
            "ann-a *     │ good morning  ·      everyone",
            "ann-b       │ good ~evening ·      everyone");

    var json = as("adj", "disputes", "show", Long.toString(id), "--pivot", "ann-b", "--json");
    JsonNode doc = JSON.readTree(json.out());
    assertThat(doc.path("rule_set").asText()).isEqualTo("en-asr@1");
    assertThat(doc.path("evidence").get(0).path("rule").asText()).isEqualTo("transcript-wer");
    assertThat(doc.path("alignment").path("rows").get(2).path("pivot").asBoolean()).isTrue();
    assertThat(doc.path("labels")).hasSize(2);
  }

  @Test
  void adjudicatePicksALabelThroughTheSameStorageDecisionAsTheScreen() throws Exception {
    long id = importBothAndFindTheDispute();

    var decided =
        as(
            "adj",
            "adjudicate",
            Long.toString(id),
            "--pick",
            "ann-a",
            "--reason",
            "annotator-error",
            "--note",
            "evening is not said",
            "--json");

    assertThat(decided.code()).as(decided.err()).isZero();
    JsonNode doc = JSON.readTree(decided.out());
    assertThat(doc.path("final_value").path("fields").path("transcript").asText())
        .isEqualTo("good morning everyone");
    assertThat(doc.path("policy_proposal").isNull()).isTrue();
    try (Project opened = Project.openEmbedded(project, false, CLOCK)) {
      Adjudications adjudications = new Adjudications(opened, new Policies(opened));
      Actor adj = opened.users().actor("adj");
      List<Adjudication> decisions = adjudications.decisions(adj, id);
      assertThat(decisions)
          .singleElement()
          .satisfies(
              d -> {
                assertThat(d.adjudicator()).isEqualTo("adj");
                assertThat(d.note()).isEqualTo("evening is not said");
                // The flags of the picked label are not part of a transcript decision.
                assertThat(d.finalValue().field("bad_audio")).isEmpty();
              });
      assertThat(adjudications.disputes(adj, DisputeStatus.OPEN)).isEmpty();
      assertThat(opened.audit().eventsFor("adjudication", Long.toString(decisions.get(0).id())))
          .extracting(e -> e.action())
          .containsExactly("adjudication.decide");
      assertThat(opened.audit().verify()).isInstanceOf(AuditVerification.Intact.class);
    }
    var again = as("adj", "adjudicate", Long.toString(id), "--pick", "ann-b", "--reason", "other");
    assertThat(again.code()).isEqualTo(2);
    assertThat(again.err()).contains("already resolved");
  }

  @Test
  void aNormalizationGapDecisionNeedsANoteAndFilesAProposalForTheLead() throws Exception {
    long id = importBothAndFindTheDispute();

    var noNote =
        as(
            "lea",
            "adjudicate",
            Long.toString(id),
            "--text",
            "good morning everyone",
            "--reason",
            "normalization-gap");
    assertThat(noNote.code()).isEqualTo(2);
    assertThat(noNote.err().strip())
        .isEqualTo(
            "earmark adjudicate: a normalization-gap decision needs a note saying what the"
                + " policy misses; the lead acts on it");

    var decided =
        as(
            "lea",
            "adjudicate",
            Long.toString(id),
            "--text",
            "good morning everyone",
            "--reason",
            "normalization-gap",
            "--note",
            "greetings",
            "--json");
    assertThat(decided.code()).as(decided.err()).isZero();
    assertThat(JSON.readTree(decided.out()).path("policy_proposal").asLong()).isPositive();
  }

  @Test
  void adjudicateWithAValueFileValidatesItUnderTheDisputesRubric() throws Exception {
    long id = importBothAndFindTheDispute();
    Path bad = Files.writeString(dir.resolve("bad.json"), "{\"bad_audio\": true}");
    Path good = Files.writeString(dir.resolve("good.json"), "{\"transcript\": \"good morning\"}");

    var refused =
        as("adj", "adjudicate", Long.toString(id), "--value", bad.toString(), "--reason", "other");
    assertThat(refused.code()).isEqualTo(2);
    assertThat(refused.err()).contains("breaks rubric asr-transcript@1").contains("transcript");

    var decided =
        as("adj", "adjudicate", Long.toString(id), "--value", good.toString(), "--reason", "other");
    assertThat(decided.code()).as(decided.err()).isZero();
    assertThat(decided.out()).startsWith("decided dispute " + id + " (u03): other");
  }

  @Test
  void everyRefusalExitsTwoWithOneLineSayingWhy() throws Exception {
    long id = importBothAndFindTheDispute();
    String file = baseLabels.resolve("ann-a.jsonl").toString();

    var annotatorImports = as("ann-a", "labels", "import", "--annotator", "ann-a", file);
    var annotatorDecides =
        as("ann-a", "adjudicate", Long.toString(id), "--pick", "ann-a", "--reason", "other");
    var annotatorLists = as("ann-a", "disputes", "list");
    var badReason =
        as("adj", "adjudicate", Long.toString(id), "--pick", "ann-a", "--reason", "typo");
    var unknownDispute = as("adj", "disputes", "show", "999");
    var unknownToDecide = as("adj", "adjudicate", "999", "--pick", "ann-a", "--reason", "other");
    var twoSources =
        as(
            "adj",
            "adjudicate",
            Long.toString(id),
            "--pick",
            "ann-a",
            "--text",
            "x",
            "--reason",
            "other");
    var notAnAnnotator = as("lea", "labels", "import", "--annotator", "adj", file);

    for (var refused :
        List.of(
            annotatorImports,
            annotatorDecides,
            annotatorLists,
            badReason,
            unknownDispute,
            unknownToDecide,
            twoSources,
            notAnAnnotator)) {
      assertThat(refused.code()).as(refused.err()).isEqualTo(2);
      assertThat(refused.err().strip().lines()).hasSize(1);
    }
    assertThat(annotatorImports.err()).contains("ann-a").contains("lead");
    assertThat(annotatorDecides.err()).contains("adjudicat");
    assertThat(badReason.err())
        .contains("'typo' is not a reason code")
        .contains("annotator-error, ambiguous-audio, rubric-gap, normalization-gap, bad-audio,");
    assertThat(unknownDispute.err()).contains("there is no dispute 999");
    assertThat(unknownToDecide.err()).contains("there is no dispute 999");
    assertThat(twoSources.err()).contains("mutually exclusive");
    assertThat(notAnAnnotator.err()).contains("adj is not an annotator");
  }

  @Test
  void aLabelFileWhereEveryLineFailsExitsOne() throws Exception {
    Path bad =
        Files.writeString(
            dir.resolve("bad.jsonl"),
            "{\"clip_id\": \"u01\", \"value\": {}}\n{\"clip_id\": \"nope\", \"value\": {}}\n");

    var result = as("lea", "labels", "import", "--annotator", "ann-a", bad.toString(), "--json");

    assertThat(result.code()).isEqualTo(1);
    assertThat(JSON.readTree(result.out()).path("refused").asInt()).isEqualTo(2);
  }

  @Test
  void projectAgreementPrintsTheDashboardsFiguresFromTheSameEngine() throws Exception {
    importBothAndFindTheDispute();

    var result = as("adj", "agreement", "--task", "asr-transcript", "--bootstrap", "200", "--json");

    assertThat(result.code()).as(result.err()).isZero();
    JsonNode doc = JSON.readTree(result.out());
    assertThat(doc.path("rubric").asText()).isEqualTo("asr-transcript@1");
    assertThat(doc.path("rule_set").asText()).isEqualTo("en-asr@1");

    // Transcripts: pairwise normalized WER, computed by the engine directly on the same labels.
    JsonNode transcript = field(doc, "transcript");
    List<TranscriptAgreement.Transcript> transcripts = new ArrayList<>();
    List<String> linesA = Files.readAllLines(baseLabels.resolve("ann-a.jsonl"));
    List<String> linesB = Files.readAllLines(baseLabels.resolve("ann-b.jsonl"));
    for (int i = 0; i < 10; i++) {
      String item = String.format("u%02d", i + 1);
      transcripts.add(new TranscriptAgreement.Transcript(item, "ann-a", text(linesA.get(i))));
      transcripts.add(new TranscriptAgreement.Transcript(item, "ann-b", text(linesB.get(i))));
    }
    TranscriptAgreement engine =
        TranscriptAgreement.of(
            transcripts, new NormalizedComparator(Normalizer.compile(RuleSets.enAsr1())));
    assertThat(measure(transcript, "pairwise WER (normalized)").path("value").asDouble())
        .isCloseTo(engine.overall().wer(), within(1e-12))
        .isCloseTo(2.0 / 60, within(1e-12));
    assertThat(transcript.path("pairs").get(0).path("value").asDouble())
        .isCloseTo(engine.overall().wer(), within(1e-12));

    // bad_audio: Krippendorff (2004) p.224, published alpha .095 (0.095238).
    JsonNode flags = field(doc, "bad_audio");
    List<Rating> ratings = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      String item = String.format("u%02d", i + 1);
      ratings.add(new Rating(item, "ann-a", FLAGS_A[i] == 1 ? "set" : "not set"));
      ratings.add(new Rating(item, "ann-b", FLAGS_B[i] == 1 ? "set" : "not set"));
    }
    double engineAlpha =
        new AgreementStatistic.KrippendorffAlpha(MeasurementLevel.NOMINAL)
            .compute(RatingTable.of(ratings, LabelScale.ordered(List.of("not set", "set"))))
            .value()
            .getAsDouble();
    JsonNode alpha = measure(flags, "Krippendorff's alpha (nominal)");
    assertThat(alpha.path("value").asDouble())
        .isCloseTo(engineAlpha, within(1e-12))
        .isCloseTo(0.095238, within(5e-7));
    assertThat(alpha.path("ci95")).hasSize(2);
    assertThat(measure(flags, "percent agreement").path("value").asDouble())
        .isCloseTo(0.6, within(1e-12));
    JsonNode annotators = flags.path("annotator_rows");
    assertThat(annotators)
        .extracting(a -> a.path("annotator").asText())
        .containsExactly("ann-a", "ann-b");
    assertThat(annotators.get(0).path("median_seconds_per_item").asDouble())
        .isCloseTo(4.0055, within(1e-9));

    var only = as("adj", "agreement", "--task", "asr-transcript", "--field", "bad_audio");
    assertThat(only.code()).as(only.err()).isZero();
    assertThat(only.out())
        .contains("bad_audio (flag): 10 items, 2 annotators")
        .contains("Krippendorff's alpha (nominal)")
        .contains("0.095")
        .doesNotContain("transcript (transcript)");
    var unknownField = as("adj", "agreement", "--task", "asr-transcript", "--field", "nope");
    assertThat(unknownField.code()).isEqualTo(2);
    assertThat(unknownField.err()).contains("compared fields: transcript");
    var annotator = as("ann-a", "agreement", "--task", "asr-transcript");
    assertThat(annotator.code()).isEqualTo(2);
  }

  private static JsonNode field(JsonNode doc, String name) {
    for (JsonNode field : doc.path("fields")) {
      if (field.path("field").asText().equals(name)) {
        return field;
      }
    }
    throw new AssertionError("no field " + name + " in " + doc);
  }

  private static JsonNode measure(JsonNode field, String metric) {
    for (JsonNode measure : field.path("measures")) {
      if (measure.path("metric").asText().equals(metric)) {
        return measure;
      }
    }
    throw new AssertionError("no measure " + metric + " in " + field);
  }

  private static String text(String line) {
    try {
      return JSON.readTree(line).path("value").path("transcript").asText();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private long auditEvents() {
    try (Project opened = Project.openEmbedded(project, false, CLOCK)) {
      return ((AuditVerification.Intact) opened.audit().verify()).events();
    }
  }
}
