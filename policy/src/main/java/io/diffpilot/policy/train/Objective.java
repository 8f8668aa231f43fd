package io.diffpilot.policy.train;

/** What {@link PolicyTrainer} fits the network to. */
public enum Objective {
  /**
   * diffusion_policy's denoising objective: x_t = √ᾱ_t x₀ + √(1−ᾱ_t) ε at a random t, MSE
   * against ε (or x₀, as the schedule's prediction type says).
   */
  DIFFUSION,
  /**
   * Direct regression, the multimodality contrast: the same network is shown a zero sample
   * [B, Tp, A] and timestep 0 and trained with MSE to output the normalised action trajectory
   * x₀ [B, Tp, A] itself. With two equally likely modes it learns their conditional mean.
   */
  REGRESSION
}
