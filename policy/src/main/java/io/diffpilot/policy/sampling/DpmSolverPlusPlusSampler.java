package io.diffpilot.policy.sampling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.diffpilot.policy.schedule.DdpmSchedule;
import java.util.Arrays;
import java.util.Objects;

/**
 * DPM-Solver++(2M) (Lu et al. 2022), as diffusers' {@code DPMSolverMultistepScheduler} with
 * algorithm_type dpmsolver++, solver_order 2, solver_type midpoint, timestep_spacing linspace,
 * final_sigmas_type zero (so the first and the last step are first order). With
 * α_t = √ᾱ_t, σ_t = √(1 − ᾱ_t), λ_t = log α_t − log σ_t and h = λ_t − λ_s:
 * <pre>
 *   first order:  x_t = σ_t/σ_s · x − α_t (e^{−h} − 1) · D₀
 *   second order: x_t = σ_t/σ_s · x − α_t (e^{−h} − 1) · (D₀ + ½ D₁),  D₁ = (D₀ − D₋₁) · h / h₋₁
 * </pre>
 * where D are data predictions x̂₀. The last target is σ = 0, α = 1 (the clean sample).
 * One difference from diffusers: x̂₀ is clamped when the schedule has clip_sample (diffusers' DPM
 * solver offers only dynamic thresholding); the clamp is a no-op for in-range predictions.
 */
public final class DpmSolverPlusPlusSampler implements Sampler {

  private final DdpmSchedule schedule;

  public DpmSolverPlusPlusSampler(DdpmSchedule schedule) {
    this.schedule = Objects.requireNonNull(schedule, "schedule");
  }

  /** round(linspace(0, N−1, steps+1)) reversed without its last element; duplicates dropped. */
  public static int[] timesteps(int trainTimesteps, int steps) {
    if (steps < 1 || steps > trainTimesteps) {
      throw new IllegalArgumentException("DPM-Solver++ steps must be in 1.." + trainTimesteps + ", got " + steps);
    }
    int[] ts = new int[steps];
    for (int i = 0; i < steps; i++) {
      int k = steps - i; // index into linspace(0, N-1, steps + 1)
      ts[i] = (int) Math.rint((double) (trainTimesteps - 1) * k / steps);
    }
    // With steps close to N, rounding can repeat a timestep; a zero-length step would divide by h = 0.
    return Arrays.stream(ts).distinct().toArray();
  }

  @Override
  public NDArray sample(Denoiser denoiser, NDArray globalCond, Shape shape, int steps, GaussianNoise noise, NDManager manager) {
    Sampler.checkSteps("DPM-Solver++", steps, schedule);
    int[] ts = timesteps(schedule.trainTimesteps(), steps);
    NDArray x = noise.next(manager, shape);
    NDArray previousX0 = null;
    double previousLambda = Double.NaN;
    for (int i = 0; i < ts.length; i++) {
      int s = ts[i];
      boolean last = i == ts.length - 1;
      double alphaS = Math.sqrt(schedule.alphaCumprod(s));
      double sigmaS = Math.sqrt(1 - schedule.alphaCumprod(s));
      double lambdaS = Math.log(alphaS) - Math.log(sigmaS);
      double alphaT = last ? 1.0 : Math.sqrt(schedule.alphaCumprod(ts[i + 1]));
      double sigmaT = last ? 0.0 : Math.sqrt(1 - schedule.alphaCumprod(ts[i + 1]));
      NDArray out = denoiser.predict(x, s, globalCond);
      NDArray x0 = ModelOutput.clip(schedule, ModelOutput.originalSample(schedule, x, out, s));
      NDArray next;
      if (last) {
        // σ_t = 0: the first-order update is exactly x̂₀ (σ_t/σ_s = 0, e^{−h} = 0, α_t = 1).
        next = x0;
      } else {
        double lambdaT = Math.log(alphaT) - Math.log(sigmaT);
        double h = lambdaT - lambdaS;
        double phi = Math.expm1(-h);
        NDArray d = x0;
        if (previousX0 != null) {
          double r = (lambdaS - previousLambda) / h;
          d = x0.add(x0.sub(previousX0).mul(0.5 / r));
        }
        next = x.mul(sigmaT / sigmaS).sub(d.mul(alphaT * phi));
      }
      previousX0 = x0;
      previousLambda = lambdaS;
      x = next;
    }
    return x;
  }
}
