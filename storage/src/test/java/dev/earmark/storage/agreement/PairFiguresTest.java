package dev.earmark.storage.agreement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earmark.engine.agreement.AgreementResult;
import dev.earmark.engine.agreement.AgreementStatistic;
import dev.earmark.engine.agreement.KappaWeights;
import dev.earmark.engine.agreement.LabelScale;
import dev.earmark.engine.agreement.Rating;
import dev.earmark.engine.agreement.RatingTable;
import dev.earmark.engine.agreement.TranscriptAgreement;
import dev.earmark.engine.normalize.Normalizer;
import dev.earmark.engine.rubric.FieldSpec;
import dev.earmark.engine.rubric.FieldValue;
import dev.earmark.engine.rubric.LabelValue;
import dev.earmark.engine.rubric.Rubric;
import dev.earmark.engine.rubric.RubricCatalog;
import dev.earmark.engine.rubric.TaskType;
import dev.earmark.engine.version.VersionedId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Issue 22: each annotator pair's heat-map items, Cohen's kappa and confusion matrix are gathered
 * in one pass over the items instead of one pass over every label per pair. They must be what the
 * definitions give: here every pair's figures are recomputed the slow way (filter all ratings and
 * items for the pair) on labels of five annotators with uneven overlap and a sixth who shares no
 * item with anyone, and compared.
 */
class PairFiguresTest {
  private static final VersionedId ASR = VersionedId.parse("asr-transcript@1");
  private static final String[] ANNOTATORS = {"ann-e", "ann-a", "ann-c", "ann-b", "ann-d"};
  private static final String[] SAID = {
    "call home now", "call home", "turn the lights off", "turn lights off", "play some jazz"
  };

  private static List<SubmittedLabel> labels() {
    Random random = new Random(22);
    List<SubmittedLabel> labels = new ArrayList<>();
    for (int clip = 0; clip < 80; clip++) {
      List<String> who = new ArrayList<>(List.of(ANNOTATORS));
      Collections.shuffle(who, random);
      int take = 1 + random.nextInt(3);
      String base = SAID[random.nextInt(SAID.length)];
      for (String annotator : who.subList(0, take)) {
        String text = random.nextInt(4) == 0 ? SAID[random.nextInt(SAID.length)] : base;
        Map<String, FieldValue> fields = new LinkedHashMap<>();
        fields.put("transcript", new FieldValue.Text(text));
        fields.put("unsure", new FieldValue.Flag(random.nextInt(3) == 0));
        labels.add(
            new SubmittedLabel(
                clip,
                String.format("clip-%03d", clip),
                annotator,
                new LabelValue(ASR, fields),
                Duration.ofSeconds(5 + random.nextInt(20)),
                Instant.parse("2026-11-16T09:00:00Z").plusSeconds(clip * 60L),
                1));
      }
    }
    // an annotator who shares no item with anyone: every pair of theirs has nothing to compare
    for (int clip = 80; clip < 82; clip++) {
      labels.add(
          new SubmittedLabel(
              clip,
              String.format("clip-%03d", clip),
              "ann-f",
              new LabelValue(
                  ASR,
                  Map.of(
                      "transcript", new FieldValue.Text("call home"),
                      "unsure", new FieldValue.Flag(clip == 80))),
              Duration.ofSeconds(7),
              Instant.parse("2026-11-16T09:00:00Z").plusSeconds(clip * 60L),
              1));
    }
    return labels;
  }

  private static TaskFigures figures(List<SubmittedLabel> labels) {
    Rubric rubric = RubricCatalog.builtIn().get(ASR);
    AgreementData data =
        new AgreementData(
            TaskType.ASR_TRANSCRIPT,
            rubric,
            Optional.empty(),
            Normalizer.identity(),
            labels,
            Map.of(),
            List.of(new ImportBatch(1, "one.jsonl", Instant.parse("2026-11-10T08:00:00Z"))));
    return AgreementFigures.compute(
        TaskType.ASR_TRANSCRIPT,
        Optional.of(data),
        new AgreementFigures.Settings(20, 1),
        AgreementFigures.Progress.NONE);
  }

