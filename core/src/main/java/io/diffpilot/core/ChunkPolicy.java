package io.diffpilot.core;

/**
 * The one interface a policy offers to the world: an observation history in, a chunk of future
 * actions out. The diffusion policy in {@code policy} implements it; {@code sim} evaluates any
 * implementation; {@code runtime} time-stamps and publishes what it returns.
 *
 * <p>Timeline (To = {@link #obsSteps()}, Ta = {@link #actionSteps()}): the history holds the
 * observations of steps t−To+1 … t; the returned actions are for steps t … t+Ta−1, the first one
 * being the action to apply at the last observed step, as diffusion_policy does.
 */
public interface ChunkPolicy extends AutoCloseable {

  /**
   * The policy's sizes. Implementations override either this or all four size accessors below
   * (each side defaults to the other).
   */
  default PolicyShape shape() {
    return new PolicyShape(obsSteps(), obsDim(), actionSteps(), actionDim());
  }

  /** Observation history length To. */
  default int obsSteps() {
    return shape().obsSteps();
  }

  /** Number of actions returned per chunk, Ta. */
  default int actionSteps() {
    return shape().actionSteps();
  }

  /** Width of one observation vector. */
  default int obsDim() {
    return shape().obsDim();
  }

  /** Width of one action vector A. */
  default int actionDim() {
    return shape().actionDim();
  }

  /**
   * Predicts the next actions. Implementations override this or {@link #predictChunks} (each
   * defaults to the other).
   *
   * @param obsHistory [To][obsDim], oldest first, finite
   * @param sampling sampler, step count and seed
   * @return [Ta][actionDim] in the robot's action units (already un-normalised)
   */
  default float[][] predictChunk(float[][] obsHistory, Sampling sampling) {
    return predictChunks(new float[][][] {obsHistory}, sampling)[0];
  }

  /**
   * Chunks for several histories (robots) in one call, row b sampled with seed {@code seed + b},
   * so row 0 equals {@link #predictChunk} with the same sampling. The default calls
   * {@link #predictChunk} once per row; a policy that batches its network overrides it.
   *
   * @param histories [B][To][obsDim]
   * @return [B][Ta][actionDim]
   */
  default float[][][] predictChunks(float[][][] histories, Sampling sampling) {
    float[][][] out = new float[histories.length][][];
    for (int b = 0; b < histories.length; b++) {
      out[b] = predictChunk(histories[b], sampling.withSeed(sampling.seed() + b));
    }
    return out;
  }

  /**
   * The sampler and step count this policy's model asks for (a model directory's
   * {@code inference:} section: a distilled student says {@code consistency}), or null when it has
   * no preference; callers without an explicit choice use it.
   */
  default Sampling preferredSampling() {
    return null;
  }

  /** Releases native resources; the default holds none. */
  @Override
  default void close() {}
}
