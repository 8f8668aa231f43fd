package io.diffpilot.policy.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;

/**
 * PyTorch's default initialisation of {@code nn.Linear} / {@code nn.Conv1d} weights and biases
 * (kaiming-uniform with a = sqrt(5)): uniform in [-1/sqrt(fanIn), 1/sqrt(fanIn)], fanIn being
 * the number of inputs feeding one output. The bound is fixed at construction because a bias's
 * bound depends on its weight's fan-in, not on its own shape.
 */
final class PyTorchDefaultInit implements Initializer {

  private final float bound;

  private PyTorchDefaultInit(float bound) {
    this.bound = bound;
  }

  /** For a weight or bias of a layer with {@code fanIn} inputs per output. */
  static PyTorchDefaultInit forFanIn(long fanIn) {
    return new PyTorchDefaultInit((float) (1.0 / Math.sqrt(fanIn)));
  }

  /** A weight parameter of the layer, named by its state-dict key, with this initialisation. */
  Parameter weight(String key, Shape shape) {
    return parameter(key, Parameter.Type.WEIGHT, shape);
  }

  /** The layer's bias parameter: same bound as its weight. */
  Parameter bias(String key, Shape shape) {
    return parameter(key, Parameter.Type.BIAS, shape);
  }

  private Parameter parameter(String key, Parameter.Type type, Shape shape) {
    return Parameter.builder().setName(key).setType(type).optShape(shape).optInitializer(this).build();
  }

  @Override
  public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
    return manager.randomUniform(-bound, bound, shape, dataType);
  }
}
