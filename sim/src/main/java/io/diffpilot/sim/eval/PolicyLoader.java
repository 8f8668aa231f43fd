package io.diffpilot.sim.eval;

import io.diffpilot.core.ChunkPolicy;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Loads a policy from a model directory. The {@code policy} module implements it (sim never
 * depends on DJL); the evaluation calls it once per worker thread, since a policy need not be
 * thread-safe.
 */
@FunctionalInterface
public interface PolicyLoader {

  /**
   * @param modelDir the model directory (config.yaml, weights, normalizer)
   * @param workerIndex 0-based worker thread index, for per-worker resources
   */
  ChunkPolicy load(Path modelDir, int workerIndex) throws IOException;
}
