package dev.earmark.storage.pack;

import java.util.List;

/**
 * The report of merging one label pack into the lead's project: every label of the pack, imported
 * or skipped with its reason. Immutable.
 *
 * @param packId the label pack, now recorded as imported
 * @param answersPack the assignment pack it answers
 * @param annotator whose labels they are
 * @param merges one outcome per label in the pack, in the pack's order
 */
public record LabelPackImport(
    String packId, String answersPack, String annotator, List<LabelMerge> merges) {
  public LabelPackImport {
    merges = List.copyOf(merges);
  }

  /** The labels stored. */
  public List<LabelMerge.Imported> imported() {
    return merges.stream()
        .filter(LabelMerge.Imported.class::isInstance)
        .map(LabelMerge.Imported.class::cast)
        .toList();
  }

  /** The labels not stored, with reasons. */
  public List<LabelMerge.Skipped> skipped() {
    return merges.stream()
        .filter(LabelMerge.Skipped.class::isInstance)
        .map(LabelMerge.Skipped.class::cast)
        .toList();
  }
}
