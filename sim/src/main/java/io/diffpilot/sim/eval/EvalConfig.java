package io.diffpilot.sim.eval;

import io.diffpilot.core.SamplerKind;
import io.diffpilot.sim.pusht.ObservationKind;
import java.util.Objects;

/**
 * One Push-T evaluation: which seeds, how long, how the policy samples, how many threads.
 *
 * @param episodes number of episodes, seeds seedStart … seedStart + episodes − 1
 * @param seedStart first reset seed (paper: 100000)
 * @param maxSteps control steps per episode (paper: 300)
 * @param observation the observation the policy reads; null = chosen from the policy's obsDim
 * @param sampler reverse-diffusion sampler
 * @param inferenceSteps denoising steps per chunk
 * @param samplerSeed root of every chunk's noise seed (see {@link #chunkSeed})
 * @param workers threads, each with its own environment and policy
 * @param gifEpisodes how many of the first episodes go into rollouts.gif (0 = none)
 */
public record EvalConfig(
    int episodes,
    long seedStart,
    int maxSteps,
    ObservationKind observation,
    SamplerKind sampler,
    int inferenceSteps,
    long samplerSeed,
    int workers,
    int gifEpisodes) {

  public EvalConfig {
    Objects.requireNonNull(sampler, "sampler");
    if (episodes < 1) {
      throw new IllegalArgumentException("episodes must be >= 1, got " + episodes);
    }
    if (seedStart < 0 || seedStart + episodes - 1 > 0xFFFFFFFFL) {
      throw new IllegalArgumentException("seeds must lie in [0, 2^32 - 1], got start " + seedStart);
    }
    if (maxSteps < 1) {
      throw new IllegalArgumentException("maxSteps must be >= 1, got " + maxSteps);
    }
    if (inferenceSteps < 1) {
      throw new IllegalArgumentException("inferenceSteps must be >= 1, got " + inferenceSteps);
    }
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be >= 1, got " + workers);
    }
    if (gifEpisodes < 0) {
      throw new IllegalArgumentException("gifEpisodes must be >= 0, got " + gifEpisodes);
    }
  }

  /** The paper's protocol: 50 episodes from seed 100000, 300 steps, DDIM. */
  public static EvalConfig paper(int inferenceSteps, int workers) {
    return new EvalConfig(50, 100000, 300, null, SamplerKind.DDIM, inferenceSteps, 0, workers, 4);
  }

  /**
   * The noise seed of the chunk planned at {@code step} of the episode with reset seed
   * {@code episodeSeed}: a SplitMix64 mix, so results do not depend on which worker ran what.
   */
  public long chunkSeed(long episodeSeed, int step) {
    long z = samplerSeed * 0x9E3779B97F4A7C15L + episodeSeed;
    z = mix(z) + step;
    return mix(z);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
