package io.diffpilot.policy.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/**
 * Mish, {@code x * tanh(softplus(x))}, as PyTorch's {@code nn.Mish}. DJL's
 * {@code Activation.mish} does not compute this on the PyTorch engine, so the network uses this.
 */
final class Mish {

  private Mish() {}

  /** Element-wise Mish of any shape. */
  static NDArray apply(NDArray x) {
    return x.mul(Activation.softPlus(x).tanh());
  }
}
