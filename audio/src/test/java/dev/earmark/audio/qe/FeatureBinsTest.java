package dev.earmark.audio.qe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureBinsTest {
  @Test
  void psiMatchesAHandComputedExample() {
    // (0.1-0.25)ln(0.4) + (0.2-0.25)ln(0.8) + (0.3-0.25)ln(1.2) + (0.4-0.25)ln(1.6)
    // = 0.137444 + 0.011157 + 0.009116 + 0.070501 = 0.228217 (0.22821740957339182 in Python).
    double psi =
        FeatureBins.psi(new double[] {0.25, 0.25, 0.25, 0.25}, new double[] {0.1, 0.2, 0.3, 0.4});
    assertEquals(0.22821740957339182, psi, 1e-12);
  }

  @Test
  void anEmptyBinIsFlooredSoPsiStaysFinite() {
    // Third bin: (0.5 - 0.0001) ln(0.5 / 0.0001) = 4.2581; the others 2 x 0.25 ln 2 = 0.3466.
    double psi = FeatureBins.psi(new double[] {0.5, 0.5, 0}, new double[] {0.25, 0.25, 0.5});
    assertEquals(4.60431846666895, psi, 1e-9);
  }

  @Test
  void identicalDistributionsHaveZeroPsi() {
    double[] baseline = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    FeatureBins bins = FeatureBins.fromBaseline("x", baseline, 5);
    assertEquals(List.of(2.0, 4.0, 6.0, 8.0), bins.upperEdges());
    assertArrayEquals(new double[] {0.2, 0.2, 0.2, 0.2, 0.2}, bins.proportionsOf(baseline), 1e-12);
    assertEquals(0, bins.psi(baseline), 1e-12);
  }

  @Test
  void valuesOnAnEdgeFallInTheLowerBinAndOutliersInTheEndBins() {
    FeatureBins bins = new FeatureBins("x", List.of(0.0, 1.0), List.of(0.3, 0.4, 0.3));
    assertArrayEquals(
        new double[] {0.5, 0.25, 0.25}, bins.proportionsOf(new double[] {-5, 0, 1, 99}), 1e-12);
  }

  @Test
  void aFeatureWithFewDistinctValuesGetsFewerBins() {
    double[] binary = {0, 0, 0, 0, 0, 0, 0, 1, 1, 1};
    FeatureBins bins = FeatureBins.fromBaseline("narrow_band", binary, 10);
    assertEquals(List.of(0.0), bins.upperEdges());
    assertEquals(List.of(0.7, 0.3), bins.proportions());
    FeatureBins constant = FeatureBins.fromBaseline("c", new double[] {3, 3, 3}, 10);
    assertEquals(List.of(), constant.upperEdges());
    assertEquals(0, constant.psi(new double[] {100, 200}), 1e-12);
  }

  @Test
  void malformedBinsAreRefused() {
    assertThrows(QeModelException.class, () -> new FeatureBins("x", List.of(1.0), List.of(1.0)));
    assertThrows(
        QeModelException.class,
        () -> new FeatureBins("x", List.of(2.0, 1.0), List.of(0.3, 0.3, 0.4)));
    assertThrows(QeModelException.class, () -> FeatureBins.fromBaseline("x", new double[0], 4));
  }
}
