package io.diffpilot.policy.sampling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.diffpilot.policy.schedule.DdpmSchedule;
import java.util.Objects;

/**
 * Ancestral DDPM over every training step t = N−1 … 0 with the {@code fixed_small} variance, as
 * diffusers' {@code DDPMScheduler.step}:
 * <pre>
 *   x_{t−1} = c₀ · x̂₀ + c₁ · x_t + σ_t · z,   z ~ N(0, I), no noise at t = 0
 *   c₀ = √ᾱ_{t−1} β_t / (1 − ᾱ_t),   c₁ = √α_t (1 − ᾱ_{t−1}) / (1 − ᾱ_t)
 *   σ_t² = (1 − ᾱ_{t−1}) / (1 − ᾱ_t) · β_t   (clamped at 1e−20)
 * </pre>
 * The step-count argument is ignored: DDPM uses all N steps.
 */
public final class DdpmSampler implements Sampler {

  private final DdpmSchedule schedule;

  public DdpmSampler(DdpmSchedule schedule) {
    this.schedule = Objects.requireNonNull(schedule, "schedule");
  }

  /** Posterior variance σ_t² of the fixed_small choice. */
  public double variance(int t) {
    double a = schedule.alphaCumprod(t);
    double aPrev = schedule.alphaCumprod(t - 1);
    double currentBeta = 1 - a / aPrev;
    return Math.max((1 - aPrev) / (1 - a) * currentBeta, 1e-20);
  }

  @Override
  public NDArray sample(Denoiser denoiser, NDArray globalCond, Shape shape, int steps, GaussianNoise noise, NDManager manager) {
    NDArray x = noise.next(manager, shape);
    for (int t = schedule.trainTimesteps() - 1; t >= 0; t--) {
      x = step(denoiser.predict(x, t, globalCond), t, x, noise, manager);
    }
    return x;
  }

  /** One reverse step from x_t to x_{t−1} given the network output at t. */
  public NDArray step(NDArray modelOutput, int t, NDArray x, GaussianNoise noise, NDManager manager) {
    double a = schedule.alphaCumprod(t);
    double aPrev = schedule.alphaCumprod(t - 1);
    double currentAlpha = a / aPrev;
    double currentBeta = 1 - currentAlpha;
    NDArray x0 = ModelOutput.clip(schedule, ModelOutput.originalSample(schedule, x, modelOutput, t));
    double c0 = Math.sqrt(aPrev) * currentBeta / (1 - a);
    double c1 = Math.sqrt(currentAlpha) * (1 - aPrev) / (1 - a);
    NDArray mean = x0.mul(c0).add(x.mul(c1));
    if (t == 0) {
      return mean;
    }
    return mean.add(noise.next(manager, x.getShape()).mul(Math.sqrt(variance(t))));
  }
}
