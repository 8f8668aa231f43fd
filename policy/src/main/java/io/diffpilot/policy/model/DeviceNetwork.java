package io.diffpilot.policy.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.Objects;

/**
 * A {@link DenoisingNetwork} whose parameters live on one device's {@link NDManager}, as the DJL
 * policies ({@link DiffusionPolicy}, {@link RegressionPolicy}) hold it: each call runs on a
 * sub-manager of it, and closing it frees the parameters.
 */
final class DeviceNetwork implements AutoCloseable {
  private final DenoisingNetwork network;
  private final NDManager manager;
  private final ParameterStore store;

  /**
   * @param network an initialised network whose parameters live on {@code manager}
   * @param manager owns the network's parameters; closed by {@link #close()}
   */
  DeviceNetwork(DenoisingNetwork network, NDManager manager) {
    this.network = Objects.requireNonNull(network, "network");
    this.manager = Objects.requireNonNull(manager, "manager");
    this.store = new ParameterStore(manager, false);
  }

  /** Builds the network of {@code model} with {@code factory} on {@code device} and loads its weights. */
  static DeviceNetwork load(ModelDirectory model, NetworkFactory factory, Device device) {
    Objects.requireNonNull(model, "model");
    NDManager m = NDManager.newBaseManager(device);
    try {
      DenoisingNetwork net = factory.create(model.config());
      net.initialize(m);
      NetworkWeights.load(net, model.weights());
      return new DeviceNetwork(net, m);
    } catch (RuntimeException e) {
      m.close();
      throw e;
    }
  }

  /** A manager for one call's arrays; close it (with an NDScope) before returning. */
  NDManager newCallManager() {
    return manager.newSubManager();
  }

  /** Inference forward pass: noisy sample [B, Tp, A], timesteps [B], condition [B, G] → [B, Tp, A]. */
  NDArray forward(NDArray sample, NDArray timesteps, NDArray globalCond) {
    return network.forward(store, sample, timesteps, globalCond, false);
  }

  /** Number of NDArrays alive on the manager tree (for leak checks). */
  int openArrays() {
    return manager.getManagedArrays().size();
  }

  @Override
  public void close() {
    manager.close();
  }
}
