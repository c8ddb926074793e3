package dev.earmark.engine.listening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.earmark.engine.agreement.ConfidenceInterval;
import dev.earmark.engine.listening.SystemResults.Difference;
import dev.earmark.engine.listening.SystemResults.Latency;
import dev.earmark.engine.listening.SystemResults.PreferenceShares;
import dev.earmark.engine.listening.SystemResults.PreferenceVote;
import dev.earmark.engine.listening.SystemResults.SystemMean;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** System-level results on small data whose figures are derived by hand in each test. */
class SystemResultsTest {
  private static final int RESAMPLES = 4000;
  private static final long SEED = 23;

  @Test
  void oneRaterOnTwoItemsGivesTheBootstrapIntervalFromLowToHighItem() {
    // One rater: every resample draws that rater. Two items with 2 and 4: the item draws are
    // {2,2}, {2,4}, {4,2}, {4,4} with probability 1/4 each, so the resampled mean is 2 (p=1/4),
    // 3 (p=1/2) or 4 (p=1/4). Both tails of a 95% interval (2.5% each) fall inside the 25% masses
    // at the ends, so the interval is exactly [2, 4]; the mean is 3.
    List<ListeningScore> scores =
        List.of(score("r1", "p1", "sysA", 2), score("r1", "p2", "sysA", 4));

    SystemMean mean = SystemResults.means(scores, RESAMPLES, SEED).get(0);

    assertThat(mean.mean()).isEqualTo(3.0);
    assertThat(mean.ratings()).isEqualTo(2);
    assertThat(mean.raters()).isEqualTo(1);
    assertThat(mean.items()).isEqualTo(2);
    ConfidenceInterval interval = mean.interval().orElseThrow();
    assertThat(interval.low()).isEqualTo(2.0);
    assertThat(interval.high()).isEqualTo(4.0);
    assertThat(interval.seed()).isEqualTo(SEED);
    assertThat(interval.definedResamples()).isEqualTo(RESAMPLES);
  }

  @Test
  void meansAreOverRatersAndItemsAndTheSameSeedGivesTheSameInterval() {
    // sysA: 4, 5, 3, 4 -> 16 / 4 = 4.0; sysB: 2, 3, 1, 2 -> 8 / 4 = 2.0.
    List<ListeningScore> scores = grid(new int[][] {{4, 5}, {3, 4}}, new int[][] {{2, 3}, {1, 2}});

    List<SystemMean> means = SystemResults.means(scores, RESAMPLES, SEED);

    assertThat(means).extracting(SystemMean::system).containsExactly("sysA", "sysB");
    assertThat(means).extracting(SystemMean::mean).containsExactly(4.0, 2.0);
    assertThat(SystemResults.means(scores, RESAMPLES, SEED)).isEqualTo(means);
    ConfidenceInterval a = means.get(0).interval().orElseThrow();
    // Each resampled mean is a weighted mean of 3, 4, 4, 5: it lies in [3, 5] and the interval
    // contains the mean.
    assertThat(a.low()).isBetween(3.0, 4.0);
    assertThat(a.high()).isBetween(4.0, 5.0);
  }

  @Test
  void aPairedDifferenceOfExactlyOnePointHasTheIntervalOneToOne() {
    // sysA = sysB + 1 on every (rater, item) cell. Every resample weighs both systems' cells
    // alike, so weighted mean(A) - weighted mean(B) = weighted mean(B + 1 - B) = 1 in every
    // resample, although each system's own mean varies from resample to resample.
    List<ListeningScore> scores = grid(new int[][] {{4, 2}, {5, 3}}, new int[][] {{3, 1}, {4, 2}});

    Difference difference =
        SystemResults.difference(scores, "quality", "sysA", "sysB", RESAMPLES, SEED).orElseThrow();

    assertThat(difference.difference()).isEqualTo(1.0);
    assertThat(difference.interval().orElseThrow().low()).isCloseTo(1.0, within(1e-12));
    assertThat(difference.interval().orElseThrow().high()).isCloseTo(1.0, within(1e-12));
    assertThat(difference.excludesZero()).isTrue();
    assertThat(SystemResults.means(scores, RESAMPLES, SEED).get(0).interval().orElseThrow().low())
        .isLessThan(3.5);
    assertThat(SystemResults.difference(scores, "quality", "sysA", "sysC", RESAMPLES, SEED))
        .isEmpty();
  }

