package io.diffpilot.runtime.fleet;

import io.diffpilot.core.ChunkPolicy;
import io.diffpilot.core.Sampling;

/**
 * One denoising call for the histories of several robots. The diffusion policies run the batch
 * through the network together (row b seeded {@code seed + b}); any other policy is called once
 * per row ({@link ChunkPolicy#predictChunks}' default), which is correct but gains nothing.
 */
final class BatchedPolicy {
  private BatchedPolicy() {}

  /**
   * @param histories [B][To][obsDim]
   * @return [B][Ta][A]
   */
  static float[][][] predict(ChunkPolicy policy, float[][][] histories, Sampling sampling) {
    return policy.predictChunks(histories, sampling);
  }
}
