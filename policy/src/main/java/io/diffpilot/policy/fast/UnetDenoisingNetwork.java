package io.diffpilot.policy.fast;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import io.diffpilot.policy.model.DenoisingNetwork;
import io.diffpilot.policy.model.NetworkFactory;
import io.diffpilot.policy.unet.ConditionalUnet1d;
import java.util.Map;

/** The DJL ConditionalUnet1d behind the policy's network seam: the {@code djl} backend's network in benchmarks and tests. */
public final class UnetDenoisingNetwork implements DenoisingNetwork {

  private final ConditionalUnet1d net;

  public UnetDenoisingNetwork(ConditionalUnet1d net) {
    this.net = net;
  }

  public static NetworkFactory factory() {
    return config -> new UnetDenoisingNetwork(new ConditionalUnet1d(config.network()));
  }

  @Override
  public Block block() {
    return net;
  }

  @Override
  public Map<String, Parameter> namedParameters() {
    return net.stateDictParameters();
  }

  @Override
  public void initialize(NDManager manager) {
    net.initializeParameters(manager);
  }

  @Override
  public void parametersChanged() {
    net.invalidateCaches();
  }
}
