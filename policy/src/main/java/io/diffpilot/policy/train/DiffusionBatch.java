package io.diffpilot.policy.train;

import io.diffpilot.policy.schedule.DdpmSchedule;
import io.diffpilot.policy.schedule.PredictionType;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The inputs of one training step, drawn the same way by every backend: windows, then per row a
 * timestep t ~ U{0 … N−1} and noise ε, x_t = √ᾱ_t x₀ + √(1−ᾱ_t) ε, all from a generator seeded
 * by (seed, step) so that a resumed run draws what the uninterrupted one would have. Buffers are
 * reused from step to step.
 */
final class DiffusionBatch {

  final int size;
  final TrainingWindows.Batch data;
  final long[] timesteps;
  final float[] noisy;
  final float[] noise;
  /** What the network sees: the noised actions (diffusion) or zeros (regression). */
  float[] sample;
  /** What its output is compared with: ε or x₀ as the schedule says, or x₀ for regression. */
  float[] target;

  DiffusionBatch(TrainingWindows windows, int size) {
    this.size = size;
    this.data = windows.newBatch(size);
    this.timesteps = new long[size];
    this.noisy = new float[data.actions().length];
    this.noise = new float[noisy.length];
  }

  static SplittableRandom generator(long seed, int step) {
    return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + step);
  }

  void draw(TrainingWindows windows, DdpmSchedule schedule, Objective objective, long seed, int step) {
    SplittableRandom rng = generator(seed, step);
    windows.sampleInto(data, rng);
    float[] actions = data.actions();
    if (objective == Objective.REGRESSION) {
      // Zero sample, timestep 0, target = the normalised actions: a plain MSE regressor.
      Arrays.fill(noisy, 0f);
      Arrays.fill(timesteps, 0L);
      sample = noisy;
      target = actions;
      return;
    }
    int perRow = actions.length / size;
    for (int i = 0; i < size; i++) {
      int t = rng.nextInt(schedule.trainTimesteps());
      timesteps[i] = t;
      double sa = Math.sqrt(schedule.alphaCumprod(t));
      double sn = Math.sqrt(1 - schedule.alphaCumprod(t));
      for (int j = i * perRow; j < (i + 1) * perRow; j++) {
        noise[j] = (float) rng.nextGaussian();
        noisy[j] = (float) (sa * actions[j] + sn * noise[j]);
      }
    }
    sample = noisy;
    target = schedule.predictionType() == PredictionType.EPSILON ? noise : actions;
  }
}
