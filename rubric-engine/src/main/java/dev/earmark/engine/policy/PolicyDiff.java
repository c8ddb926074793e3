package dev.earmark.engine.policy;

import dev.earmark.engine.agreement.NormalizedComparator;
import dev.earmark.engine.dispute.DisputeRouter;
import dev.earmark.engine.dispute.ItemLabels;
import dev.earmark.engine.dispute.LabelField;
import dev.earmark.engine.dispute.RoutingSettings;
import dev.earmark.engine.normalize.NormalizedText;
import dev.earmark.engine.normalize.Normalizer;
import dev.earmark.engine.normalize.Rule;
import dev.earmark.engine.normalize.RuleSet;
import dev.earmark.engine.normalize.TraceStep;
import dev.earmark.engine.score.ErrorCounts;
import dev.earmark.engine.score.ProtectedPhrases;
import dev.earmark.engine.score.Scorer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The label-policy diff between two normalization rule sets: for every label, its normalized text
 * and its WER against the hypothesis under each rule set; for every item with two or more
 * annotators, whether it is routed to adjudication under each. A change is attributed to the rules
 * that fired on the text under one rule set and do not exist (with the same content) in the other;
 * when none do, the rules were reordered.
 *
 * <p>Not thread-safe (it owns scorers); one diff per thread.
 */
public final class PolicyDiff {
  private final Side from;
  private final Side to;
  private final int examplesPerSliceAndKind;

  /**
   * @param routing the project's routing settings; only the transcript WER rule applies here
   * @param examplesPerSliceAndKind how many example changes to keep per slice and kind
   */
  public PolicyDiff(
      RuleSet from, RuleSet to, RoutingSettings routing, int examplesPerSliceAndKind) {
    this.from = new Side(from, to, routing);
    this.to = new Side(to, from, routing);
    this.examplesPerSliceAndKind = examplesPerSliceAndKind;
  }

  /** Compares every label under both rule sets. */
  public PolicyDiffReport compare(List<PolicyLabel> labels) {
    Map<String, List<PolicyLabel>> byItem = new LinkedHashMap<>();
    for (PolicyLabel label : labels) {
      byItem.computeIfAbsent(label.id(), id -> new ArrayList<>()).add(label);
    }
    Tally total = new Tally();
    Map<String, Tally> bySlice = new TreeMap<>();
    List<PolicyDiffReport.Change> examples = new ArrayList<>();
    Map<String, Integer> examplesKept = new LinkedHashMap<>();
    for (List<PolicyLabel> item : byItem.values()) {
      String slice = item.get(0).slice();
      Tally sliceTally = bySlice.computeIfAbsent(slice, s -> new Tally());
      List<PolicyDiffReport.Change> changes = compareItem(item, total, sliceTally);
      for (PolicyDiffReport.Change change : changes) {
        String key = slice + "\u0000" + change.kind();
        int kept = examplesKept.getOrDefault(key, 0);
        if (kept < examplesPerSliceAndKind) {
          examples.add(change);
          examplesKept.put(key, kept + 1);
        }
      }
    }
    Map<String, PolicyDiffReport.Counts> sliceCounts = new LinkedHashMap<>();
    bySlice.forEach((slice, tally) -> sliceCounts.put(slice, tally.counts()));
    return new PolicyDiffReport(
        from.ruleSet.id().toString(),
        to.ruleSet.id().toString(),
        total.counts(),
        sliceCounts,
        examples);
  }

  private List<PolicyDiffReport.Change> compareItem(
      List<PolicyLabel> item, Tally total, Tally slice) {
    List<PolicyDiffReport.Change> changes = new ArrayList<>();
    boolean textChanged = false;
    boolean werChanged = false;
    for (PolicyLabel label : item) {
      NormalizedText refFrom = from.normalizer.normalize(label.reference());
      NormalizedText refTo = to.normalizer.normalize(label.reference());
      String textFrom = String.join(" ", refFrom.words());
      String textTo = String.join(" ", refTo.words());
      if (!textFrom.equals(textTo)) {
        textChanged = true;
        changes.add(
            change(
                label,
                PolicyDiffReport.Kind.NORMALIZED_TEXT,
                textFrom,
                textTo,
                causes(List.of(refFrom), List.of(refTo))));
      }
      if (label.hypothesis() == null) {
        total.labels++;
        slice.labels++;
        continue;
      }
      NormalizedText hypFrom = from.normalizer.normalize(label.hypothesis());
      NormalizedText hypTo = to.normalizer.normalize(label.hypothesis());
      ErrorCounts countsFrom =
          from.scorer
              .scoreTokens(label.id(), label.slice(), refFrom.words(), hypFrom.words())
              .words();
      ErrorCounts countsTo =
          to.scorer.scoreTokens(label.id(), label.slice(), refTo.words(), hypTo.words()).words();
      total.add(countsFrom, countsTo);
      slice.add(countsFrom, countsTo);
      if (!countsFrom.errorRate().equals(countsTo.errorRate())) {
        werChanged = true;
        changes.add(
            change(
                label,
                PolicyDiffReport.Kind.WER,
                rate(countsFrom),
                rate(countsTo),
                causes(List.of(refFrom, hypFrom), List.of(refTo, hypTo))));
      }
    }
    boolean disputeChanged = false;
    if (item.size() >= 2) {
      boolean disputedFrom = from.disputed(item);
      boolean disputedTo = to.disputed(item);
      if (disputedFrom != disputedTo) {
        disputeChanged = true;
        List<NormalizedText> tracesFrom = new ArrayList<>();
        List<NormalizedText> tracesTo = new ArrayList<>();
        for (PolicyLabel label : item) {
          tracesFrom.add(from.normalizer.normalize(label.reference()));
          tracesTo.add(to.normalizer.normalize(label.reference()));
        }
        PolicyLabel first = item.get(0);
        changes.add(
            new PolicyDiffReport.Change(
                first.id(),
                first.slice(),
                null,
                PolicyDiffReport.Kind.DISPUTE,
                disputedFrom ? "disputed" : "agreed",
                disputedTo ? "disputed" : "agreed",
                causes(tracesFrom, tracesTo)));
      }
    }
    for (Tally tally : List.of(total, slice)) {
      tally.items++;
      tally.changedText += textChanged ? 1 : 0;
      tally.changedWer += werChanged ? 1 : 0;
      tally.changedDispute += disputeChanged ? 1 : 0;
    }
    return changes;
  }

