package io.diffpilot.runtime.fleet;

import io.diffpilot.core.ChunkPolicy;
import io.diffpilot.core.Sampling;
import io.diffpilot.policy.backend.FastDiffusionPolicy;
import io.diffpilot.policy.model.DiffusionPolicy;

/**
 * One denoising call for the histories of several robots. The diffusion policies run the batch
 * through the network together (row b seeded {@code seed + b}); any other policy is called once
 * per row, which is correct but gains nothing.
 */
final class BatchedPolicy {
  private BatchedPolicy() {}

  /**
   * @param histories [B][To][obsDim]
   * @return [B][Ta][A]
   */
  static float[][][] predict(ChunkPolicy policy, float[][][] histories, Sampling sampling) {
    if (policy instanceof FastDiffusionPolicy fast) {
      return fast.predictChunks(histories, sampling);
    }
    if (policy instanceof DiffusionPolicy djl) {
      return djl.predictChunks(histories, sampling);
    }
    float[][][] out = new float[histories.length][][];
    for (int b = 0; b < histories.length; b++) {
      out[b] = policy.predictChunk(histories[b], sampling.withSeed(sampling.seed() + b));
    }
    return out;
  }
}
