package dev.earmark.engine.priority;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The per-slice quotas of one batch (PRODUCT.md §3.2: "per-slice quotas so one noisy slice cannot
 * fill a batch"). Their shares together may not exceed 1: a lead who asks for more than the whole
 * batch has made a typo, and is told so rather than given a batch nobody asked for. Immutable and
 * thread-safe.
 */
public final class SliceQuotas {
  private static final double TOLERANCE = 1e-9;
  private final List<SliceQuota> quotas;

  /**
   * @throws PriorityException when a tag is named twice or the shares sum above 1
   */
  public SliceQuotas(List<SliceQuota> quotas) {
    this.quotas = List.copyOf(quotas);
    Set<String> tags = new HashSet<>();
    double sum = 0;
    for (SliceQuota quota : this.quotas) {
      if (!tags.add(quota.tag())) {
        throw new PriorityException(
            "Slice tag " + quota.tag() + " has two quotas; give each tag one TAG=SHARE.");
      }
      sum += quota.share();
    }
    if (sum > 1 + TOLERANCE) {
      throw new PriorityException(
          "The slice quotas "
              + this.quotas
              + " sum to "
              + Math.round(sum * 1000) / 1000.0
              + ", above 1 (the whole batch); lower them so they sum to 1 or less.");
    }
  }

  /** No quota: every clip is welcome. */
  public static SliceQuotas none() {
    return new SliceQuotas(List.of());
  }

  /** The quotas, in the order given. */
  public List<SliceQuota> quotas() {
    return quotas;
  }

  public boolean isEmpty() {
    return quotas.isEmpty();
  }

  /**
   * Chooses, down {@code ranked} (best first), the clips that fit a batch of {@code batchSize} next
   * to {@code alreadyIn} (clips already in the batch, which count towards every cap): a clip is
   * held back when one of its tagged values has reached its cap; the choice stops when the batch is
   * full. The batch may come out smaller than asked rather than let one value fill it. Ties keep
   * input order, so the same input gives the same batch.
   *
   * @param slices the slice tags of a clip
   */
  public <T> Selection<T> select(
      List<T> ranked,
      Function<T, Map<String, String>> slices,
      List<Map<String, String>> alreadyIn,
      int batchSize) {
    if (batchSize < 0) {
      throw new PriorityException("A batch size must be >= 0, got " + batchSize + ".");
    }
    Map<String, Integer> counts = new HashMap<>();
    alreadyIn.forEach(tags -> count(tags, counts));
    int size = alreadyIn.size();
    List<T> selected = new ArrayList<>();
    List<T> heldBack = new ArrayList<>();
    for (T candidate : ranked) {
      if (size >= batchSize) {
        break;
      }
      Map<String, String> tags = slices.apply(candidate);
      boolean full = false;
      for (SliceQuota quota : quotas) {
        String value = tags.get(quota.tag());
        if (value != null
            && counts.getOrDefault(key(quota.tag(), value), 0) >= quota.cap(batchSize)) {
          full = true;
        }
      }
      if (full) {
        heldBack.add(candidate);
        continue;
      }
      selected.add(candidate);
      count(tags, counts);
      size++;
    }
    return new Selection<>(selected, heldBack);
  }

  private void count(Map<String, String> tags, Map<String, Integer> counts) {
    for (SliceQuota quota : quotas) {
      String value = tags.get(quota.tag());
      if (value != null) {
        counts.merge(key(quota.tag(), value), 1, Integer::sum);
      }
    }
  }

  private static String key(String tag, String value) {
    return tag + "\u0000" + value;
  }

  /**
   * What {@link #select} chose.
   *
   * @param selected the clips that fit, in ranked order
   * @param heldBack clips passed over because a value of theirs had reached its cap
   */
  public record Selection<T>(List<T> selected, List<T> heldBack) {
    public Selection {
      selected = List.copyOf(selected);
      heldBack = List.copyOf(heldBack);
    }
  }
}