  @Test
  void alphaIsKrippendorffsIntervalAlphaOverClips() {
    // Two raters, clips c1 = (1, 2), c2 = (3, 3): pairable values 1, 2, 3, 3 (n = 4).
    // D_o = (1/n) * sum over units of (1/(m_u - 1)) * sum of ordered pairs (v - v')^2
    //     = (1/4) * [(1-2)^2 + (2-1)^2] = 0.5.
    // D_e = sum over ordered pairs of all values (v - v')^2 / (n (n - 1)); unordered pairs
    //     (1,2) 1, (1,3) 4, (1,3) 4, (2,3) 1, (2,3) 1, (3,3) 0 = 11, ordered 22; D_e = 22 / 12.
    // alpha = 1 - 0.5 / (22/12) = 1 - 6/22 = 8/11.
    List<ListeningScore> scores =
        List.of(
            new ListeningScore("r1", "p1", "c1", "sysA", "quality", 1, ""),
            new ListeningScore("r2", "p1", "c1", "sysA", "quality", 2, ""),
            new ListeningScore("r1", "p2", "c2", "sysA", "quality", 3, ""),
            new ListeningScore("r2", "p2", "c2", "sysA", "quality", 3, ""));

    SystemResults.DimensionAlpha alpha = SystemResults.alphas(scores, 200, SEED).get(0);

    assertThat(alpha.dimension()).isEqualTo("quality");
    assertThat(alpha.alpha().value().getAsDouble()).isCloseTo(8.0 / 11, within(1e-12));
  }

  @Test
  void preferenceSharesCountNoPreferenceApart() {
    // Pair (sysA, sysB), 4 votes: sysA twice, sysB once, no preference once: 1/2, 1/4, 1/4.
    // Votes are given with the systems in either order; the pair is reported in name order.
    List<PreferenceVote> votes =
        List.of(
            new PreferenceVote("r1", "p1", "sysA", "sysB", "sysA", "names"),
            new PreferenceVote("r2", "p1", "sysB", "sysA", "sysA", "names"),
            new PreferenceVote("r1", "p2", "sysA", "sysB", "sysB", "numbers"),
            new PreferenceVote("r2", "p2", "sysA", "sysB", "", "numbers"));

    PreferenceShares shares = SystemResults.preferences(votes, RESAMPLES, SEED).get(0);

    assertThat(shares.first()).isEqualTo("sysA");
    assertThat(shares.votes()).isEqualTo(4);
    assertThat(shares.firstShare()).isEqualTo(0.5);
    assertThat(shares.secondShare()).isEqualTo(0.25);
    assertThat(shares.noPreferenceShare()).isEqualTo(0.25);
    ConfidenceInterval first = shares.firstInterval().orElseThrow();
    assertThat(first.low()).isBetween(0.0, 0.5);
    assertThat(first.high()).isBetween(0.5, 1.0);
  }

  @Test
  void latencyIsMeanAndNinetyFifthPercentile() {
    // 100, 200, 300, 400 ms: mean 250; p95 (type 7) at h = 3 * 0.95 = 2.85 between the 3rd and
    // 4th values: 300 + 0.85 * 100 = 385.
    List<Latency> latencies =
        List.of(
            new Latency("sysA", "a1", 400),
            new Latency("sysA", "a2", 100),
            new Latency("sysA", "a3", 300),
            new Latency("sysA", "a4", 200),
            new Latency("sysB", "b1", 80));

    assertThat(SystemResults.latency(latencies))
        .containsExactly(
            new SystemResults.LatencySummary("sysA", 4, 250.0, 385.0),
            new SystemResults.LatencySummary("sysB", 1, 80.0, 80.0));
  }

  private static ListeningScore score(String rater, String item, String system, double value) {
    return new ListeningScore(rater, item, item + "-" + system, system, "quality", value, "");
  }

  /** Scores of sysA and sysB as [rater][item] grids. */
  private static List<ListeningScore> grid(int[][] a, int[][] b) {
    List<ListeningScore> scores = new ArrayList<>();
    for (int r = 0; r < a.length; r++) {
      for (int i = 0; i < a[r].length; i++) {
        scores.add(score("r" + r, "p" + i, "sysA", a[r][i]));
        scores.add(score("r" + r, "p" + i, "sysB", b[r][i]));
      }
    }
    return scores;
  }
}
