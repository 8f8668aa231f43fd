package io.diffpilot.policy.normalize;

import java.util.Arrays;
import java.util.Objects;

/**
 * Per-dimension min-max map of one quantity onto [−1, 1]: y = x · scale + offset.
 * A dimension whose range is below {@link #RANGE_EPS} is mapped with range 2 centred on its value
 * (diffusion_policy's range_eps rule: scale 1, offset −min), so a constant dimension is never
 * divided by ~0 and maps to 0.
 *
 * @param min [d], finite
 * @param max [d], finite, max ≥ min
 */
public record MinMaxRange(float[] min, float[] max) {

  /** diffusion_policy's range_eps. */
  public static final double RANGE_EPS = 1e-4;

  public MinMaxRange {
    Objects.requireNonNull(min, "min");
    Objects.requireNonNull(max, "max");
    if (min.length != max.length || min.length == 0) {
      throw new IllegalArgumentException("min has " + min.length + " dimensions, max has " + max.length);
    }
    for (int i = 0; i < min.length; i++) {
      if (!Float.isFinite(min[i]) || !Float.isFinite(max[i]) || max[i] < min[i]) {
        throw new IllegalArgumentException("dimension " + i + ": need finite min <= max, got " + min[i] + ", " + max[i]);
      }
    }
    min = min.clone();
    max = max.clone();
  }

  /** The identity map on {@code dim} dimensions (min −1, max 1). */
  public static MinMaxRange identity(int dim) {
    float[] lo = new float[dim];
    float[] hi = new float[dim];
    Arrays.fill(lo, -1f);
    Arrays.fill(hi, 1f);
    return new MinMaxRange(lo, hi);
  }

  /** Number of dimensions d. */
  public int dim() {
    return min.length;
  }

  private double scale(int i) {
    double range = (double) max[i] - min[i];
    return range < RANGE_EPS ? 1.0 : 2.0 / range;
  }

  private double offset(int i) {
    double range = (double) max[i] - min[i];
    return range < RANGE_EPS ? -min[i] : -1.0 - scale(i) * min[i];
  }

  /** Normalises {@code values} (row-major [n][d], flattened) in place. */
  public void normalizeInPlace(float[] values) {
    checkWidth(values.length);
    for (int k = 0; k < values.length; k++) {
      int i = k % min.length;
      values[k] = (float) (values[k] * scale(i) + offset(i));
    }
  }

  /** Inverse of {@link #normalizeInPlace} on row-major [n][d]. */
  public void unnormalizeInPlace(float[] values) {
    checkWidth(values.length);
    for (int k = 0; k < values.length; k++) {
      int i = k % min.length;
      values[k] = (float) ((values[k] - offset(i)) / scale(i));
    }
  }

  private void checkWidth(int length) {
    if (length % min.length != 0) {
      throw new IllegalArgumentException(length + " values are not whole rows of width " + min.length);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MinMaxRange r && Arrays.equals(min, r.min) && Arrays.equals(max, r.max);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(min) + Arrays.hashCode(max);
  }

  @Override
  public String toString() {
    return "MinMaxRange[min=" + Arrays.toString(min) + ", max=" + Arrays.toString(max) + "]";
  }
}
