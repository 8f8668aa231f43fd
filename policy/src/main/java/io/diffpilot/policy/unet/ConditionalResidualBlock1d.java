package io.diffpilot.policy.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Map;

/**
 * diffusion_policy's {@code ConditionalResidualBlock1D}: x [B, in, T], cond [B, D] →
 * [B, out, T]. Two {@link Conv1dBlock}s; between them FiLM from {@code Linear(Mish(cond))}:
 * with {@code condPredictScale} the linear layer gives [scale | bias] (2·out) and the features
 * become {@code scale * h + bias}, otherwise it gives a bias (out) that is added. The residual
 * path is a 1×1 convolution when the channel count changes, the identity otherwise.
 * State-dict keys: {@code blocks.0.*}, {@code blocks.1.*}, {@code cond_encoder.1.*},
 * {@code residual_conv.*}.
 */
public final class ConditionalResidualBlock1d extends FixedShapeBlock {

  private static final byte VERSION = 1;

  private final int outChannels;
  private final boolean condPredictScale;
  private final Conv1dBlock block0;
  private final Conv1dBlock block1;
  private final LinearLayer condEncoder;
  private final Conv1dLayer residualConv; // null: identity

  public ConditionalResidualBlock1d(
      int inChannels, int outChannels, int condDim, int kernelSize, int groups, boolean condPredictScale) {
    super(VERSION);
    this.outChannels = outChannels;
    this.condPredictScale = condPredictScale;
    block0 = addChildBlock("blocks.0", new Conv1dBlock(inChannels, outChannels, kernelSize, groups));
    block1 = addChildBlock("blocks.1", new Conv1dBlock(outChannels, outChannels, kernelSize, groups));
    condEncoder = addChildBlock("cond_encoder.1", new LinearLayer(condDim, condPredictScale ? 2 * outChannels : outChannels));
    residualConv = inChannels != outChannels ? addChildBlock("residual_conv", new Conv1dLayer(inChannels, outChannels, 1, 1, 0)) : null;
  }

  /** x [B, in, T], cond [B, D] → [B, out, T]. */
  public NDArray apply(ParameterStore ps, NDArray x, NDArray cond, boolean training) {
    return applyActivated(ps, x, Mish.apply(cond), training);
  }

  /**
   * As {@link #apply} with {@code Mish(cond)} already computed: every block of the U-Net gets the
   * same condition, so the network activates it once instead of once per block.
   */
  NDArray applyActivated(ParameterStore ps, NDArray x, NDArray activatedCond, boolean training) {
    NDArray h = block0.apply(ps, x, training);
    NDArray film = condEncoder.apply(ps, activatedCond, training);
    if (condPredictScale) {
      // [B, 2·out] → scale = first out entries, bias = the rest (the reference's reshape(B, 2, out, 1))
      NDList parts = film.split(2, 1);
      h = h.mul(parts.get(0).expandDims(2)).add(parts.get(1).expandDims(2));
    } else {
      h = h.add(film.expandDims(2));
    }
    h = block1.apply(ps, h, training);
    NDArray residual = residualConv == null ? x : residualConv.apply(ps, x, training);
    return h.add(residual);
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    return new NDList(apply(ps, inputs.get(0), inputs.get(1), training));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return sameBatch(inputShapes[0], outChannels, inputShapes[0].get(2));
  }

  @Override
  public void collectParameters(String prefix, Map<String, Parameter> out) {
    block0.collectParameters(prefix + "blocks.0.", out);
    block1.collectParameters(prefix + "blocks.1.", out);
    condEncoder.collectParameters(prefix + "cond_encoder.1.", out);
    if (residualConv != null) {
      residualConv.collectParameters(prefix + "residual_conv.", out);
    }
  }
}
