package io.diffpilot.policy.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** A block with one input array and one output array: DJL's forward is {@link #apply}. */
abstract class ArrayBlock extends FixedShapeBlock {

  ArrayBlock(byte version) {
    super(version);
  }

  /** The block's function; the U-Net calls it directly, without DJL's NDList wrapping. */
  abstract NDArray apply(ParameterStore ps, NDArray x, boolean training);

  @Override
  protected final NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    return new NDList(apply(ps, inputs.singletonOrThrow(), training));
  }
}
