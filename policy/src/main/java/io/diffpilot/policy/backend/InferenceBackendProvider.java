package io.diffpilot.policy.backend;

import ai.djl.Device;
import io.diffpilot.core.ChunkPolicy;
import io.diffpilot.policy.model.ModelDirectory;
import io.diffpilot.policy.model.NetworkFactory;

/**
 * One implementation of policy inference ({@code inference.backend} in config.yaml), found by
 * {@link java.util.ServiceLoader} (META-INF/services/io.diffpilot.policy.backend.InferenceBackendProvider).
 * {@link InferenceBackends} picks one by name, or for {@code auto} the available one with the
 * highest priority; all give the same chunk for the same seed (to float rounding).
 */
public interface InferenceBackendProvider {

  /** The name config.yaml uses, lower case ("java", "djl"). */
  String name();

  /** Rank for {@code auto}: the available provider with the highest priority wins. */
  int priority();

  /** Whether {@code auto} may pick this backend for a model run on {@code device} (null: the CPU). */
  boolean isAvailable(Device device);

  /**
   * Opens a policy on this backend.
   *
   * @param model the model directory (config, weights, normalizer)
   * @param network builds the DJL network, for backends that run one
   * @param device where DJL runs; CPU-only backends ignore it
   * @param threads kernel threads of backends that have their own pool
   */
  ChunkPolicy open(ModelDirectory model, NetworkFactory network, Device device, int threads);
}
