package io.diffpilot.sim.eval;

import io.diffpilot.core.ChunkPolicy;
import io.diffpilot.core.Sampling;

/**
 * The trivial Push-T policy: every action targets the agent's current position (state
 * observation, To = 2, Ta = 8). Scores whatever coverage the start has; used to time the harness.
 */
public final class HoldPositionPolicy implements ChunkPolicy {
  @Override
  public int obsSteps() {
    return 2;
  }

  @Override
  public int actionSteps() {
    return 8;
  }

  @Override
  public int obsDim() {
    return 5;
  }

  @Override
  public int actionDim() {
    return 2;
  }

  @Override
  public float[][] predictChunk(float[][] obsHistory, Sampling sampling) {
    float[] last = obsHistory[obsHistory.length - 1];
    float[][] out = new float[8][];
    for (int i = 0; i < 8; i++) {
      out[i] = new float[] {last[0], last[1]};
    }
    return out;
  }
}
