package io.diffpilot.policy.backend;

import ai.djl.Device;
import io.diffpilot.core.ChunkPolicy;
import io.diffpilot.policy.fast.FastUnet1d;
import io.diffpilot.policy.model.ModelDirectory;
import io.diffpilot.policy.model.NetworkFactory;

/**
 * The {@code java} backend ({@link FastDiffusionPolicy}: plain-Java kernels, no native calls,
 * nothing allocated per step). {@code auto} takes it on the CPU when the JVM has
 * {@code jdk.incubator.vector}; without it the kernels fall back to scalar code, several times slower.
 */
public final class JavaBackendProvider implements InferenceBackendProvider {

  @Override
  public String name() {
    return "java";
  }

  @Override
  public int priority() {
    return 100;
  }

  /** The kernels have no GPU path. */
  @Override
  public boolean isAvailable(Device device) {
    boolean cpu = device == null || Device.Type.CPU.equals(device.getDeviceType());
    return cpu && FastUnet1d.vectorApiAvailable();
  }

  @Override
  public ChunkPolicy open(ModelDirectory model, NetworkFactory network, Device device, int threads) {
    return FastDiffusionPolicy.create(model, threads);
  }
}
