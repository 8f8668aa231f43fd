package io.diffpilot.policy.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Locale;

/**
 * The PyTorch engine and the device for a config string. DiffPilot only ever uses DJL's
 * PyTorch engine with the CPU natives bundled on the class path (offline: nothing is
 * downloaded); a GPU machine points DJL at a CUDA libtorch instead (see policy/README.md).
 */
public final class Engines {

  /** DJL's name of the PyTorch engine. */
  public static final String PYTORCH = "PyTorch";

  private Engines() {}

  /** Starts (once per JVM) and returns the PyTorch engine. */
  public static Engine pytorch() {
    try {
      return Engine.getEngine(PYTORCH);
    } catch (RuntimeException e) {
      throw new IllegalStateException("the DJL PyTorch engine did not start (are pytorch-engine, pytorch-jni and "
          + "pytorch-native-cpu on the class path, and PYTORCH_VERSION unset or 2.7.1?): " + e.getMessage(), e);
    }
  }

  /**
   * {@code cpu}, {@code gpu} (the first GPU; fails when there is none) or {@code auto} (the
   * first GPU when the engine sees one, else the CPU).
   */
  public static Device device(String spec) {
    String s = spec == null ? "auto" : spec.trim().toLowerCase(Locale.ROOT);
    return switch (s) {
      case "cpu" -> Device.cpu();
      case "gpu", "cuda" -> {
        if (pytorch().getGpuCount() < 1) {
          throw new IllegalStateException("device 'gpu' requested but the PyTorch engine sees no GPU "
              + "(this libtorch is CPU-only; see policy/README.md for PYTORCH_LIBRARY_PATH)");
        }
        yield Device.gpu(0);
      }
      case "auto" -> pytorch().getGpuCount() > 0 ? Device.gpu(0) : Device.cpu();
      default -> throw new IllegalArgumentException("device must be cpu, gpu or auto, got '" + spec + "'");
    };
  }
}
