package io.diffpilot.policy.model;

import java.util.Objects;

/**
 * Every intermediate of one DDIM run of {@link DiffusionPolicy#denoisingTrace}, in action units
 * (the normalizer's inverse applied to each, noise included, so it can be drawn in the scene).
 *
 * @param timesteps the K timesteps denoised, first (noisiest) to last
 * @param samples [K + 1][Tp][A]: x_T (the initial Gaussian noise) then x after each step; the
 *     last is the predicted trajectory
 * @param predictedX0 [K][Tp][A]: each step's clipped estimate x̂₀ of the clean trajectory
 * @param chunkStart horizon index of the first executed action (To − 1)
 * @param actionSteps Ta, the number of actions executed from {@code chunkStart}
 */
public record DenoisingTrace(int[] timesteps, float[][][] samples, float[][][] predictedX0, int chunkStart,
    int actionSteps) {

  public DenoisingTrace {
    Objects.requireNonNull(timesteps, "timesteps");
    Objects.requireNonNull(samples, "samples");
    Objects.requireNonNull(predictedX0, "predictedX0");
    if (samples.length != timesteps.length + 1 || predictedX0.length != timesteps.length) {
      throw new IllegalArgumentException("a trace of " + timesteps.length + " steps needs " + (timesteps.length + 1)
          + " samples and " + timesteps.length + " estimates, got " + samples.length + " and " + predictedX0.length);
    }
  }

  /** Number of denoising steps K. */
  public int steps() {
    return timesteps.length;
  }

  /** The final trajectory [Tp][A] (x₀). */
  public float[][] result() {
    return samples[samples.length - 1];
  }
}