  @Test
  void eachPairOfARatedFieldHasTheItemsKappaAndConfusionOfItsOwnRatings() {
    List<SubmittedLabel> labels = labels();
    FieldFigures unsure = figures(labels).field("unsure").orElseThrow();
    FieldSpec spec =
        RubricCatalog.builtIn().get(ASR).fields().stream()
            .filter(f -> f.name().equals("unsure"))
            .findFirst()
            .orElseThrow();
    List<Rating> ratings = AgreementFigures.ratings(spec, FieldKind.FLAG, labels);
    LabelScale scale =
        LabelScale.ordered(List.of(AgreementFigures.FLAG_NOT_SET, AgreementFigures.FLAG_SET));

    assertThat(unsure.heatMap().cells()).hasSize(15);
    for (HeatMap.Cell cell : unsure.heatMap().cells()) {
      List<Rating> pair =
          ratings.stream()
              .filter(
                  r ->
                      r.annotatorId().equals(cell.first()) || r.annotatorId().equals(cell.second()))
              .toList();
      Map<String, Map<String, String>> byItem = new LinkedHashMap<>();
      ratings.forEach(
          r ->
              byItem
                  .computeIfAbsent(r.itemId(), k -> new LinkedHashMap<>())
                  .put(r.annotatorId(), r.label()));
      List<String> both =
          byItem.entrySet().stream()
              .filter(
                  e ->
                      e.getValue().containsKey(cell.first())
                          && e.getValue().containsKey(cell.second()))
              .map(Map.Entry::getKey)
              .toList();
      assertThat(cell.items()).extracting(ItemLine::clipKey).isEqualTo(both);
      AgreementResult cohen =
          new AgreementStatistic.CohenKappa(KappaWeights.NONE).compute(RatingTable.of(pair, scale));
      assertThat(cell.details())
          .contains(
              AgreementFigures.COHEN
                  + " "
                  + (cohen.isDefined()
                      ? Measure.format(cohen.value().getAsDouble())
                      : "— (" + cohen.undefinedReason().orElseThrow().explanation() + ")"));

      ConfusionMatrix matrix =
          unsure.confusions().stream()
              .filter(m -> m.first().equals(cell.first()) && m.second().equals(cell.second()))
              .findFirst()
              .orElseThrow();
      List<String> categories = matrix.categories();
      for (int row = 0; row < categories.size(); row++) {
        for (int column = 0; column < categories.size(); column++) {
          String a = categories.get(row);
          String b = categories.get(column);
          List<String> expected =
              both.stream()
                  .filter(
                      item ->
                          a.equals(byItem.get(item).get(cell.first()))
                              && b.equals(byItem.get(item).get(cell.second())))
                  .toList();
          assertThat(matrix.cells().get(row).get(column)).isEqualTo(expected);
        }
      }
    }
  }

  @Test
  void eachPairOfTranscriptsHasTheItemsBothTranscribedWithTheirWer() {
    FieldFigures transcript = figures(labels()).field("transcript").orElseThrow();
    TranscriptAgreement agreement = transcript.transcripts().orElseThrow();

    assertThat(transcript.heatMap().cells()).hasSize(15);
    int paired = 0;
    for (HeatMap.Cell cell : transcript.heatMap().cells()) {
      List<ItemLine> expected = new ArrayList<>();
      for (TranscriptAgreement.ItemWer item : agreement.items()) {
        item.pairs().stream()
            .filter(
                p ->
                    (p.first().equals(cell.first()) && p.second().equals(cell.second()))
                        || (p.first().equals(cell.second()) && p.second().equals(cell.first())))
            .findFirst()
            .ifPresent(p -> expected.add(new ItemLine(item.itemId(), "", p.wer().wer())));
      }
      assertThat(cell.items())
          .extracting(ItemLine::clipKey, ItemLine::badness)
          .isEqualTo(
              expected.stream()
                  .map(l -> org.assertj.core.groups.Tuple.tuple(l.clipKey(), l.badness()))
                  .toList());
      paired += expected.size();
    }
    assertThat(paired).isGreaterThan(20);
  }
}
