package io.diffpilot.runtime.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SafetyLimitsTest {

  @Test
  void clampsToBoundsThenLimitsRate() {
    SafetyLimits l = new SafetyLimits(new float[] {0, 0}, new float[] {10, 10}, new float[] {10, 1000});
    float[][] a = {{20, 5}, {-5, 5}};
    SafetyLimits.Applied applied = l.apply(a, new float[] {9, 5}, 100_000_000L); // 0.1 s: max 1.0 / step in dim 0
    assertThat(a[0]).containsExactly(10, 5); // clamped to 10, within 1.0 of 9
    assertThat(a[1]).containsExactly(9, 5); // clamped to 0, then rate-limited to 10 - 1
    assertThat(applied.clamped()).isEqualTo(2);
    assertThat(applied.rateLimited()).isEqualTo(1);
  }

  @Test
  void unlimitedChangesNothing() {
    float[][] a = {{1e30f, -1e30f}};
    SafetyLimits.Applied applied = SafetyLimits.unlimited(2).apply(a, new float[] {0, 0}, 1);
    assertThat(a[0]).containsExactly(1e30f, -1e30f);
    assertThat(applied.clamped() + applied.rateLimited()).isZero();
  }

  @Test
  void rejectsInvertedBoundsNamingTheDimension() {
    assertThatThrownBy(() -> new SafetyLimits(new float[] {0, 5}, new float[] {1, 4}, new float[] {1, 1}))
        .hasMessageContaining("dimension 1");
  }
}
