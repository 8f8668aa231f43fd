package io.diffpilot.sim.eval;

import io.diffpilot.core.ChunkPolicy;
import io.diffpilot.core.PolicyShape;
import io.diffpilot.core.Sampling;
import java.util.SplittableRandom;

/** Policies with known behaviour for testing the harness. */
public final class ScriptedPolicies {
  private ScriptedPolicies() {}

  /** What a scripted policy answers to one history. */
  public interface Script {
    float[][] chunk(float[][] history, Sampling sampling);
  }

  /** A policy of these sizes that answers with {@code script}; it holds nothing to close. */
  public static ChunkPolicy of(PolicyShape shape, Script script) {
    return new ChunkPolicy() {
      @Override
      public PolicyShape shape() {
        return shape;
      }

      @Override
      public float[][] predictChunk(float[][] h, Sampling s) {
        return script.chunk(h, s);
      }
    };
  }

  /** Holds the agent where it is: targets = current agent position (state observation). */
  public static ChunkPolicy doNothing() {
    return of(new PolicyShape(2, 5, 8, 2), (h, s) -> {
      float[] last = h[h.length - 1];
      float[][] out = new float[8][];
      for (int i = 0; i < out.length; i++) {
        out[i] = new float[] {last[0], last[1]};
      }
      return out;
    });
  }

  /**
   * Steers the agent along a fixed path: towards a waypoint that moves around a circle of radius
   * 150 about the centre, one waypoint per chunk, plus noise drawn from the sampling seed so that
   * determinism depends on the harness's seed derivation.
   */
  public static ChunkPolicy circlePath(double noisePx) {
    return of(new PolicyShape(2, 20, 8, 2), (h, s) -> {
      float[] last = h[h.length - 1];
      double angle = Math.atan2(last[19] - 256, last[18] - 256) + 0.5;
      SplittableRandom rng = new SplittableRandom(s.seed());
      float[][] out = new float[8][];
      for (int i = 0; i < out.length; i++) {
        double a = angle + 0.05 * i;
        out[i] = new float[] {
          (float) (256 + 150 * Math.cos(a) + noisePx * rng.nextGaussian()),
          (float) (256 + 150 * Math.sin(a) + noisePx * rng.nextGaussian())
        };
      }
      return out;
    });
  }
}
