package dev.earmark.engine.release;

import dev.earmark.engine.version.VersionedId;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A reason a batch must not be exported (PRODUCT.md §3.8). The set of kinds is closed; each kind
 * has a stable {@link #code()} that export's {@code --allow CODE --reason TEXT} names and that
 * audit events record, and a {@link #reason()} sentence for people that names the clips (up to
 * {@link #LISTED} of them, then a count), speakers or versions involved. Immutable.
 */
public sealed interface ReleaseBlocker {
  /** How many clip ids a reason lists before it says "and N more". */
  int LISTED = 10;

  /** The stable code, for example {@code split-leakage}; never changes between releases. */
  String code();

  /** A sentence for people naming what is wrong and where. */
  String reason();

  /** Every clip involved, sorted. */
  List<String> clipIds();

  /** Every code in the closed set, in the order checks run. */
  static List<String> codes() {
    return List.of(
        UnknownSource.CODE,
        MissingConsent.CODE,
        ConsentExcludesUse.CODE,
        RetentionExpired.CODE,
        SplitLeakage.CODE,
        UnresolvedDisputes.CODE,
        RubricVersionMismatch.CODE);
  }

  /** Clips whose source is missing or not one the dataset contract declares. */
  record UnknownSource(List<String> clipIds, List<String> sources) implements ReleaseBlocker {
    public static final String CODE = "unknown-source";

    public UnknownSource {
      clipIds = sorted(clipIds);
      sources = sorted(sources);
    }

    @Override
    public String code() {
      return CODE;
    }

    @Override
    public String reason() {
      return count(clipIds, "clip comes", "clips come")
          + " from a source the dataset contract does not declare ("
          + String.join(", ", sources.stream().map(s -> s.isEmpty() ? "no source" : s).toList())
          + "): "
          + list(clipIds);
    }
  }

  /** Clips with no consent scope, or one the dataset contract does not declare. */
  record MissingConsent(List<String> clipIds, List<String> undeclaredScopes)
      implements ReleaseBlocker {
    public static final String CODE = "missing-consent";

    public MissingConsent {
      clipIds = sorted(clipIds);
      undeclaredScopes = sorted(undeclaredScopes);
    }

    @Override
    public String code() {
      return CODE;
    }

    @Override
    public String reason() {
      return count(clipIds, "clip has", "clips have")
          + " no recorded consent"
          + (undeclaredScopes.isEmpty()
              ? ""
              : " (or a consent scope the contract does not declare: "
                  + String.join(", ", undeclaredScopes)
                  + ")")
          + ": "
          + list(clipIds);
    }
  }

  /** Clips whose consent scope does not allow the use the batch is for. */
  record ConsentExcludesUse(List<String> clipIds, List<String> scopes, DataUse use)
      implements ReleaseBlocker {
    public static final String CODE = "consent-excludes-use";

    public ConsentExcludesUse {
      clipIds = sorted(clipIds);
      scopes = sorted(scopes);
    }

    @Override
    public String code() {
      return CODE;
    }

    @Override
    public String reason() {
      return count(clipIds, "clip was", "clips were")
          + " collected under consent ("
          + String.join(", ", scopes)
          + ") that does not allow "
          + use.id()
          + ": "
          + list(clipIds);
    }
  }

  /** Clips past their retention date on the day of the check. */
  record RetentionExpired(Map<String, LocalDate> retentionUntil, LocalDate asOf)
      implements ReleaseBlocker {
    public static final String CODE = "retention-expired";

    public RetentionExpired {
      retentionUntil = Collections.unmodifiableMap(new TreeMap<>(retentionUntil));
    }

    @Override
    public String code() {
      return CODE;
    }

    @Override
    public List<String> clipIds() {
      return List.copyOf(retentionUntil.keySet());
    }

    @Override
    public String reason() {
      List<String> described = new ArrayList<>();
      retentionUntil.forEach((clip, until) -> described.add(clip + " (kept until " + until + ")"));
      return count(clipIds(), "clip is", "clips are")
          + " past its retention date as of "
          + asOf
          + " and must be deleted, not exported: "
          + list(described);
    }
  }

  /**
   * The same speaker, clip id or audio in a training split and an evaluation split, which makes
   * evaluation results optimistic.
   */
  record SplitLeakage(List<Leak> leaks) implements ReleaseBlocker {
    public static final String CODE = "split-leakage";

    public SplitLeakage {
      leaks = List.copyOf(leaks);
    }

    @Override
    public String code() {
      return CODE;
    }

    @Override
    public List<String> clipIds() {
      TreeSet<String> clips = new TreeSet<>();
      leaks.forEach(
          leak -> {
            clips.addAll(leak.trainClips());
            clips.addAll(leak.evaluationClips());
          });
      return List.copyOf(clips);
    }

    @Override
    public String reason() {
      List<String> described = leaks.stream().map(Leak::describe).toList();
      return described.size()
          + (described.size() == 1 ? " leak" : " leaks")
          + " across train and evaluation splits: "
          + list(described);
    }
  }

  /**
   * One thing found on both sides of the train/evaluation boundary.
   *
   * @param kind {@link #SPEAKER}, {@link #CLIP} (one clip id in two splits) or {@link #AUDIO} (one
   *     audio file under several clip ids)
   * @param key the speaker id, clip id or audio hash
   */
  record Leak(String kind, String key, List<String> trainClips, List<String> evaluationClips) {
    public static final String SPEAKER = "speaker";
    public static final String CLIP = "clip";
    public static final String AUDIO = "audio";

    public Leak {
      trainClips = sorted(trainClips);
      evaluationClips = sorted(evaluationClips);
    }

    String describe() {
      return kind
          + " "
          + key
          + " is in train ("
          + String.join(", ", trainClips)
          + ") and evaluation ("
          + String.join(", ", evaluationClips)
          + ")";
    }
  }

  /** Clips whose dispute has no adjudication yet. */
  record UnresolvedDisputes(List<String> clipIds) implements ReleaseBlocker {
    public static final String CODE = "unresolved-disputes";

    public UnresolvedDisputes {
      clipIds = sorted(clipIds);
    }

    @Override
    public String code() {
      return CODE;
    }

    @Override
    public String reason() {
      return count(clipIds, "clip has a dispute", "clips have disputes")
          + " with no adjudication yet: "
          + list(clipIds);
    }
  }

  /** Labels made under a rubric version other than the batch's. */
  record RubricVersionMismatch(VersionedId batchRubric, Map<String, VersionedId> labelRubrics)
      implements ReleaseBlocker {
    public static final String CODE = "rubric-version-mismatch";

    public RubricVersionMismatch {
      labelRubrics = Collections.unmodifiableMap(new TreeMap<>(labelRubrics));
    }

    @Override
    public String code() {
      return CODE;
    }

    @Override
    public List<String> clipIds() {
      return List.copyOf(labelRubrics.keySet());
    }

    @Override
    public String reason() {
      List<String> described = new ArrayList<>();
      labelRubrics.forEach((clip, rubric) -> described.add(clip + " (" + rubric + ")"));
      return count(clipIds(), "label was", "labels were")
          + " made under a rubric version other than the batch's "
          + batchRubric
          + ": "
          + list(described);
    }
  }

  private static List<String> sorted(List<String> values) {
    return List.copyOf(new TreeSet<>(values));
  }

  private static String count(List<String> clips, String one, String many) {
    return clips.size() + " " + (clips.size() == 1 ? one : many);
  }

  private static String list(List<String> items) {
    if (items.size() <= LISTED) {
      return String.join(", ", items);
    }
    return String.join(", ", items.subList(0, LISTED))
        + " and "
        + (items.size() - LISTED)
        + " more";
  }
}
