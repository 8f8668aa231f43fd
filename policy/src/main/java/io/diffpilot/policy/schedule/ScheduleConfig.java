package io.diffpilot.policy.schedule;

import java.util.Objects;

/**
 * The {@code schedule:} section of a model directory's config.yaml: the training noise schedule.
 *
 * @param trainTimesteps N, number of training diffusion steps (diffusers' num_train_timesteps)
 * @param betaSchedule how β_t is laid out over t = 0 … N−1
 * @param betaStart β_0 for linear / scaled_linear (ignored by squaredcos_cap_v2)
 * @param betaEnd β_{N−1} for linear / scaled_linear
 * @param predictionType what the network outputs
 * @param clipSample clamp the predicted x₀ to ±clipSampleRange at every step
 * @param clipSampleRange the clamp bound, &gt; 0
 */
public record ScheduleConfig(
    int trainTimesteps,
    BetaSchedule betaSchedule,
    double betaStart,
    double betaEnd,
    PredictionType predictionType,
    boolean clipSample,
    double clipSampleRange) {

  public ScheduleConfig {
    Objects.requireNonNull(betaSchedule, "beta_schedule");
    Objects.requireNonNull(predictionType, "prediction_type");
    if (trainTimesteps < 1) {
      throw new IllegalArgumentException("schedule.train_timesteps must be >= 1, got " + trainTimesteps);
    }
    if (!(betaStart > 0 && betaStart < 1) || !(betaEnd > 0 && betaEnd < 1) || betaEnd < betaStart) {
      throw new IllegalArgumentException("schedule: need 0 < beta_start <= beta_end < 1, got " + betaStart + ", " + betaEnd);
    }
    if (!(clipSampleRange > 0) || Double.isInfinite(clipSampleRange)) {
      throw new IllegalArgumentException("schedule.clip_sample_range must be finite and > 0, got " + clipSampleRange);
    }
  }

  /** diffusion_policy's Push-T schedule: 100 steps, squaredcos_cap_v2, ε-prediction, clip to ±1. */
  public static ScheduleConfig defaults() {
    return new ScheduleConfig(100, BetaSchedule.SQUAREDCOS_CAP_V2, 1e-4, 0.02, PredictionType.EPSILON, true, 1.0);
  }
}
