package io.diffpilot.policy.sampling;

import ai.djl.ndarray.NDArray;
import io.diffpilot.policy.schedule.DdpmSchedule;
import io.diffpilot.policy.schedule.PredictionType;

/** Converts a network output at step t into x̂₀ and ε̂ (diffusers' pred_original_sample / pred_epsilon). */
final class ModelOutput {

  private ModelOutput() {}

  /** x̂₀ from x_t and the network output, unclipped. */
  static NDArray originalSample(DdpmSchedule s, NDArray x, NDArray out, int t) {
    if (s.predictionType() == PredictionType.SAMPLE) {
      return out;
    }
    double a = s.alphaCumprod(t);
    return x.sub(out.mul(Math.sqrt(1 - a))).div(Math.sqrt(a));
  }

  /** ε̂ from x_t and the network output, using the unclipped x̂₀ as diffusers does. */
  static NDArray noise(DdpmSchedule s, NDArray x, NDArray out, NDArray originalSample, int t) {
    if (s.predictionType() == PredictionType.EPSILON) {
      return out;
    }
    double a = s.alphaCumprod(t);
    return x.sub(originalSample.mul(Math.sqrt(a))).div(Math.sqrt(1 - a));
  }

  /** clip_sample: clamps x̂₀ to ±range when the schedule asks for it. */
  static NDArray clip(DdpmSchedule s, NDArray originalSample) {
    double bound = s.clipBound();
    return Double.isInfinite(bound) ? originalSample : originalSample.clip(-bound, bound);
  }
}
