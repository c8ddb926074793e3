package dev.earmark.engine.dispute;

import dev.earmark.engine.EngineException;
import dev.earmark.engine.agreement.LabelScale;
import dev.earmark.engine.agreement.Rating;
import dev.earmark.engine.agreement.RatingTable;
import dev.earmark.engine.agreement.TranscriptAgreement;
import dev.earmark.engine.agreement.TranscriptAgreement.PairWer;
import dev.earmark.engine.agreement.TranscriptAgreement.SymmetricWer;
import dev.earmark.engine.agreement.TranscriptComparator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Decides which items go to adjudication under a project's {@link RoutingSettings}. Transcripts are
 * compared through a {@link TranscriptComparator} that applies the label policy's normalization
 * rule set. Immutable and thread-safe when the comparator is.
 */
public final class DisputeRouter {
  private final RoutingSettings settings;
  private final TranscriptComparator comparator;

  public DisputeRouter(RoutingSettings settings, TranscriptComparator comparator) {
    this.settings = settings;
    this.comparator = comparator;
  }

  /** The disputes among the items, in input order; items no rule fires for are left out. */
  public List<Dispute> route(List<ItemLabels> items) {
    List<Dispute> disputes = new ArrayList<>();
    for (ItemLabels item : items) {
      route(item).ifPresent(disputes::add);
    }
    return disputes;
  }

  /**
   * The item's dispute, when any rule fires.
   *
   * @throws EngineException when an ordinal label is not on the item's scale
   */
  public Optional<Dispute> route(ItemLabels item) {
    List<DisputeReason> reasons = new ArrayList<>();
    Map<String, String> labels = new LinkedHashMap<>();
    item.labels().forEach(label -> labels.put(label.annotatorId(), label.value()));
    LabelField field = item.field();
    if (field instanceof LabelField.Categorical) {
      if (settings.categoricalMismatch() && labels.values().stream().distinct().count() > 1) {
        reasons.add(new DisputeReason.CategoricalMismatch(labels));
      }
    } else if (field instanceof LabelField.Ordinal ordinal) {
      ordinalSpread(item, ordinal.scale(), labels).ifPresent(reasons::add);
    } else {
      transcriptDisagreement(item).ifPresent(reasons::add);
    }
    goldFailure(item).ifPresent(reasons::add);
    if (settings.unsureFlag()) {
      List<String> unsure =
          item.labels().stream()
              .filter(ItemLabels.AnnotatorLabel::unsure)
              .map(ItemLabels.AnnotatorLabel::annotatorId)
              .toList();
      if (!unsure.isEmpty()) {
        reasons.add(new DisputeReason.UnsureFlag(unsure));
      }
    }
    return reasons.isEmpty() ? Optional.empty() : Optional.of(new Dispute(item.itemId(), reasons));
  }

  private Optional<DisputeReason> ordinalSpread(
      ItemLabels item, LabelScale scale, Map<String, String> labels) {
    if (settings.ordinalSpreadAtLeast().isEmpty() || labels.size() < 2) {
      return Optional.empty();
    }
    RatingTable table = table(item, scale);
    String lowest = null;
    String highest = null;
    double low = Double.POSITIVE_INFINITY;
    double high = Double.NEGATIVE_INFINITY;
    for (String label : labels.values()) {
      double value = table.categoryValue(table.categoryOf(label));
      if (value < low) {
        low = value;
        lowest = label;
      }
      if (value > high) {
        high = value;
        highest = label;
      }
    }
    int threshold = settings.ordinalSpreadAtLeast().getAsInt();
    double spread = high - low;
    return spread >= threshold
        ? Optional.of(new DisputeReason.OrdinalSpread(spread, threshold, lowest, highest, labels))
        : Optional.empty();
  }

  private static RatingTable table(ItemLabels item, LabelScale scale) {
    if (scale instanceof LabelScale.Unordered) {
      throw new EngineException(
          "item '"
              + item.itemId()
              + "' is an ordinal field without an order: give the rubric scale or numeric labels");
    }
    List<Rating> ratings = new ArrayList<>();
    item.labels()
        .forEach(
            label -> ratings.add(new Rating(item.itemId(), label.annotatorId(), label.value())));
    item.goldAnswer().ifPresent(gold -> ratings.add(new Rating(item.itemId(), "\u0000gold", gold)));
    return RatingTable.of(ratings, scale);
  }

  private Optional<DisputeReason> transcriptDisagreement(ItemLabels item) {
    if (settings.transcriptWerAbove().isEmpty() || item.labels().size() < 2) {
      return Optional.empty();
    }
    double threshold = settings.transcriptWerAbove().getAsDouble();
    List<PairWer> above = new ArrayList<>();
    List<ItemLabels.AnnotatorLabel> labels = item.labels();
    for (int i = 0; i < labels.size(); i++) {
      for (int j = i + 1; j < labels.size(); j++) {
        SymmetricWer wer =
            TranscriptAgreement.symmetric(comparator, labels.get(i).value(), labels.get(j).value());
        if (wer.wer() > threshold) {
          above.add(new PairWer(labels.get(i).annotatorId(), labels.get(j).annotatorId(), wer));
        }
      }
    }
    return above.isEmpty()
        ? Optional.empty()
        : Optional.of(new DisputeReason.TranscriptDisagreement(above, threshold));
  }

  private Optional<DisputeReason> goldFailure(ItemLabels item) {
    if (!settings.goldFailure() || item.goldAnswer().isEmpty()) {
      return Optional.empty();
    }
    String gold = item.goldAnswer().get();
    List<DisputeReason.MissedGold> misses = new ArrayList<>();
    LabelField field = item.field();
    RatingTable ordinal = field instanceof LabelField.Ordinal o ? table(item, o.scale()) : null;
    for (ItemLabels.AnnotatorLabel label : item.labels()) {
      if (field instanceof LabelField.Transcript) {
        TranscriptComparator.WordErrors errors = comparator.compare(gold, label.value());
        double wer =
            errors.referenceWords() == 0
                ? (errors.errors() == 0 ? 0 : 1)
                : (double) errors.errors() / errors.referenceWords();
        if (wer > settings.transcriptWerAbove().orElse(0)) {
          misses.add(
              new DisputeReason.MissedGold(
                  label.annotatorId(), label.value(), OptionalDouble.of(wer)));
        }
      } else {
        boolean same =
            ordinal != null
                ? ordinal.categoryOf(label.value()) == ordinal.categoryOf(gold)
                : label.value().equals(gold);
        if (!same) {
          misses.add(
              new DisputeReason.MissedGold(
                  label.annotatorId(), label.value(), OptionalDouble.empty()));
        }
      }
    }
    return misses.isEmpty()
        ? Optional.empty()
        : Optional.of(new DisputeReason.GoldFailure(gold, misses));
  }
}
