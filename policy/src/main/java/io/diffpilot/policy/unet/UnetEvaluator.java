package io.diffpilot.policy.unet;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

/**
 * One network evaluation at a time from host arrays to host arrays, each inside its own
 * {@link NDScope} so that no native memory outlives the call. For the command line, benchmarks
 * and tests; samplers that keep tensors on the device do their own scoping.
 */
public final class UnetEvaluator {

  private final ConditionalUnet1d net;
  private final NDManager manager;
  private final ParameterStore parameters;

  /** {@code manager} must be the one (or a child of the one) that owns the network's weights. */
  public UnetEvaluator(ConditionalUnet1d net, NDManager manager) {
    if (!net.isInitialized()) {
      throw new IllegalStateException("ConditionalUnet1d is not initialised");
    }
    this.net = net;
    this.manager = manager;
    this.parameters = new ParameterStore(manager, false);
  }

  public ConditionalUnet1d network() {
    return net;
  }

  public Device device() {
    return manager.getDevice();
  }

  /**
   * sample [B·T·A] (row-major [B, T, A]), timestep [B], globalCond [B·G] → output [B·T·A].
   */
  public float[] forward(float[] sample, long[] timestep, float[] globalCond, int batch, int horizon) {
    UnetConfig c = net.config();
    check("sample", sample.length, (long) batch * horizon * c.inputDim());
    check("timestep", timestep.length, batch);
    check("globalCond", globalCond.length, (long) batch * c.globalCondDim());
    try (NDScope scope = new NDScope()) {
      NDArray x = manager.create(sample, new Shape(batch, horizon, c.inputDim()));
      NDArray t = manager.create(timestep, new Shape(batch));
      NDArray g = manager.create(globalCond, new Shape(batch, c.globalCondDim()));
      NDArray out = net.forward(parameters, new NDList(x, t, g), false).singletonOrThrow();
      return out.toFloatArray();
    }
  }

  private static void check(String name, long got, long expected) {
    if (got != expected) {
      throw new IllegalArgumentException(name + " has " + got + " values, expected " + expected);
    }
  }
}
