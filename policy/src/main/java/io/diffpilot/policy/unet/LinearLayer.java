package io.diffpilot.policy.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;

/**
 * PyTorch's {@code nn.Linear}: [B, in] → [B, out], weight [out, in], bias [out], PyTorch's
 * default initialisation. Shapes are fixed at construction so that a state dict can be checked
 * before any engine starts.
 */
final class LinearLayer extends ArrayBlock {

  private static final byte VERSION = 1;

  private final int inFeatures;
  private final int outFeatures;
  private final Parameter weight;
  private final Parameter bias;

  LinearLayer(int inFeatures, int outFeatures) {
    super(VERSION);
    this.inFeatures = inFeatures;
    this.outFeatures = outFeatures;
    PyTorchDefaultInit init = PyTorchDefaultInit.forFanIn(inFeatures);
    weight = addParameter(init.weight("weight", new Shape(outFeatures, inFeatures)));
    bias = addParameter(init.bias("bias", new Shape(outFeatures)));
  }

  /** [B, in] → [B, out]. */
  NDArray apply(ParameterStore ps, NDArray x, boolean training) {
    NDArray w = ps.getValue(weight, x.getDevice(), training);
    NDArray b = ps.getValue(bias, x.getDevice(), training);
    return Linear.linear(x, w, b).singletonOrThrow();
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0), outFeatures)};
  }

  int inFeatures() {
    return inFeatures;
  }
}
