package io.diffpilot.runtime.control;

import java.util.Arrays;

/**
 * Position bounds and a rate limit applied to every action before it leaves the controller.
 *
 * @param lower per-dimension lower bound [A] (use {@code -Float.MAX_VALUE} for none)
 * @param upper per-dimension upper bound [A], ≥ lower
 * @param maxRatePerSecond per-dimension largest change per second [A], &gt; 0 (use
 *     {@code Float.POSITIVE_INFINITY} for none)
 */
public record SafetyLimits(float[] lower, float[] upper, float[] maxRatePerSecond) {

  public SafetyLimits {
    if (lower.length != upper.length || lower.length != maxRatePerSecond.length || lower.length == 0) {
      throw new IllegalArgumentException("safety limits: lower, upper and maxRatePerSecond need the same width > 0, got "
          + lower.length + ", " + upper.length + ", " + maxRatePerSecond.length);
    }
    for (int d = 0; d < lower.length; d++) {
      if (Float.isNaN(lower[d]) || Float.isNaN(upper[d]) || !(upper[d] >= lower[d])) {
        throw new IllegalArgumentException("safety limits: dimension " + d + " has lower " + lower[d] + " > upper " + upper[d]);
      }
      if (!(maxRatePerSecond[d] > 0)) {
        throw new IllegalArgumentException("safety limits: maxRatePerSecond[" + d + "] must be > 0, got " + maxRatePerSecond[d]);
      }
    }
    lower = lower.clone();
    upper = upper.clone();
    maxRatePerSecond = maxRatePerSecond.clone();
  }

  /** No bounds and no rate limit, for {@code dim} dimensions. */
  public static SafetyLimits unlimited(int dim) {
    float[] lo = new float[dim];
    float[] hi = new float[dim];
    float[] rate = new float[dim];
    Arrays.fill(lo, -Float.MAX_VALUE);
    Arrays.fill(hi, Float.MAX_VALUE);
    Arrays.fill(rate, Float.POSITIVE_INFINITY);
    return new SafetyLimits(lo, hi, rate);
  }

  public int dim() {
    return lower.length;
  }

  /** What {@link #apply} changed. */
  record Applied(int clamped, int rateLimited) {}

  /**
   * Clamps {@code actions} [n][A] in place to the bounds, then limits the change between
   * consecutive actions (and from {@code previous}, the position commanded just before, which may
   * be null) to {@code maxRatePerSecond · stepNanos}.
   */
  Applied apply(float[][] actions, float[] previous, long stepNanos) {
    int clamped = 0;
    int limited = 0;
    double stepSeconds = stepNanos * 1e-9;
    float[] before = previous;
    for (float[] a : actions) {
      boolean c = false;
      boolean r = false;
      for (int d = 0; d < a.length; d++) {
        float v = a[d];
        if (v < lower[d]) {
          v = lower[d];
          c = true;
        } else if (v > upper[d]) {
          v = upper[d];
          c = true;
        }
        if (before != null && Float.isFinite(maxRatePerSecond[d])) {
          float maxDelta = (float) (maxRatePerSecond[d] * stepSeconds);
          float delta = v - before[d];
          if (delta > maxDelta) {
            v = before[d] + maxDelta;
            r = true;
          } else if (delta < -maxDelta) {
            v = before[d] - maxDelta;
            r = true;
          }
        }
        a[d] = v;
      }
      clamped += c ? 1 : 0;
      limited += r ? 1 : 0;
      before = a;
    }
    return new Applied(clamped, limited);
  }
}
