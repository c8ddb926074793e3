package dev.earmark.engine.release;

import dev.earmark.engine.version.VersionedId;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Finds every release blocker of a batch (PRODUCT.md §3.8): unknown source, missing consent,
 * consent that does not allow the batch's use, retention expired, split leakage of a speaker or
 * clip across train and evaluation, unresolved disputes, and labels under a rubric version other
 * than the batch's. It reports; it never throws for bad data, so export can show all blockers at
 * once and let the lead waive some with a reason. Immutable and thread-safe; the clock is passed in
 * so a check is reproducible.
 */
public final class ReleaseCheck {
  private final ReleaseRules rules;
  private final Clock clock;

  /**
   * @param rules the dataset contract's sources and consent scopes, the batch's use and rubric
   * @param clock the clock whose date decides retention (in the clock's zone)
   */
  public ReleaseCheck(ReleaseRules rules, Clock clock) {
    this.rules = rules;
    this.clock = clock;
  }

  /**
   * Every blocker for a batch made of {@code clips}, their final {@code labels} and the {@code
   * disputes} raised on them, at most one per code, each naming every clip involved.
   */
  public ReleaseReport check(
      List<ReleaseClip> clips, List<ReleaseLabel> labels, List<DisputeState> disputes) {
    List<ReleaseBlocker> blockers = new ArrayList<>();
    unknownSource(clips).ifPresent(blockers::add);
    consent(clips, blockers);
    retention(clips).ifPresent(blockers::add);
    leakage(clips).ifPresent(blockers::add);
    unresolved(disputes).ifPresent(blockers::add);
    rubricMismatch(labels).ifPresent(blockers::add);
    return new ReleaseReport(blockers);
  }

  private Optional<ReleaseBlocker> unknownSource(List<ReleaseClip> clips) {
    List<String> ids = new ArrayList<>();
    Set<String> sources = new TreeSet<>();
    for (ReleaseClip clip : clips) {
      if (!rules.knownSources().contains(clip.source())) {
        ids.add(clip.clipId());
        sources.add(clip.source());
      }
    }
    return ids.isEmpty()
        ? Optional.empty()
        : Optional.of(new ReleaseBlocker.UnknownSource(ids, List.copyOf(sources)));
  }

  private void consent(List<ReleaseClip> clips, List<ReleaseBlocker> blockers) {
    List<String> missing = new ArrayList<>();
    Set<String> undeclared = new TreeSet<>();
    List<String> excluded = new ArrayList<>();
    Set<String> excludingScopes = new TreeSet<>();
    for (ReleaseClip clip : clips) {
      Set<DataUse> allowed = rules.consentScopes().get(clip.consentScope());
      if (clip.consentScope().isEmpty() || allowed == null) {
        missing.add(clip.clipId());
        if (!clip.consentScope().isEmpty()) {
          undeclared.add(clip.consentScope());
        }
      } else if (!allowed.contains(rules.batchUse())) {
        excluded.add(clip.clipId());
        excludingScopes.add(clip.consentScope());
      }
    }
    if (!missing.isEmpty()) {
      blockers.add(new ReleaseBlocker.MissingConsent(missing, List.copyOf(undeclared)));
    }
    if (!excluded.isEmpty()) {
      blockers.add(
          new ReleaseBlocker.ConsentExcludesUse(
              excluded, List.copyOf(excludingScopes), rules.batchUse()));
    }
  }

  private Optional<ReleaseBlocker> retention(List<ReleaseClip> clips) {
    LocalDate today = LocalDate.now(clock);
    Map<String, LocalDate> expired = new TreeMap<>();
    for (ReleaseClip clip : clips) {
      if (clip.retentionUntil() != null && clip.retentionUntil().isBefore(today)) {
        expired.put(clip.clipId(), clip.retentionUntil());
      }
    }
    return expired.isEmpty()
        ? Optional.empty()
        : Optional.of(new ReleaseBlocker.RetentionExpired(expired, today));
  }

  private Optional<ReleaseBlocker> leakage(List<ReleaseClip> clips) {
    List<ReleaseBlocker.Leak> leaks = new ArrayList<>();
    leaks.addAll(leaksBy(clips, ReleaseBlocker.Leak.SPEAKER, ReleaseClip::speakerId));
    leaks.addAll(leaksBy(clips, ReleaseBlocker.Leak.CLIP, ReleaseClip::clipId));
    for (ReleaseBlocker.Leak audio :
        leaksBy(clips, ReleaseBlocker.Leak.AUDIO, ReleaseClip::audioSha256)) {
      // One clip id in two splits is already reported as a clip leak; report audio shared by
      // different clip ids only.
      Set<String> ids = new TreeSet<>(audio.trainClips());
      ids.addAll(audio.evaluationClips());
      if (ids.size() > 1) {
        leaks.add(audio);
      }
    }
    return leaks.isEmpty() ? Optional.empty() : Optional.of(new ReleaseBlocker.SplitLeakage(leaks));
  }

  private static List<ReleaseBlocker.Leak> leaksBy(
      List<ReleaseClip> clips, String kind, Function<ReleaseClip, String> key) {
    Map<String, List<ReleaseClip>> groups = new TreeMap<>();
    for (ReleaseClip clip : clips) {
      String value = key.apply(clip);
      if (!value.isEmpty()) {
        groups.computeIfAbsent(value, unused -> new ArrayList<>()).add(clip);
      }
    }
    List<ReleaseBlocker.Leak> leaks = new ArrayList<>();
    groups.forEach(
        (value, group) -> {
          List<String> train = new ArrayList<>();
          List<String> evaluation = new ArrayList<>();
          for (ReleaseClip clip : group) {
            (clip.split().isEvaluation() ? evaluation : train).add(clip.clipId());
          }
          if (!train.isEmpty() && !evaluation.isEmpty()) {
            leaks.add(new ReleaseBlocker.Leak(kind, value, train, evaluation));
          }
        });
    return leaks;
  }

  private static Optional<ReleaseBlocker> unresolved(List<DisputeState> disputes) {
    Set<String> open = new TreeSet<>();
    for (DisputeState dispute : disputes) {
      if (!dispute.resolved()) {
        open.add(dispute.clipId());
      }
    }
    return open.isEmpty()
        ? Optional.empty()
        : Optional.of(new ReleaseBlocker.UnresolvedDisputes(List.copyOf(open)));
  }

  private Optional<ReleaseBlocker> rubricMismatch(List<ReleaseLabel> labels) {
    if (rules.batchRubric().isEmpty()) {
      return Optional.empty(); // no rubric-bound labels in the batch (listening tests only)
    }
    VersionedId batchRubric = rules.batchRubric().get();
    Map<String, VersionedId> other = new HashMap<>();
    for (ReleaseLabel label : labels) {
      if (!label.rubric().equals(batchRubric)) {
        other.put(label.clipId(), label.rubric());
      }
    }
    return other.isEmpty()
        ? Optional.empty()
        : Optional.of(new ReleaseBlocker.RubricVersionMismatch(batchRubric, other));
  }
}
