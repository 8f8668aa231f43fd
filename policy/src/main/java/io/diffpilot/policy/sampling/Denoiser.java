package io.diffpilot.policy.sampling;

import ai.djl.ndarray.NDArray;

/**
 * One evaluation of the noise-prediction network: what every sampler calls once per step.
 * The U-Net ({@code ConditionalUnet1d} behind a parameter store), test stand-ins and analytic
 * optimal denoisers all plug in here.
 */
@FunctionalInterface
public interface Denoiser {

  /**
   * @param sample x_t, [B, T, A] float32
   * @param timestep the diffusion step t (the same for every row), 0 ≤ t &lt; trainTimesteps
   * @param globalCond [B, G] float32 (flattened, normalised observations)
   * @return [B, T, A]: ε̂ or x̂₀, as the schedule's predictionType says
   */
  NDArray predict(NDArray sample, int timestep, NDArray globalCond);
}
