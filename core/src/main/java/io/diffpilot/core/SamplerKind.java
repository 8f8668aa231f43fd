package io.diffpilot.core;

import java.util.Locale;

/** The reverse-diffusion samplers a diffusion policy offers. */
public enum SamplerKind {
  /** Ancestral DDPM with the fixed_small variance; uses every training timestep. */
  DDPM,
  /** DDIM with a chosen step count and η (0 = deterministic). */
  DDIM,
  /** DPM-Solver++ (2M), multistep second order. */
  DPM_SOLVER_PP,
  /**
   * A distilled x₀-prediction student (policy.distill): 1 … K steps on trailing-spaced timesteps
   * from t = N − 1; each further step re-noises the estimate deterministically (DDIM, η = 0).
   */
  CONSISTENCY;

  /** Parses "ddpm", "ddim", "dpm-solver++", "dpmpp", "consistency" (case-insensitive). */
  public static SamplerKind parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    return switch (t) {
      case "ddpm" -> DDPM;
      case "ddim" -> DDIM;
      case "dpm-solver++", "dpm-solver-pp", "dpmpp", "dpm++", "dpmsolver++" -> DPM_SOLVER_PP;
      case "consistency", "cm" -> CONSISTENCY;
      default -> throw new IllegalArgumentException("unknown sampler '" + text
          + "' (ddpm, ddim, dpm-solver++, consistency)");
    };
  }
}
