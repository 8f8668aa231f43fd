package io.diffpilot.policy.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;

/**
 * PyTorch's {@code nn.GroupNorm(groups, channels)} on [B, C, T] (eps 1e-5, per-channel affine
 * weight [C] = 1 and bias [C] = 0 at start). DJL has no group norm: the input is viewed as
 * [B, groups, C/groups · T], layer-normalised over its last axis (biased variance, as PyTorch),
 * viewed back and scaled per channel.
 */
public final class GroupNorm1d extends ArrayBlock {

  private static final byte VERSION = 1;
  static final float EPS = 1e-5f;

  private final int groups;
  private final int channels;
  private final Parameter weight;
  private final Parameter bias;

  public GroupNorm1d(int groups, int channels) {
    super(VERSION);
    if (groups < 1 || channels % groups != 0) {
      throw new IllegalArgumentException("GroupNorm: " + channels + " channels are not divisible into " + groups + " groups");
    }
    this.groups = groups;
    this.channels = channels;
    weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.GAMMA)
        .optShape(new Shape(channels)).optInitializer(Initializer.ONES).build());
    bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BETA)
        .optShape(new Shape(channels)).optInitializer(Initializer.ZEROS).build());
  }

  /** [B, C, T] → [B, C, T]. */
  public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
    Shape s = x.getShape();
    long perGroup = s.get(1) / groups * s.get(2);
    NDArray grouped = x.reshape(s.get(0), groups, perGroup);
    var m = x.getManager();
    Shape affineShape = new Shape(perGroup);
    NDArray normed = LayerNorm.layerNorm(grouped, affineShape, m.ones(affineShape, x.getDataType()),
        m.zeros(affineShape, x.getDataType()), EPS).singletonOrThrow().reshape(s);
    NDArray g = ps.getValue(weight, x.getDevice(), training).reshape(1, channels, 1);
    NDArray b = ps.getValue(bias, x.getDevice(), training).reshape(1, channels, 1);
    return normed.mul(g).add(b);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }
}
