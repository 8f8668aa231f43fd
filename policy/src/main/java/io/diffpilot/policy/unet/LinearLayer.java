package io.diffpilot.policy.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Map;

/**
 * PyTorch's {@code nn.Linear}: [B, in] → [B, out], weight [out, in], bias [out], PyTorch's
 * default initialisation. Shapes are fixed at construction so that a state dict can be checked
 * before any engine starts.
 */
final class LinearLayer extends AbstractBlock implements StateDictBlock {

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
    weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT)
        .optShape(new Shape(outFeatures, inFeatures)).optInitializer(init).build());
    bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS)
        .optShape(new Shape(outFeatures)).optInitializer(init).build());
  }

  /** [B, in] → [B, out]. */
  NDArray apply(ParameterStore ps, NDArray x, boolean training) {
    NDArray w = ps.getValue(weight, x.getDevice(), training);
    NDArray b = ps.getValue(bias, x.getDevice(), training);
    return Linear.linear(x, w, b).singletonOrThrow();
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    return new NDList(apply(ps, inputs.singletonOrThrow(), training));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0), outFeatures)};
  }

  @Override
  public void collectParameters(String prefix, Map<String, Parameter> out) {
    out.put(prefix + "weight", weight);
    out.put(prefix + "bias", bias);
  }

  int inFeatures() {
    return inFeatures;
  }
}