  private static PolicyDiffReport.Change change(
      PolicyLabel label,
      PolicyDiffReport.Kind kind,
      String before,
      String after,
      List<String> causes) {
    return new PolicyDiffReport.Change(
        label.id(), label.slice(), label.annotator(), kind, before, after, causes);
  }

  private static String rate(ErrorCounts counts) {
    return counts.errorRate().isPresent()
        ? String.format(Locale.ROOT, "%.4f", counts.errorRate().getAsDouble())
        : "undefined";
  }

  /** The rules that fired on these texts under one side and are missing from the other. */
  private List<String> causes(List<NormalizedText> underFrom, List<NormalizedText> underTo) {
    Set<String> causes = new LinkedHashSet<>();
    for (NormalizedText text : underTo) {
      to.uniqueRulesFired(text)
          .forEach(rule -> causes.add("added in " + to.ruleSet.id() + ": " + rule));
    }
    for (NormalizedText text : underFrom) {
      from.uniqueRulesFired(text)
          .forEach(rule -> causes.add("removed from " + from.ruleSet.id() + ": " + rule));
    }
    if (causes.isEmpty()) {
      causes.add("rule order changed between " + from.ruleSet.id() + " and " + to.ruleSet.id());
    }
    return List.copyOf(causes);
  }

  /**
   * One rule set's compiled normalizer, scorer and router, and which of its rules the other lacks.
   */
  private static final class Side {
    final RuleSet ruleSet;
    final Normalizer normalizer;
    final Scorer scorer;
    final DisputeRouter router;
    final boolean[] unique;

    Side(RuleSet ruleSet, RuleSet other, RoutingSettings routing) {
      this.ruleSet = ruleSet;
      this.normalizer = Normalizer.compile(ruleSet);
      this.scorer = new Scorer(normalizer::tokens, ProtectedPhrases.NONE);
      this.router =
          new DisputeRouter(
              new RoutingSettings(
                  false, java.util.OptionalInt.empty(), routing.transcriptWerAbove(), false, false),
              new NormalizedComparator(normalizer));
      List<Rule> otherRules = other.rules();
      this.unique = new boolean[ruleSet.rules().size()];
      for (int i = 0; i < unique.length; i++) {
        unique[i] = !otherRules.contains(ruleSet.rules().get(i));
      }
    }

    boolean disputed(List<PolicyLabel> item) {
      List<ItemLabels.AnnotatorLabel> labels = new ArrayList<>();
      for (int i = 0; i < item.size(); i++) {
        PolicyLabel label = item.get(i);
        String annotator = label.annotator() == null ? "annotator-" + (i + 1) : label.annotator();
        labels.add(new ItemLabels.AnnotatorLabel(annotator, label.reference(), false));
      }
      Optional<?> dispute =
          router.route(
              new ItemLabels(
                  item.get(0).id(), new LabelField.Transcript(), labels, Optional.empty()));
      return dispute.isPresent();
    }

    List<String> uniqueRulesFired(NormalizedText text) {
      Set<Integer> fired = new java.util.TreeSet<>();
      for (TraceStep step : text.trace()) {
        if (unique[step.ruleIndex()]) {
          fired.add(step.ruleIndex());
        }
      }
      List<String> names = new ArrayList<>();
      for (int index : fired) {
        names.add("rule " + (index + 1) + " (" + ruleSet.rules().get(index).kind() + ")");
      }
      return names;
    }
  }

  /** Mutable sums for one slice or the total. */
  private static final class Tally {
    int items;
    int labels;
    int changedText;
    int changedWer;
    int changedDispute;
    long errorsFrom;
    long errorsTo;
    long referenceFrom;
    long referenceTo;
    double werChangeSum;
    int werChangeCount;

    void add(ErrorCounts countsFrom, ErrorCounts countsTo) {
      labels++;
      errorsFrom += countsFrom.errors();
      errorsTo += countsTo.errors();
      referenceFrom += countsFrom.referenceLength();
      referenceTo += countsTo.referenceLength();
      if (countsFrom.errorRate().isPresent() && countsTo.errorRate().isPresent()) {
        werChangeSum += countsTo.errorRate().getAsDouble() - countsFrom.errorRate().getAsDouble();
        werChangeCount++;
      }
    }

    PolicyDiffReport.Counts counts() {
      return new PolicyDiffReport.Counts(
          items,
          labels,
          changedText,
          changedWer,
          changedDispute,
          referenceFrom == 0 ? null : errorsFrom / (double) referenceFrom,
          referenceTo == 0 ? null : errorsTo / (double) referenceTo,
          werChangeCount == 0 ? null : werChangeSum / werChangeCount);
    }
  }
}
