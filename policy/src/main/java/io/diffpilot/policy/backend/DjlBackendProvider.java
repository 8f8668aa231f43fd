package io.diffpilot.policy.backend;

import ai.djl.Device;
import io.diffpilot.core.ChunkPolicy;
import io.diffpilot.policy.model.DiffusionPolicy;
import io.diffpilot.policy.model.ModelDirectory;
import io.diffpilot.policy.model.NetworkFactory;

/**
 * The {@code djl} backend ({@link DiffusionPolicy}: the DJL network on the PyTorch engine, op by
 * op): the reference, and the one that runs on a GPU. Always available, so {@code auto} falls back to it.
 */
public final class DjlBackendProvider implements InferenceBackendProvider {

  @Override
  public String name() {
    return "djl";
  }

  @Override
  public int priority() {
    return 10;
  }

  @Override
  public boolean isAvailable(Device device) {
    return true;
  }

  @Override
  public ChunkPolicy open(ModelDirectory model, NetworkFactory network, Device device, int threads) {
    return DiffusionPolicy.create(model, network, device);
  }
}
