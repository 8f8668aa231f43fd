package io.diffpilot.policy.fast;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

/** Compares a flat gradient with a reference, tensor by tensor. */
final class GradientCheck {

  /** Per tensor: max |actual − expected| ≤ this · max |expected| (with the floor below). */
  static final double RELATIVE = 1e-4;

  /**
   * Tensors whose true gradient is zero (a conv bias in front of a GroupNorm whose groups hold a
   * single channel: the normalisation removes any per-channel constant) hold rounding noise on
   * both sides; their scale is floored at this fraction of the largest gradient of the network.
   */
  static final double FLOOR = 1e-2;

  private GradientCheck() {}

  static void assertMatches(Map<String, float[]> expected, StateDictLayout layout, float[] actual, String reference) {
    assertThat(expected.keySet()).as("parameters with a " + reference + " gradient").isEqualTo(layout.slots().keySet());
    double globalMax = 0;
    for (float[] ref : expected.values()) {
      for (float v : ref) {
        globalMax = Math.max(globalMax, Math.abs(v));
      }
    }
    assertThat(globalMax).as(reference + " gradient is not all zero").isGreaterThan(0);
    for (Map.Entry<String, StateDictLayout.Slot> e : layout.slots().entrySet()) {
      float[] ref = expected.get(e.getKey());
      StateDictLayout.Slot s = e.getValue();
      double maxRef = 0;
      double maxDiff = 0;
      for (int i = 0; i < s.size(); i++) {
        maxRef = Math.max(maxRef, Math.abs(ref[i]));
        maxDiff = Math.max(maxDiff, Math.abs(ref[i] - actual[s.offset() + i]));
      }
      double scale = Math.max(maxRef, FLOOR * globalMax);
      assertThat(maxDiff / scale).as("relative gradient error of " + e.getKey() + " vs " + reference)
          .isLessThanOrEqualTo(RELATIVE);
    }
  }
}
