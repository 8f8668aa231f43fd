package io.diffpilot.core;

import java.util.Objects;

/**
 * How to draw one chunk: which sampler, how many denoising steps, and the noise seed.
 * The step count is a call argument, never a model property.
 *
 * @param sampler the reverse-process sampler
 * @param steps number of denoising steps, ≥ 1 (DDPM ignores it and uses all training steps)
 * @param seed seed of the initial noise (and DDPM/DDIM-η noise); same seed, same chunk
 */
public record Sampling(SamplerKind sampler, int steps, long seed) {

  public Sampling {
    Objects.requireNonNull(sampler, "sampler");
    if (steps < 1) {
      throw new IllegalArgumentException("steps must be >= 1, got " + steps);
    }
  }

  public static Sampling ddim(int steps, long seed) {
    return new Sampling(SamplerKind.DDIM, steps, seed);
  }

  public Sampling withSteps(int newSteps) {
    return new Sampling(sampler, newSteps, seed);
  }

  public Sampling withSeed(long newSeed) {
    return new Sampling(sampler, steps, newSeed);
  }
}
