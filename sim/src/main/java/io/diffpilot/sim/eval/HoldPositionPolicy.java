package io.diffpilot.sim.eval;

import io.diffpilot.core.ChunkPolicy;
import io.diffpilot.core.PolicyShape;
import io.diffpilot.core.Sampling;

/**
 * The trivial Push-T policy: every action targets the agent's current position (state
 * observation, To = 2, Ta = 8). Scores whatever coverage the start has; used to time the harness.
 */
public final class HoldPositionPolicy implements ChunkPolicy {
  private static final PolicyShape SHAPE = new PolicyShape(2, 5, 8, 2);

  @Override
  public PolicyShape shape() {
    return SHAPE;
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
