package io.diffpilot.policy.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.training.ParameterStore;

/**
 * PyTorch's {@code nn.Conv1d}: [B, in, L] → [B, out, L'], weight [out, in, k], bias [out],
 * PyTorch's default initialisation.
 */
final class Conv1dLayer extends ArrayBlock {

  private static final byte VERSION = 1;

  private final int outChannels;
  private final int kernelSize;
  private final Shape stride;
  private final Shape padding;
  private final Parameter weight;
  private final Parameter bias;

  Conv1dLayer(int inChannels, int outChannels, int kernelSize, int stride, int padding) {
    super(VERSION);
    this.outChannels = outChannels;
    this.kernelSize = kernelSize;
    this.stride = new Shape(stride);
    this.padding = new Shape(padding);
    PyTorchDefaultInit init = PyTorchDefaultInit.forFanIn((long) inChannels * kernelSize);
    weight = addParameter(init.weight("weight", new Shape(outChannels, inChannels, kernelSize)));
    bias = addParameter(init.bias("bias", new Shape(outChannels)));
  }

  /** "Same" convolution with stride 1 (padding k/2), as diffusion_policy's blocks use. */
  static Conv1dLayer same(int inChannels, int outChannels, int kernelSize) {
    return new Conv1dLayer(inChannels, outChannels, kernelSize, 1, kernelSize / 2);
  }

  /** [B, in, L] → [B, out, (L + 2p − k) / s + 1]. */
  NDArray apply(ParameterStore ps, NDArray x, boolean training) {
    NDArray w = ps.getValue(weight, x.getDevice(), training);
    NDArray b = ps.getValue(bias, x.getDevice(), training);
    return Conv1d.conv1d(x, w, b, stride, padding, new Shape(1), 1).singletonOrThrow();
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape in = inputShapes[0];
    long length = (in.get(2) + 2 * padding.get(0) - kernelSize) / stride.get(0) + 1;
    return sameBatch(in, outChannels, length);
  }
}
