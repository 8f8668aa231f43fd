package io.diffpilot.sim.eval;

import io.diffpilot.core.ChunkPolicy;
import io.diffpilot.core.Sampling;
import java.util.SplittableRandom;

/** Policies with known behaviour for testing the harness. */
public final class ScriptedPolicies {
  private ScriptedPolicies() {}

  /** Holds the agent where it is: targets = current agent position (state observation). */
  public static ChunkPolicy doNothing() {
    return new Base(5, 2, 8) {
      @Override
      public float[][] predictChunk(float[][] h, Sampling s) {
        float[] last = h[h.length - 1];
        float[][] out = new float[actionSteps()][];
        for (int i = 0; i < out.length; i++) {
          out[i] = new float[] {last[0], last[1]};
        }
        return out;
      }
    };
  }

  /**
   * Steers the agent along a fixed path: towards a waypoint that moves around a circle of radius
   * 150 about the centre, one waypoint per chunk, plus noise drawn from the sampling seed so that
   * determinism depends on the harness's seed derivation.
   */
  public static ChunkPolicy circlePath(double noisePx) {
    return new Base(20, 2, 8) {
      @Override
      public float[][] predictChunk(float[][] h, Sampling s) {
        float[] last = h[h.length - 1];
        double angle = Math.atan2(last[19] - 256, last[18] - 256) + 0.5;
        SplittableRandom rng = new SplittableRandom(s.seed());
        float[][] out = new float[actionSteps()][];
        for (int i = 0; i < out.length; i++) {
          double a = angle + 0.05 * i;
          out[i] = new float[] {
            (float) (256 + 150 * Math.cos(a) + noisePx * rng.nextGaussian()),
            (float) (256 + 150 * Math.sin(a) + noisePx * rng.nextGaussian())
          };
        }
        return out;
      }
    };
  }

  private abstract static class Base implements ChunkPolicy {
    private final int obsDim;
    private final int obsSteps;
    private final int actionSteps;

    Base(int obsDim, int obsSteps, int actionSteps) {
      this.obsDim = obsDim;
      this.obsSteps = obsSteps;
      this.actionSteps = actionSteps;
    }

    @Override
    public int obsSteps() {
      return obsSteps;
    }

    @Override
    public int actionSteps() {
      return actionSteps;
    }

    @Override
    public int obsDim() {
      return obsDim;
    }

    @Override
    public int actionDim() {
      return 2;
    }
  }
}
