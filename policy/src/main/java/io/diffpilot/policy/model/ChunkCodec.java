package io.diffpilot.policy.model;

import io.diffpilot.policy.normalize.LinearNormalizer;
import java.util.Arrays;
import java.util.Objects;

/**
 * The policy's edges, shared by every backend: observation histories in observation units become
 * the normalised global condition the network sees, and normalised trajectories the network
 * produces become action chunks in action units. Each backend only samples in between.
 */
public final class ChunkCodec {
  private final PolicyLayout layout;
  private final LinearNormalizer normalizer;

  public ChunkCodec(PolicyLayout layout, LinearNormalizer normalizer) {
    this.layout = Objects.requireNonNull(layout, "layout");
    this.normalizer = Objects.requireNonNull(normalizer, "normalizer");
  }

  /**
   * Validates and flattens B histories into the normalised condition [B·To·obsDim].
   *
   * @param histories [B][To][obsDim], oldest first, finite
   * @throws IllegalArgumentException naming the history, observation and column at fault
   */
  public float[] condition(float[][][] histories) {
    Objects.requireNonNull(histories, "histories");
    if (histories.length == 0) {
      throw new IllegalArgumentException("no observation histories given");
    }
    int to = layout.obsSteps();
    int d = layout.obsDim();
    float[] cond = new float[histories.length * to * d];
    for (int b = 0; b < histories.length; b++) {
      float[][] h = histories[b];
      if (h == null || h.length != to) {
        throw new IllegalArgumentException("history " + b + " has " + (h == null ? 0 : h.length)
            + " observations, the policy needs obsSteps = " + to);
      }
      for (int s = 0; s < to; s++) {
        if (h[s] == null || h[s].length != d) {
          throw new IllegalArgumentException("history " + b + ", observation " + s + " has width "
              + (h[s] == null ? 0 : h[s].length) + ", expected obsDim = " + d);
        }
        for (int j = 0; j < d; j++) {
          if (!Float.isFinite(h[s][j])) {
            throw new IllegalArgumentException("history " + b + ", observation " + s + ", column " + j + " is not finite");
          }
        }
        System.arraycopy(h[s], 0, cond, (b * to + s) * d, d);
      }
    }
    normalizer.obs().normalizeInPlace(cond);
    return cond;
  }

  /**
   * Un-normalises (in place) and splits normalised trajectories [B·Tp·A] into [B][Tp][A] in
   * action units.
   */
  public float[][][] horizons(float[] normalized, int batch) {
    int tp = layout.horizon();
    int a = layout.actionDim();
    if (normalized.length != batch * tp * a) {
      throw new IllegalArgumentException("expected " + batch * tp * a + " values for [" + batch + ", " + tp + ", " + a
          + "], got " + normalized.length);
    }
    normalizer.action().unnormalizeInPlace(normalized);
    float[][][] out = new float[batch][tp][a];
    for (int b = 0; b < batch; b++) {
      for (int t = 0; t < tp; t++) {
        System.arraycopy(normalized, (b * tp + t) * a, out[b][t], 0, a);
      }
    }
    return out;
  }

  /** The executed slice of each horizon: Ta actions from index To − 1, [B][Ta][A]. */
  public float[][][] chunks(float[][][] horizons) {
    int start = layout.chunkStart();
    float[][][] out = new float[horizons.length][][];
    for (int b = 0; b < horizons.length; b++) {
      out[b] = Arrays.copyOfRange(horizons[b], start, start + layout.actionSteps());
    }
    return out;
  }
}
