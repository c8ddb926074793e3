package dev.earmark.engine.release;

import dev.earmark.engine.EngineException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The data diff between two label batches: items added, removed and relabeled (same clip, other
 * label hash), items whose label is unchanged but whose metadata (slices, source, consent scope,
 * label policy) changed, and counts broken down by slice, source, consent scope and label policy.
 * Added, relabeled and metadata-changed items are counted under their new attributes, removed items
 * under their old ones. Immutable.
 */
public record BatchDiff(
    List<BatchItem> added,
    List<BatchItem> removed,
    List<Change> relabeled,
    List<Change> metadataChanged,
    int unchanged,
    List<Breakdown> breakdown) {
  /** Dimension name of the source breakdown. */
  public static final String SOURCE = "source";

  /** Dimension name of the consent-scope breakdown. */
  public static final String CONSENT_SCOPE = "consent_scope";

  /** Dimension name of the label-policy breakdown. */
  public static final String LABEL_POLICY = "label_policy";

  /** Prefix of slice dimensions: {@code slice:accent}, {@code slice:device}, … */
  public static final String SLICE_PREFIX = "slice:";

  public BatchDiff {
    added = List.copyOf(added);
    removed = List.copyOf(removed);
    relabeled = List.copyOf(relabeled);
    metadataChanged = List.copyOf(metadataChanged);
    breakdown = List.copyOf(breakdown);
  }

  /** One clip present in both batches with something changed. */
  public record Change(BatchItem before, BatchItem after) {}

  /** Counts for one value of one dimension, for example {@code slice:accent = scottish}. */
  public record Breakdown(String dimension, String value, int added, int removed, int relabeled) {}

  /**
   * The diff going from batch {@code before} to batch {@code after}, in clip-id order.
   *
   * @throws EngineException if a clip id occurs twice in one batch
   */
  public static BatchDiff between(List<BatchItem> before, List<BatchItem> after) {
    Map<String, BatchItem> old = byClip(before, "old");
    Map<String, BatchItem> now = byClip(after, "new");
    List<BatchItem> added = new ArrayList<>();
    List<BatchItem> removed = new ArrayList<>();
    List<Change> relabeled = new ArrayList<>();
    List<Change> metadataChanged = new ArrayList<>();
    int unchanged = 0;
    Map<List<String>, int[]> counts =
        new TreeMap<>(
            (a, b) -> {
              int byDimension = a.get(0).compareTo(b.get(0));
              return byDimension != 0 ? byDimension : a.get(1).compareTo(b.get(1));
            });
    for (BatchItem item : old.values()) {
      if (!now.containsKey(item.clipId())) {
        removed.add(item);
        count(counts, item, 1);
      }
    }
    for (BatchItem item : now.values()) {
      BatchItem previous = old.get(item.clipId());
      if (previous == null) {
        added.add(item);
        count(counts, item, 0);
      } else if (!previous.labelHash().equals(item.labelHash())) {
        relabeled.add(new Change(previous, item));
        count(counts, item, 2);
      } else if (!sameMetadata(previous, item)) {
        metadataChanged.add(new Change(previous, item));
      } else {
        unchanged++;
      }
    }
    List<Breakdown> breakdown = new ArrayList<>();
    counts.forEach(
        (key, value) ->
            breakdown.add(new Breakdown(key.get(0), key.get(1), value[0], value[1], value[2])));
    return new BatchDiff(added, removed, relabeled, metadataChanged, unchanged, breakdown);
  }

  /** The breakdown rows of one dimension. */
  public List<Breakdown> breakdown(String dimension) {
    return breakdown.stream().filter(row -> row.dimension().equals(dimension)).toList();
  }

  private static boolean sameMetadata(BatchItem a, BatchItem b) {
    return a.slices().equals(b.slices())
        && a.source().equals(b.source())
        && a.consentScope().equals(b.consentScope())
        && a.labelPolicy().equals(b.labelPolicy());
  }

  private static void count(Map<List<String>, int[]> counts, BatchItem item, int column) {
    Map<String, String> dimensions = new LinkedHashMap<>();
    item.slices().forEach((key, value) -> dimensions.put(SLICE_PREFIX + key, value));
    dimensions.put(SOURCE, item.source());
    dimensions.put(CONSENT_SCOPE, item.consentScope());
    dimensions.put(LABEL_POLICY, item.labelPolicy());
    dimensions.forEach(
        (dimension, value) ->
            counts.computeIfAbsent(List.of(dimension, value), unused -> new int[3])[column]++);
  }

  private static Map<String, BatchItem> byClip(List<BatchItem> items, String which) {
    Map<String, BatchItem> byClip = new TreeMap<>();
    for (BatchItem item : items) {
      if (byClip.put(item.clipId(), item) != null) {
        throw new EngineException(
            "clip "
                + item.clipId()
                + " occurs twice in the "
                + which
                + " batch; a batch holds one final label per clip");
      }
    }
    return byClip;
  }
}
