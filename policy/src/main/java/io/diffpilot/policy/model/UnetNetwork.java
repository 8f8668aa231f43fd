package io.diffpilot.policy.model;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import io.diffpilot.policy.unet.ConditionalUnet1d;
import io.diffpilot.policy.unet.UnetConfig;
import java.util.Map;
import java.util.Objects;

/** diffusion_policy's ConditionalUnet1D ({@link ConditionalUnet1d}) as the policy's denoising network. */
public final class UnetNetwork implements DenoisingNetwork {

  /** Builds the U-Net the config's {@code network} section describes. */
  public static final NetworkFactory FACTORY = config -> new UnetNetwork(config.network());

  private final ConditionalUnet1d net;
  private Map<String, Parameter> parameters;

  public UnetNetwork(UnetConfig config) {
    this.net = new ConditionalUnet1d(Objects.requireNonNull(config, "config"));
  }

  public ConditionalUnet1d unet() {
    return net;
  }

  @Override
  public Block block() {
    return net;
  }

  @Override
  public Map<String, Parameter> namedParameters() {
    if (parameters == null) {
      parameters = net.stateDictParameters();
    }
    return parameters;
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
