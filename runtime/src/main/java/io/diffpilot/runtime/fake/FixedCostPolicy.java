package io.diffpilot.runtime.fake;

import io.diffpilot.core.ChunkPolicy;
import io.diffpilot.core.PolicyShape;
import io.diffpilot.core.Sampling;

/**
 * A stand-in policy of known cost: each denoising step busy-waits {@code nanosPerStep}, and the
 * returned chunk is the newest observation's first A values plus {@code 0.01·i} for action i, so
 * a test can tell which observation a chunk answers. For benchmarks of the runtime around the
 * policy, and for the transport's end-to-end tests.
 */
public final class FixedCostPolicy implements ChunkPolicy {
  private final long nanosPerStep;
  private final PolicyShape shape;

  public FixedCostPolicy(int obsSteps, int obsDim, int actionSteps, int actionDim, long nanosPerStep) {
    if (obsSteps < 1 || obsDim < 1 || actionSteps < 1 || actionDim < 1 || actionDim > obsDim || nanosPerStep < 0) {
      throw new IllegalArgumentException("need positive sizes, actionDim <= obsDim and nanosPerStep >= 0");
    }
    this.nanosPerStep = nanosPerStep;
    this.shape = new PolicyShape(obsSteps, obsDim, actionSteps, actionDim);
  }

  @Override
  public PolicyShape shape() {
    return shape;
  }

  @Override
  public float[][] predictChunk(float[][] obsHistory, Sampling sampling) {
    long end = System.nanoTime() + nanosPerStep * sampling.steps();
    while (System.nanoTime() < end) {
      Thread.onSpinWait(); // a busy CPU, like a real denoising loop
    }
    float[] last = obsHistory[obsHistory.length - 1];
    float[][] out = new float[shape.actionSteps()][shape.actionDim()];
    for (int i = 0; i < out.length; i++) {
      for (int d = 0; d < out[i].length; d++) {
        out[i][d] = last[d] + 0.01f * i;
      }
    }
    return out;
  }
}
