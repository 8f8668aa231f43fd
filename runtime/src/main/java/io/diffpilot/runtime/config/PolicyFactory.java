package io.diffpilot.runtime.config;

import io.diffpilot.core.ChunkPolicy;
import java.io.IOException;

/**
 * Turns the policy section of a run config into a {@link ChunkPolicy}. The runtime loads policies
 * only through this seam, so the diffusion policy (a model directory) and stand-ins (the
 * fixed-cost fake of benchmarks) are interchangeable.
 */
@FunctionalInterface
public interface PolicyFactory {

  /**
   * @throws IOException if a model directory cannot be read (the message names the file)
   */
  ChunkPolicy create(RunConfig.Policy spec) throws IOException;
}
