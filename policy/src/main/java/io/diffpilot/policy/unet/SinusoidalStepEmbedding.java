package io.diffpilot.policy.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * diffusion_policy's {@code SinusoidalPosEmb}: timestep t [B] (int64 or float) → [B, dim] =
 * [sin(t·f₀) … sin(t·f_{h−1}), cos(t·f₀) … cos(t·f_{h−1})] with h = dim/2 and
 * fᵢ = exp(−i · ln(10000) / (h − 1)). No parameters.
 */
public final class SinusoidalStepEmbedding extends AbstractBlock {

  private static final byte VERSION = 1;

  private final int dim;
  private final float[] frequencies;

  public SinusoidalStepEmbedding(int dim) {
    super(VERSION);
    if (dim < 4 || dim % 2 != 0) {
      throw new IllegalArgumentException("step embedding dim must be even and >= 4, got " + dim);
    }
    this.dim = dim;
    this.frequencies = frequencies(dim);
  }

  /** fᵢ = exp(−i · ln(10000) / (dim/2 − 1)), i = 0 … dim/2 − 1, in float32 as PyTorch computes them. */
  public static float[] frequencies(int dim) {
    int half = dim / 2;
    float step = (float) -(Math.log(10000) / (half - 1));
    float[] f = new float[half];
    for (int i = 0; i < half; i++) {
      f[i] = (float) Math.exp(i * step);
    }
    return f;
  }

  /** The embedding of one timestep computed on the host, for tests and reference. */
  public static double[] closedForm(double timestep, int dim) {
    int half = dim / 2;
    double[] out = new double[dim];
    for (int i = 0; i < half; i++) {
      double arg = timestep * Math.exp(-i * Math.log(10000) / (half - 1));
      out[i] = Math.sin(arg);
      out[half + i] = Math.cos(arg);
    }
    return out;
  }

  /** t [B] → [B, dim] float32. */
  public NDArray apply(NDArray timestep) {
    long batch = timestep.getShape().size();
    NDArray t = timestep.toType(DataType.FLOAT32, false).reshape(batch, 1);
    NDArray f = timestep.getManager().create(frequencies, new Shape(1, frequencies.length)).toDevice(timestep.getDevice(), false);
    NDArray arg = t.mul(f);
    return arg.sin().concat(arg.cos(), 1);
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    return new NDList(apply(inputs.singletonOrThrow()));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].size(), dim)};
  }
}
