package io.diffpilot.policy.fast;

import ai.djl.Device;
import io.diffpilot.core.ChunkPolicy;
import io.diffpilot.policy.model.DiffusionPolicy;
import io.diffpilot.policy.model.ModelDirectory;
import io.diffpilot.policy.model.NetworkFactory;
import java.util.Locale;
import java.util.Objects;

/**
 * Which implementation of the network runs inference ({@code inference.backend} in config.yaml).
 * Both give the same chunk for the same seed (to float rounding); DJL stays the reference and the
 * training engine.
 */
public enum InferenceBackend {
  /** The fastest available: {@link #JAVA} when the Vector API module is present, else {@link #DJL}. */
  AUTO,
  /** {@link FastDiffusionPolicy}: plain-Java kernels, no native calls, nothing allocated per step. */
  JAVA,
  /** {@link DiffusionPolicy}: the DJL (PyTorch engine) network, op by op; also runs on a GPU. */
  DJL;

  /** "auto", "java" or "djl", any case. */
  public static InferenceBackend parse(String name) {
    Objects.requireNonNull(name, "backend");
    return switch (name.trim().toLowerCase(Locale.ROOT)) {
      case "auto" -> AUTO;
      case "java" -> JAVA;
      case "djl" -> DJL;
      default -> throw new IllegalArgumentException("inference backend must be auto, java or djl, got '" + name + "'");
    };
  }

  /**
   * The concrete backend: AUTO becomes JAVA when the JVM has {@code jdk.incubator.vector} and the
   * device is the CPU (the Java kernels have no GPU path), DJL otherwise.
   */
  public InferenceBackend resolve(Device device) {
    if (this != AUTO) {
      return this;
    }
    boolean cpu = device == null || Device.Type.CPU.equals(device.getDeviceType());
    return cpu && Gemm.vectorApiAvailable() ? JAVA : DJL;
  }

  /**
   * Opens a model directory on the backend its config.yaml names ({@code inference.backend}),
   * with the DJL ConditionalUnet1d as the {@code djl} network: the entry point for the runtime.
   */
  public static ChunkPolicy openConfigured(ModelDirectory model, Device device, int threads) {
    return parse(model.config().inference().backend()).open(model, UnetDenoisingNetwork.factory(), device, threads);
  }

  /**
   * Opens a policy on this backend.
   *
   * @param model the model directory
   * @param djlNetwork builds the DJL network (used by {@link #DJL})
   * @param device where DJL runs; the Java backend always runs on the CPU
   * @param threads threads of the Java backend (1 or 2 on a 2-core machine)
   */
  public ChunkPolicy open(ModelDirectory model, NetworkFactory djlNetwork, Device device, int threads) {
    return switch (resolve(device)) {
      case JAVA -> FastDiffusionPolicy.create(model, threads);
      case DJL -> DiffusionPolicy.create(model, djlNetwork, device);
      case AUTO -> throw new IllegalStateException("unresolved backend");
    };
  }
}
