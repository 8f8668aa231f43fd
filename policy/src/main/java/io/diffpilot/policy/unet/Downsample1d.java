package io.diffpilot.policy.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.Map;

/**
 * diffusion_policy's {@code Downsample1d}: Conv1d(C, C, kernel 3, stride 2, padding 1),
 * [B, C, T] → [B, C, T/2]. State-dict keys {@code conv.weight} [C, C, 3], {@code conv.bias}.
 */
public final class Downsample1d extends ArrayBlock {

  private static final byte VERSION = 1;

  private final Conv1dLayer conv;

  public Downsample1d(int channels) {
    super(VERSION);
    conv = addChildBlock("conv", new Conv1dLayer(channels, channels, 3, 2, 1));
  }

  /** [B, C, T] → [B, C, ceil(T/2)]. */
  public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
    return conv.apply(ps, x, training);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return conv.getOutputShapes(inputShapes);
  }

  @Override
  public void collectParameters(String prefix, Map<String, Parameter> out) {
    conv.collectParameters(prefix + "conv.", out);
  }
}
