package io.diffpilot.policy.sampling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.diffpilot.core.SamplerKind;
import io.diffpilot.policy.schedule.DdpmSchedule;
import io.diffpilot.policy.schedule.TimestepSpacing;

/**
 * A reverse-diffusion sampler: starts from Gaussian noise and calls the denoiser once per step.
 * Coefficients come from an immutable {@link DdpmSchedule}; the step count is an argument, so one
 * instance serves any number of steps and threads. No data leaves the device between steps.
 */
public interface Sampler {

  /**
   * Draws x₀.
   *
   * @param denoiser the network
   * @param globalCond [B, G]
   * @param shape [B, T, A] of the sample
   * @param steps number of denoising steps, 1 … trainTimesteps (DDPM uses every training step)
   * @param noise initial and per-step noise, made for B rows
   * @param manager where the result and intermediates live (the caller scopes it)
   * @return x₀ [B, T, A] float32 in the normalised space
   */
  NDArray sample(Denoiser denoiser, NDArray globalCond, Shape shape, int steps, GaussianNoise noise, NDManager manager);

  /**
   * The sampler {@code kind} over {@code schedule}; η and spacing apply to DDIM only. The
   * consistency sampler is DDIM with η = 0 on trailing timesteps, for x₀-prediction students only.
   */
  static Sampler of(SamplerKind kind, DdpmSchedule schedule, double eta, TimestepSpacing spacing) {
    return switch (kind) {
      case DDPM -> new DdpmSampler(schedule);
      case DDIM -> new DdimSampler(schedule, eta, spacing);
      case DPM_SOLVER_PP -> new DpmSolverPlusPlusSampler(schedule);
      case CONSISTENCY -> {
        checkConsistency(schedule);
        yield new DdimSampler(schedule, 0.0, TimestepSpacing.TRAILING);
      }
    };
  }

  /** The consistency sampler needs a student that predicts x₀ (a distilled model directory). */
  static void checkConsistency(DdpmSchedule schedule) {
    if (schedule.predictionType() != io.diffpilot.policy.schedule.PredictionType.SAMPLE) {
      throw new IllegalArgumentException("the consistency sampler needs a distilled x0-prediction student "
          + "(diffpilot distill); this model predicts " + schedule.predictionType());
    }
  }

  /** Rejects step counts outside 1 … N with a message naming the sampler. */
  static void checkSteps(String sampler, int steps, DdpmSchedule schedule) {
    if (steps < 1 || steps > schedule.trainTimesteps()) {
      throw new IllegalArgumentException(sampler + ": steps must be in 1.." + schedule.trainTimesteps() + ", got " + steps);
    }
  }
}
