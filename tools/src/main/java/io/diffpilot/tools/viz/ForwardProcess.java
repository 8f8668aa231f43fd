package io.diffpilot.tools.viz;

import io.diffpilot.policy.normalize.MinMaxRange;
import io.diffpilot.policy.schedule.DdpmSchedule;
import java.util.SplittableRandom;

/**
 * The forward (noising) process on one action trajectory, as training sees it: in the
 * normalised space x_t = √ᾱ_t x₀ + √(1 − ᾱ_t) ε with one fixed ε, then back to action units.
 */
final class ForwardProcess {

  /**
   * @param x0 [Tp][A] in action units
   * @param range the model's action normalizer
   * @param t diffusion timestep 0 … N − 1
   * @param seed seed of ε (the same for every t, so the picture shows one noise blending in)
   * @return x_t [Tp][A] in action units
   */
  static float[][] noised(float[][] x0, MinMaxRange range, DdpmSchedule schedule, int t, long seed) {
    if (t < 0 || t >= schedule.trainTimesteps()) {
      throw new IllegalArgumentException("timestep " + t + " outside 0.." + (schedule.trainTimesteps() - 1));
    }
    double sa = Math.sqrt(schedule.alphaCumprod(t));
    double sn = Math.sqrt(1 - schedule.alphaCumprod(t));
    SplittableRandom rng = new SplittableRandom(seed);
    float[][] out = new float[x0.length][];
    for (int i = 0; i < x0.length; i++) {
      float[] v = x0[i].clone();
      range.normalizeInPlace(v);
      for (int j = 0; j < v.length; j++) {
        v[j] = (float) (sa * v[j] + sn * rng.nextGaussian());
      }
      range.unnormalizeInPlace(v);
      out[i] = v;
    }
    return out;
  }

  private ForwardProcess() {}
}
