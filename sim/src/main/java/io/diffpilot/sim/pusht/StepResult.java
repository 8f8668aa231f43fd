package io.diffpilot.sim.pusht;

/**
 * What one Push-T control step returns.
 *
 * @param state the state after the step
 * @param observation the observation vector of the environment's configured kind
 * @param reward clip(coverage / 0.95, 0, 1)
 * @param coverage area(goal ∩ block) / area(goal)
 * @param success coverage &gt; 0.95
 * @param done success, or the step limit reached
 * @param step number of control steps taken since the reset (1 after the first)
 */
public record StepResult(
    PushTState state, float[] observation, double reward, double coverage, boolean success, boolean done, int step) {}
