package dev.earmark.engine.priority;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.earmark.engine.EngineException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReviewPriorityTest {
  static final PrioritySettings SETTINGS = PrioritySettings.defaults();
  static final Set<String> LABELING = Set.of("opt-in", "synthetic-demo");

  static ReviewPriority priority(Map<String, SliceStatus> slices) {
    return new ReviewPriority(SETTINGS, LABELING, slices);
  }

  static ReviewCandidate clip(String id, String slice, double uncertainty, double sessions) {
    return new ReviewCandidate(id, slice, "", "opt-in", uncertainty, sessions, false);
  }

  static List<String> ids(List<PriorityScore> scores) {
    return scores.stream().map(score -> score.candidate().clipId()).toList();
  }

  @Test
  void clipsWhoseConsentDoesNotAllowLabelingAreNeverCandidates() {
    ReviewCandidate forbidden =
        new ReviewCandidate("c-1", "noisy", "", "research-only", 1.0, 1000, false);
    ReviewCandidate allowed = clip("c-2", "noisy", 0.1, 0);
    ReviewPriority priority = priority(Map.of());
    assertEquals(List.of("c-2"), ids(priority.rank(List.of(forbidden, allowed))));
    ReviewBatch batch = priority.selectBatch(List.of(forbidden, allowed), 10);
    assertEquals(List.of("c-2"), ids(batch.selected()));
    assertEquals(List.of("c-1"), batch.excludedByConsent());
    EngineException refused =
        assertThrows(PriorityException.class, () -> priority.score(forbidden));
    assertTrue(refused.getMessage().contains("research-only"));
  }

  @Test
  void aSliceFarFromItsTargetIsBoosted() {
    ReviewPriority priority =
        priority(
            Map.of(
                "accent=in", new SliceStatus(10, 100, false),
                "accent=us", new SliceStatus(100, 100, false)));
    List<PriorityScore> ranked =
        priority.rank(
            List.of(clip("us", "accent=us", 0.5, 100), clip("in", "accent=in", 0.5, 100)));
    assertEquals(List.of("in", "us"), ids(ranked));
    assertEquals(0.8 * 0.9, ranked.get(0).coverageGap(), 1e-12);
    assertEquals(0, ranked.get(1).coverageGap(), 1e-12);
  }

  @Test
  void aRecentRegressionIsBoosted() {
    ReviewPriority priority =
        priority(
            Map.of(
                "noise=cafe", new SliceStatus(5, 5, true),
                "noise=clean", new SliceStatus(5, 5, false)));
    List<PriorityScore> ranked =
        priority.rank(
            List.of(clip("clean", "noise=clean", 0.5, 0), clip("cafe", "noise=cafe", 0.5, 0)));
    assertEquals(List.of("cafe", "clean"), ids(ranked));
    assertEquals(0.6, ranked.get(0).regression(), 1e-12);
    assertEquals(ranked.get(1).total() + 0.6, ranked.get(0).total(), 1e-12);
  }

  @ParameterizedTest
  @CsvSource(
      textBlock =
          """
          # daily sessions, impact part (weight 1, cap 1000)
          0,      0
          250,    0.25
          1000,   1
          5000,   1
          1000000, 1
          """)
  void userImpactIsCapped(double sessions, double impact) {
    assertEquals(impact, priority(Map.of()).score(clip("c", "s", 0, sessions)).impact(), 1e-12);
  }

  @Test
  void sensitiveContentIsPenalised() {
    ReviewCandidate plain = clip("plain", "s", 0.6, 0);
    ReviewCandidate sensitive = new ReviewCandidate("sensitive", "s", "", "opt-in", 0.6, 0, true);
    List<PriorityScore> ranked = priority(Map.of()).rank(List.of(sensitive, plain));
    assertEquals(List.of("plain", "sensitive"), ids(ranked));
    assertEquals(0.5, ranked.get(1).sensitivePenalty(), 1e-12);
    assertEquals(0.1, ranked.get(1).total(), 1e-12);
  }

  @Test
  void tiesKeepInputOrder() {
    ReviewPriority priority = priority(Map.of());
    List<ReviewCandidate> candidates =
        List.of(clip("b", "s", 0.5, 10), clip("a", "s", 0.5, 10), clip("c", "s", 0.5, 10));
    assertEquals(List.of("b", "a", "c"), ids(priority.rank(candidates)));
    List<ReviewCandidate> reversed = new ArrayList<>(candidates);
    java.util.Collections.reverse(reversed);
    assertEquals(List.of("c", "a", "b"), ids(priority.rank(reversed)));
  }

  @Test
  void emptyInputGivesAnEmptyQueueAndBatch() {
    ReviewPriority priority = priority(Map.of());
    assertEquals(List.of(), priority.rank(List.of()));
    assertEquals(
        new ReviewBatch(List.of(), List.of(), List.of()), priority.selectBatch(List.of(), 10));
    assertEquals(List.of(), priority.selectBatch(List.of(clip("a", "s", 1, 1)), 0).selected());
  }

  @Test
  void theMostUncertainClipLosesWhenItHasNoLaunchRelevance() {
    // "offline" is no launch slice: no target, no regression, no users. "car" is: it needs
    // labels and has real traffic, so its less uncertain clip goes first.
    ReviewPriority priority = priority(Map.of("device=car", new SliceStatus(20, 200, false)));
    ReviewCandidate mostUncertain = clip("offline-1", "device=offline", 0.95, 0);
    ReviewCandidate relevant = clip("car-1", "device=car", 0.35, 800);
    ReviewBatch batch = priority.selectBatch(List.of(mostUncertain, relevant), 1);
    assertEquals(List.of("car-1"), ids(batch.selected()));
    assertTrue(mostUncertain.qeUncertainty() > relevant.qeUncertainty());
  }

  @Test
  void oneNoisySliceCannotFillABatch() {
    List<ReviewCandidate> candidates = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      candidates.add(clip("noisy-" + i, "noise=babble", 0.9, 0));
    }
    candidates.add(clip("clean-1", "noise=clean", 0.2, 0));
    candidates.add(clip("clean-2", "noise=clean", 0.1, 0));
    candidates.add(clip("car-1", "noise=car", 0.1, 0));
    ReviewBatch batch = priority(Map.of()).selectBatch(candidates, 5);
    // 40 % of 5 = 2 clips per slice at most.
    assertEquals(
        List.of("noisy-0", "noisy-1", "clean-1", "clean-2", "car-1"), ids(batch.selected()));
    assertEquals(8, batch.heldBackByCaps().size());
    assertEquals("noisy-2", batch.heldBackByCaps().get(0).candidate().clipId());
  }

  @Test
  void thePerSliceQuotaAndSpeakerCapAreSettings() {
    PrioritySettings strict = new PrioritySettings(1, 1, 0.8, 0.6, 0.5, 1000, 1, 1.0, 1);
    List<ReviewCandidate> candidates =
        List.of(
            new ReviewCandidate("a1", "s1", "spk-a", "opt-in", 0.9, 0, false),
            new ReviewCandidate("a2", "s2", "spk-a", "opt-in", 0.8, 0, false),
            new ReviewCandidate("b1", "s1", "spk-b", "opt-in", 0.7, 0, false),
            new ReviewCandidate("b2", "s3", "spk-b", "opt-in", 0.6, 0, false));
    ReviewBatch batch = new ReviewPriority(strict, LABELING, Map.of()).selectBatch(candidates, 4);
    assertEquals(List.of("a1", "b2"), ids(batch.selected()));
    assertEquals(List.of("a2", "b1"), ids(batch.heldBackByCaps()));
  }

  @ParameterizedTest
  @CsvSource(
      textBlock =
          """
          -0.5, 0
          0,    0
          0.42, 0.42
          1.7,  1
          NaN,  0
          """)
  void predictedWerBecomesUncertaintyInTheUnitInterval(double wer, double uncertainty) {
    assertEquals(uncertainty, ReviewCandidate.uncertaintyFromPredictedWer(wer), 1e-12);
  }

  @Test
  void outOfRangeInputsAreRefusedWithASentence() {
    assertThrows(PriorityException.class, () -> clip("c", "s", 1.5, 0));
    assertThrows(PriorityException.class, () -> clip("c", "s", 0.5, -1));
    assertThrows(PriorityException.class, () -> new SliceStatus(-1, 3, false));
    assertThrows(
        PriorityException.class, () -> new PrioritySettings(-1, 1, 1, 1, 1, 1000, 1, 0.5, 1));
    assertThrows(PriorityException.class, () -> new PrioritySettings(1, 1, 1, 1, 1, 0, 1, 0.5, 1));
    assertThrows(PriorityException.class, () -> new PrioritySettings(1, 1, 1, 1, 1, 10, 0, 0.5, 1));
    assertThrows(PriorityException.class, () -> new PrioritySettings(1, 1, 1, 1, 1, 10, 1, 1.5, 1));
    assertThrows(PriorityException.class, () -> priority(Map.of()).selectBatch(List.of(), -1));
    assertEquals(0.0, new SliceStatus(120, 100, false).coverageGap());
  }
}
