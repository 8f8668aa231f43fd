package io.diffpilot.policy.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.Map;

/**
 * diffusion_policy's {@code Conv1dBlock}: Conv1d (kernel k, "same" padding) → GroupNorm → Mish,
 * [B, in, T] → [B, out, T]. State-dict keys {@code block.0.*} (conv) and {@code block.1.*} (norm).
 */
public final class Conv1dBlock extends ArrayBlock {

  private static final byte VERSION = 1;

  private final int outChannels;
  private final Conv1dLayer conv;
  private final GroupNorm1d norm;

  public Conv1dBlock(int inChannels, int outChannels, int kernelSize, int groups) {
    super(VERSION);
    this.outChannels = outChannels;
    conv = addChildBlock("block.0", Conv1dLayer.same(inChannels, outChannels, kernelSize));
    norm = addChildBlock("block.1", new GroupNorm1d(groups, outChannels));
  }

  /** [B, in, T] → [B, out, T]. */
  public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
    return Mish.apply(norm.apply(ps, conv.apply(ps, x, training), training));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return sameBatch(inputShapes[0], outChannels, inputShapes[0].get(2));
  }

  @Override
  public void collectParameters(String prefix, Map<String, Parameter> out) {
    conv.collectParameters(prefix + "block.0.", out);
    norm.collectParameters(prefix + "block.1.", out);
  }
}
