package io.diffpilot.policy.sampling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.diffpilot.policy.schedule.DdpmSchedule;
import io.diffpilot.policy.schedule.TimestepSpacing;
import java.util.Objects;

/**
 * DDIM (Song et al. 2021) as diffusers' {@code DDIMScheduler} with {@code set_alpha_to_one=True},
 * {@code steps_offset=0}: for each inference timestep t with prev = t − N // steps,
 * <pre>
 *   σ = η · √((1 − ᾱ_prev) / (1 − ᾱ_t) · (1 − ᾱ_t / ᾱ_prev))
 *   x_prev = √ᾱ_prev · x̂₀ + √(1 − ᾱ_prev − σ²) · ε̂ + σ · z
 * </pre>
 * with ᾱ_prev = 1 when prev &lt; 0. η = 0 is deterministic; η = 1 with all steps is DDPM.
 */
public final class DdimSampler implements Sampler {

  private final DdpmSchedule schedule;
  private final double eta;
  private final TimestepSpacing spacing;

  public DdimSampler(DdpmSchedule schedule, double eta, TimestepSpacing spacing) {
    this.schedule = Objects.requireNonNull(schedule, "schedule");
    this.spacing = Objects.requireNonNull(spacing, "spacing");
    if (!(eta >= 0 && eta <= 1)) {
      throw new IllegalArgumentException("DDIM eta must be in [0, 1], got " + eta);
    }
    this.eta = eta;
  }

  /** The inference timesteps, first to last, exactly as diffusers' set_timesteps. */
  public static int[] timesteps(int trainTimesteps, int steps, TimestepSpacing spacing) {
    if (steps < 1 || steps > trainTimesteps) {
      throw new IllegalArgumentException("DDIM steps must be in 1.." + trainTimesteps + ", got " + steps);
    }
    int[] ts = new int[steps];
    switch (spacing) {
      case LEADING -> {
        int ratio = trainTimesteps / steps;
        for (int i = 0; i < steps; i++) {
          ts[i] = (steps - 1 - i) * ratio;
        }
      }
      case TRAILING -> {
        double ratio = (double) trainTimesteps / steps;
        // np.arange(N, 0, -ratio) has exactly `steps` elements; np.round is half-to-even (rint).
        for (int i = 0; i < steps; i++) {
          ts[i] = (int) Math.rint(trainTimesteps - i * ratio) - 1;
        }
      }
      default -> throw new IllegalStateException("unhandled " + spacing);
    }
    return ts;
  }

  /** diffusers' prev_timestep: t − N // steps, whatever the spacing. */
  public static int previousTimestep(int t, int trainTimesteps, int steps) {
    return t - trainTimesteps / steps;
  }

  /** σ² of a step from t to prev with η (before multiplying by η²: the DDPM posterior variance). */
  public double variance(int t, int prev) {
    double a = schedule.alphaCumprod(t);
    double aPrev = schedule.alphaCumprod(prev);
    return (1 - aPrev) / (1 - a) * (1 - a / aPrev);
  }

  public double eta() {
    return eta;
  }

  @Override
  public NDArray sample(Denoiser denoiser, NDArray globalCond, Shape shape, int steps, GaussianNoise noise, NDManager manager) {
    return sample(denoiser, globalCond, shape, steps, noise, manager, null);
  }

  /**
   * Sees every intermediate of a DDIM run (for figures and debugging; sampling is unchanged).
   * Arrays belong to the sampler's manager and must be copied out if kept.
   */
  @FunctionalInterface
  public interface StepObserver {
    /**
     * @param index step index 0 … steps − 1
     * @param t the timestep just denoised
     * @param predictedX0 the step's clipped estimate x̂₀ [B, T, A]
     * @param xPrev the new sample x_prev [B, T, A] (x₀ after the last step)
     */
    void onStep(int index, int t, NDArray predictedX0, NDArray xPrev);
  }

  /** {@link #sample} reporting each step to {@code observer} (null for none); the same result. */
  public NDArray sample(Denoiser denoiser, NDArray globalCond, Shape shape, int steps, GaussianNoise noise,
      NDManager manager, StepObserver observer) {
    Sampler.checkSteps("DDIM", steps, schedule);
    int n = schedule.trainTimesteps();
    NDArray x = noise.next(manager, shape);
    int index = 0;
    for (int t : timesteps(n, steps, spacing)) {
      NDArray[] parts = stepParts(denoiser.predict(x, t, globalCond), t, previousTimestep(t, n, steps), x, noise, manager);
      x = parts[0];
      if (observer != null) {
        observer.onStep(index, t, parts[1], x);
      }
      index++;
    }
    return x;
  }

  /** One step from x_t to x_prev given the network output at t. */
  public NDArray step(NDArray modelOutput, int t, int prev, NDArray x, GaussianNoise noise, NDManager manager) {
    return stepParts(modelOutput, t, prev, x, noise, manager)[0];
  }

  /** {x_prev, clipped x̂₀}. */
  private NDArray[] stepParts(NDArray modelOutput, int t, int prev, NDArray x, GaussianNoise noise, NDManager manager) {
    double aPrev = schedule.alphaCumprod(prev);
    NDArray x0Raw = ModelOutput.originalSample(schedule, x, modelOutput, t);
    NDArray eps = ModelOutput.noise(schedule, x, modelOutput, x0Raw, t);
    NDArray x0 = ModelOutput.clip(schedule, x0Raw);
    double std = eta * Math.sqrt(variance(t, prev));
    double dirCoeff = Math.sqrt(Math.max(1 - aPrev - std * std, 0));
    NDArray prevSample = x0.mul(Math.sqrt(aPrev)).add(eps.mul(dirCoeff));
    if (std > 0) {
      prevSample = prevSample.add(noise.next(manager, x.getShape()).mul(std));
    }
    return new NDArray[] {prevSample, x0};
  }
}
