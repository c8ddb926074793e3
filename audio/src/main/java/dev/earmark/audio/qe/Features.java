package dev.earmark.audio.qe;

import java.util.ArrayList;
import java.util.List;

/** Conversions between feature arrays and the immutable lists the value records hold. */
final class Features {
  private Features() {}

  static List<Double> toList(double[] values) {
    List<Double> list = new ArrayList<>(values.length);
    for (double value : values) {
      list.add(value);
    }
    return List.copyOf(list);
  }

  static double[] toArray(List<Double> values) {
    double[] array = new double[values.size()];
    for (int i = 0; i < array.length; i++) {
      array[i] = values.get(i);
    }
    return array;
  }
}
