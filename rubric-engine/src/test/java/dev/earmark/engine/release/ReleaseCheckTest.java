package dev.earmark.engine.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earmark.engine.EngineException;
import dev.earmark.engine.version.VersionedId;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReleaseCheckTest {
  private static final VersionedId RUBRIC = VersionedId.parse("asr-transcript@2");
  private static final Clock NOV_21 =
      Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC);
  private static final ReleaseRules RULES =
      new ReleaseRules(
          Set.of("call-center-2025", "read-speech"),
          Map.of(
              "research", Set.of(DataUse.LABELING, DataUse.EVALUATION),
              "full", Set.of(DataUse.LABELING, DataUse.EVALUATION, DataUse.TRAINING)),
          DataUse.TRAINING,
          RUBRIC);

  private final ReleaseCheck check = new ReleaseCheck(RULES, NOV_21);

  private static ReleaseClip clip(String id, Split split, String speaker) {
    return new ReleaseClip(
        id, "sha-" + id, "read-speech", "full", LocalDate.of(2027, 1, 1), split, speaker);
  }

  private static List<ReleaseLabel> labels(List<ReleaseClip> clips) {
    return clips.stream().map(clip -> new ReleaseLabel(clip.clipId(), RUBRIC)).toList();
  }

  @Test
  void aCleanBatchHasNoBlockers() {
    List<ReleaseClip> clips =
        List.of(
            clip("c1", Split.TRAIN, "s1"), clip("c2", Split.TEST, "s2"), clip("c3", Split.DEV, ""));
    ReleaseReport report = check.check(clips, labels(clips), List.of(new DisputeState("c1", true)));
    assertThat(report.isBlocked()).isFalse();
    assertThat(report.blockers()).isEmpty();
  }

  @Test
  void unknownAndMissingSourcesBlock() {
    List<ReleaseClip> clips =
        List.of(
            new ReleaseClip("c1", "a", "scraped-web", "full", null, Split.TRAIN, ""),
            new ReleaseClip("c2", "b", null, "full", null, Split.TRAIN, ""),
            clip("c3", Split.TRAIN, ""));
    ReleaseBlocker blocker =
        check.check(clips, labels(clips), List.of()).find("unknown-source").orElseThrow();
    assertThat(blocker).isInstanceOf(ReleaseBlocker.UnknownSource.class);
    assertThat(blocker.clipIds()).containsExactly("c1", "c2");
    assertThat(blocker.reason())
        .isEqualTo(
            "2 clips come from a source the dataset contract does not declare (no source,"
                + " scraped-web): c1, c2");
  }

  @Test
  void missingOrUndeclaredConsentBlocks() {
    List<ReleaseClip> clips =
        List.of(
            new ReleaseClip("c1", "a", "read-speech", "", null, Split.TRAIN, ""),
            new ReleaseClip("c2", "b", "read-speech", "verbal-ok", null, Split.TRAIN, ""));
    ReleaseBlocker blocker =
        check.check(clips, labels(clips), List.of()).find("missing-consent").orElseThrow();
    assertThat(blocker.clipIds()).containsExactly("c1", "c2");
    assertThat(blocker.reason())
        .isEqualTo(
            "2 clips have no recorded consent (or a consent scope the contract does not declare:"
                + " verbal-ok): c1, c2");
  }

  @Test
  void consentThatDoesNotAllowTheBatchUseBlocks() {
    List<ReleaseClip> clips =
        List.of(new ReleaseClip("c1", "a", "read-speech", "research", null, Split.TRAIN, ""));
    ReleaseReport forTraining = check.check(clips, labels(clips), List.of());
    assertThat(forTraining.codes()).containsExactly("consent-excludes-use");
    assertThat(forTraining.blockers().get(0).reason())
        .isEqualTo(
            "1 clip was collected under consent (research) that does not allow training: c1");

    ReleaseRules forEvaluation =
        new ReleaseRules(RULES.knownSources(), RULES.consentScopes(), DataUse.EVALUATION, RUBRIC);
    assertThat(
            new ReleaseCheck(forEvaluation, NOV_21)
                .check(clips, labels(clips), List.of())
                .isBlocked())
        .isFalse();
  }

  @ParameterizedTest
  @CsvSource(
      textBlock =
          """
          2026-11-20, true
          2026-11-21, false
          2026-11-22, false
          """)
  void retentionExpiresTheDayAfterTheRetentionDate(LocalDate until, boolean blocked) {
    List<ReleaseClip> clips =
        List.of(new ReleaseClip("c1", "a", "read-speech", "full", until, Split.TRAIN, ""));
    ReleaseReport report = check.check(clips, labels(clips), List.of());
    assertThat(report.find("retention-expired").isPresent()).isEqualTo(blocked);
  }

  @Test
  void retentionIsJudgedByThePassedClock() {
    List<ReleaseClip> clips =
        List.of(
            new ReleaseClip(
                "c1", "a", "read-speech", "full", LocalDate.of(2026, 12, 31), Split.TRAIN, ""));
    Clock nextYear = Clock.fixed(Instant.parse("2027-01-01T00:00:00Z"), ZoneOffset.UTC);
    ReleaseBlocker blocker =
        new ReleaseCheck(RULES, nextYear)
            .check(clips, labels(clips), List.of())
            .find("retention-expired")
            .orElseThrow();
    assertThat(blocker.reason())
        .isEqualTo(
            "1 clip is past its retention date as of 2027-01-01 and must be deleted, not"
                + " exported: c1 (kept until 2026-12-31)");
    assertThat(check.check(clips, labels(clips), List.of()).isBlocked()).isFalse();
  }

  @Test
  void aSpeakerInTrainAndTestLeaks() {
    List<ReleaseClip> clips =
        List.of(
            clip("c1", Split.TRAIN, "spk7"),
            clip("c2", Split.TEST, "spk7"),
            clip("c3", Split.DEV, "spk7"),
            clip("c4", Split.DEV, "spk8"),
            clip("c5", Split.TEST, "spk8"));
    ReleaseBlocker blocker =
        check.check(clips, labels(clips), List.of()).find("split-leakage").orElseThrow();
    assertThat(blocker.reason())
        .isEqualTo(
            "1 leak across train and evaluation splits: speaker spk7 is in train (c1) and"
                + " evaluation (c2, c3)");
    assertThat(blocker.clipIds()).containsExactly("c1", "c2", "c3");
  }

  @Test
  void theSameClipOrAudioInTrainAndEvaluationLeaks() {
    List<ReleaseClip> clips =
        List.of(
            clip("c1", Split.TRAIN, ""),
            clip("c1", Split.TEST, ""),
            new ReleaseClip("c2", "sha-x", "read-speech", "full", null, Split.TRAIN, ""),
            new ReleaseClip("c2-copy", "sha-x", "read-speech", "full", null, Split.DEV, ""));
    ReleaseBlocker.SplitLeakage leakage =
        (ReleaseBlocker.SplitLeakage)
            check.check(clips, labels(clips), List.of()).find("split-leakage").orElseThrow();
    assertThat(leakage.leaks())
        .extracting(leak -> leak.kind() + " " + leak.key())
        .containsExactly("clip c1", "audio sha-x");
  }

  @Test
  void unknownSpeakersNeverLeak() {
    List<ReleaseClip> clips = List.of(clip("c1", Split.TRAIN, ""), clip("c2", Split.TEST, " "));
    assertThat(check.check(clips, labels(clips), List.of()).isBlocked()).isFalse();
  }

  @Test
  void unresolvedDisputesBlock() {
    List<ReleaseClip> clips = List.of(clip("c1", Split.TRAIN, ""), clip("c2", Split.TRAIN, ""));
    ReleaseReport report =
        check.check(
            clips,
            labels(clips),
            List.of(new DisputeState("c2", false), new DisputeState("c1", true)));
    assertThat(report.codes()).containsExactly("unresolved-disputes");
    assertThat(report.blockers().get(0).reason())
        .isEqualTo("1 clip has a dispute with no adjudication yet: c2");
  }

  @Test
  void labelsUnderAnotherRubricVersionBlockNamingBothVersions() {
    List<ReleaseClip> clips = List.of(clip("c1", Split.TRAIN, ""), clip("c2", Split.TRAIN, ""));
    List<ReleaseLabel> labels =
        List.of(
            new ReleaseLabel("c1", RUBRIC),
            new ReleaseLabel("c2", VersionedId.parse("asr-transcript@1")));
    ReleaseBlocker blocker =
        check.check(clips, labels, List.of()).find("rubric-version-mismatch").orElseThrow();
    assertThat(blocker.reason())
        .isEqualTo(
            "1 label was made under a rubric version other than the batch's asr-transcript@2:"
                + " c2 (asr-transcript@1)");
  }

  @Test
  void aBatchWithoutABatchRubricHasNoRubricCheckButEveryClipCheck() {
    ReleaseRules noRubric =
        new ReleaseRules(
            RULES.knownSources(), RULES.consentScopes(), DataUse.TRAINING, Optional.empty());
    List<ReleaseClip> clips =
        List.of(
            clip("c1", Split.TRAIN, ""),
            new ReleaseClip(
                "c2",
                "sha-c2",
                "read-speech",
                "full",
                LocalDate.of(2026, 11, 20),
                Split.TRAIN,
                ""));
    ReleaseReport report =
        new ReleaseCheck(noRubric, NOV_21)
            .check(clips, List.of(new ReleaseLabel("c1", RUBRIC)), List.of());
    assertThat(report.codes()).containsExactly("retention-expired");
  }

  @Test
  void everyBlockerIsReportedTogetherInCodeOrder() {
    List<ReleaseClip> clips =
        List.of(
            new ReleaseClip("c1", "a", "", "", LocalDate.of(2020, 1, 1), Split.TRAIN, "s"),
            new ReleaseClip("c2", "b", "read-speech", "research", null, Split.TEST, "s"));
    ReleaseReport report =
        check.check(
            clips,
            List.of(new ReleaseLabel("c1", VersionedId.parse("tts-rating@1"))),
            List.of(new DisputeState("c2", false)));
    assertThat(report.codes()).containsExactlyElementsOf(ReleaseBlocker.codes());
  }

  @Test
  void longListsAreCutInTheReasonButKeptInTheClipIds() {
    List<ReleaseClip> clips = new ArrayList<>();
    IntStream.rangeClosed(1, 12)
        .forEach(
            i ->
                clips.add(
                    new ReleaseClip(
                        "c" + (100 + i), "h" + i, "read-speech", "", null, Split.TRAIN, "")));
    ReleaseBlocker blocker =
        check.check(clips, labels(clips), List.of()).find("missing-consent").orElseThrow();
    assertThat(blocker.clipIds()).hasSize(12);
    assertThat(blocker.reason()).endsWith("c110 and 2 more").contains("12 clips have");
  }

  @Test
  void allowingCodesWaivesOnlyThoseAndRefusesUnknownCodes() {
    List<ReleaseClip> clips = List.of(new ReleaseClip("c1", "a", "", "", null, Split.TRAIN, ""));
    ReleaseReport report = check.check(clips, labels(clips), List.of());
    assertThat(report.codes()).containsExactly("unknown-source", "missing-consent");
    assertThat(report.remainingAfter(Set.of("unknown-source")))
        .extracting(ReleaseBlocker::code)
        .containsExactly("missing-consent");
    assertThat(report.remainingAfter(Set.of("unknown-source", "missing-consent"))).isEmpty();
    assertThatThrownBy(() -> report.remainingAfter(Set.of("split-leak")))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining("'split-leak' is not a release blocker code");
  }

  @Test
  void blockerCodesAreStable() {
    assertThat(ReleaseBlocker.codes())
        .containsExactly(
            "unknown-source",
            "missing-consent",
            "consent-excludes-use",
            "retention-expired",
            "split-leakage",
            "unresolved-disputes",
            "rubric-version-mismatch");
  }

  @Test
  void clipsNeedAnIdAndASplit() {
    assertThatThrownBy(() -> new ReleaseClip(" ", "a", "s", "c", null, Split.TRAIN, ""))
        .isInstanceOf(EngineException.class);
    assertThatThrownBy(() -> new ReleaseClip("c1", "a", "s", "c", null, null, ""))
        .hasMessageContaining("clip c1 needs a split");
    assertThat(DataUse.fromId("training")).isEqualTo(DataUse.TRAINING);
    assertThatThrownBy(() -> DataUse.fromId("resale")).hasMessageContaining("not a data use");
    assertThat(Split.DEV.id()).isEqualTo("dev");
  }
}
