package dev.earmark.storage.agreement;

import dev.earmark.engine.agreement.TranscriptAgreement;
import java.util.List;
import java.util.Optional;

/**
 * Every figure of one rubric field: what its card, heat map, confusion matrices and annotator table
 * show. Immutable.
 *
 * @param field the rubric field's name
 * @param kind how it is compared
 * @param headline the card's big figure: alpha with its interval, or pairwise WER for transcripts
 * @param measures every statistic of the field, headline first (undefined ones with their reason)
 * @param transcripts the engine's pairwise WER figures, for transcript fields
 * @param items every item with a label for this field, with the labels
 * @param annotators annotators who labeled this field
 * @param trend the headline figure per batch, oldest first
 * @param heatMap pairwise agreement
 * @param confusions one matrix per annotator pair (rated fields; empty for transcripts)
 * @param annotatorRows the annotator table for this field
 */
public record FieldFigures(
    String field,
    FieldKind kind,
    Measure headline,
    List<Measure> measures,
    Optional<TranscriptAgreement> transcripts,
    List<ItemLine> items,
    List<String> annotators,
    List<TrendPoint> trend,
    HeatMap heatMap,
    List<ConfusionMatrix> confusions,
    List<AnnotatorRow> annotatorRows) {
  public FieldFigures {
    measures = List.copyOf(measures);
    items = List.copyOf(items);
    annotators = List.copyOf(annotators);
    trend = List.copyOf(trend);
    confusions = List.copyOf(confusions);
    annotatorRows = List.copyOf(annotatorRows);
  }

  /** The measure named {@code name}, if the field has it. */
  public Optional<Measure> measure(String name) {
    return measures.stream().filter(m -> m.name().equals(name)).findFirst();
  }
}
