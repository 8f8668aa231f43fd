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

  /** Observation history length To. */
  int obsSteps();

  /** Number of actions returned per chunk, Ta. */
  int actionSteps();

  /** Width of one observation vector. */
  int obsDim();

  /** Width of one action vector A. */
  int actionDim();

  /**
   * Predicts the next actions.
   *
   * @param obsHistory [To][obsDim], oldest first, finite
   * @param sampling sampler, step count and seed
   * @return [Ta][actionDim] in the robot's action units (already un-normalised)
   */
  float[][] predictChunk(float[][] obsHistory, Sampling sampling);

  /** Releases native resources; the default holds none. */
  @Override
  default void close() {}
}
