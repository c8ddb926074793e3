package dev.earmark.storage.adjudicate;

import dev.earmark.engine.normalize.Normalizer;
import dev.earmark.engine.rubric.FieldValue;
import dev.earmark.engine.rubric.LabelValue;
import dev.earmark.engine.rubric.Rubric;
import dev.earmark.engine.rubric.TaskType;
import dev.earmark.storage.StorageException;
import dev.earmark.storage.adjudicate.AlignmentGrid.Source;
import dev.earmark.storage.adjudicate.AlignmentGrid.Transcript;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything an adjudicator compares for one dispute: the dispute, the rubric version its labels
 * were made under, each annotator's submitted label, the clip's ASR hypothesis, the rule set of the
 * label policy in force with its normalizer, and the routing evidence in sentences. It also builds
 * the two final labels a decision usually starts from (a picked annotator's label, or a written
 * transcript) the way the adjudication screen does. Immutable.
 *
 * @param ruleSet the rule set's id (e.g. {@code en-asr@1}), or "none"
 * @param evidence one sentence per routing rule that fired ({@link RoutingEvidence})
 */
public record DisputeComparison(
    DisputeRecord dispute,
    Rubric rubric,
    String ruleSet,
    Normalizer normalizer,
    Optional<String> hypothesis,
    List<AnnotatorLabel> labels,
    List<String> evidence) {
  /** The transcript field of ASR rubrics. */
  public static final String TRANSCRIPT = "transcript";

  /** The flag an annotator sets when unsure; an adjudicated label drops it. */
  public static final String UNSURE = "unsure";

  public DisputeComparison {
    labels = List.copyOf(labels);
    evidence = List.copyOf(evidence);
  }

  /** One annotator's submitted label of the disputed item. */
  public record AnnotatorLabel(String annotatorId, LabelValue value) {}

  /** Whether this is an ASR transcript dispute (word-aligned comparison). */
  public boolean isTranscript() {
    return rubric.taskType() == TaskType.ASR_TRANSCRIPT;
  }

  /** The label of {@code annotatorId}, if they labeled the item. */
  public Optional<AnnotatorLabel> label(String annotatorId) {
    return labels.stream().filter(l -> l.annotatorId().equals(annotatorId)).findFirst();
  }

  /** The hypothesis (when the clip has one) and then each annotator's transcript. */
  public List<Transcript> transcripts() {
    List<Transcript> transcripts = new ArrayList<>();
    hypothesis.ifPresent(
        text -> transcripts.add(new Transcript("hypothesis", Source.HYPOTHESIS, text)));
    for (AnnotatorLabel label : labels) {
      transcripts.add(
          new Transcript(label.annotatorId(), Source.ANNOTATOR, transcript(label.value())));
    }
    return transcripts;
  }

  /**
   * The word-aligned comparison with {@code pivotAnnotator}'s row as pivot (the first annotator's
   * when empty or unknown), tokens normalized under the policy's rule set.
   */
  public AlignmentGrid grid(Optional<String> pivotAnnotator) {
    List<Transcript> transcripts = transcripts();
    String pivotId = pivotAnnotator.orElse(labels.isEmpty() ? "" : labels.get(0).annotatorId());
    int pivot = 0;
    for (int i = 0; i < transcripts.size(); i++) {
      if (transcripts.get(i).source() == Source.ANNOTATOR
          && transcripts.get(i).id().equals(pivotId)) {
        pivot = i;
      }
    }
    return AlignmentGrid.build(transcripts, pivot, normalizer, ruleSet);
  }

  /**
   * The final label when the adjudicator picks {@code annotatorId}'s label: for transcripts its
   * fields without flags, otherwise its fields without the unsure flag.
   *
   * @throws StorageException when that annotator has no label here
   */
  public LabelValue picked(String annotatorId) {
    AnnotatorLabel base =
        label(annotatorId)
            .orElseThrow(
                () ->
                    new StorageException(
                        annotatorId
                            + " has no submitted label in dispute "
                            + dispute.id()
                            + "; annotators here: "
                            + String.join(
                                ", ", labels.stream().map(AnnotatorLabel::annotatorId).toList())));
    Map<String, FieldValue> fields = new LinkedHashMap<>();
    base.value()
        .fields()
        .forEach(
            (name, value) -> {
              if (isTranscript() ? !(value instanceof FieldValue.Flag) : !name.equals(UNSURE)) {
                fields.put(name, value);
              }
            });
    return new LabelValue(rubric.id(), fields);
  }

  /**
   * The final label when the adjudicator writes the transcript {@code text} (ASR disputes only),
   * keeping the other non-flag fields of {@code baseAnnotator}'s label when one is named.
   */
  public LabelValue written(String text, Optional<String> baseAnnotator) {
    if (!isTranscript()) {
      throw new StorageException(
          "dispute "
              + dispute.id()
              + " is about "
              + rubric.id()
              + ", which has no transcript to write; pick a label or give the whole value");
    }
    Map<String, FieldValue> fields = new LinkedHashMap<>();
    baseAnnotator.ifPresent(annotator -> fields.putAll(picked(annotator).fields()));
    fields.put(TRANSCRIPT, new FieldValue.Text(text.strip()));
    return new LabelValue(rubric.id(), fields);
  }

  private static String transcript(LabelValue value) {
    return value
        .field(TRANSCRIPT)
        .filter(FieldValue.Text.class::isInstance)
        .map(field -> ((FieldValue.Text) field).text())
        .orElse("");
  }
}
