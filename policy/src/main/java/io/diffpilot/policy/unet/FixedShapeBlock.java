package io.diffpilot.policy.unet;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.Map;

/**
 * A block whose parameter shapes are all fixed at construction, so that initialising a child
 * needs no shape inference: the given shapes are only recorded. Its own parameters are named by
 * their state-dict keys ("weight", "conv.bias"), so listing them needs no per-block code.
 */
abstract class FixedShapeBlock extends AbstractBlock implements StateDictBlock {

  FixedShapeBlock(byte version) {
    super(version);
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    for (Block child : getChildren().values()) {
      child.initialize(manager, dataType, inputShapes);
    }
  }

  /** This block's own parameters; a block with children overrides it to list theirs. */
  @Override
  public void collectParameters(String prefix, Map<String, Parameter> out) {
    for (Pair<String, Parameter> p : getDirectParameters()) {
      out.put(prefix + p.getKey(), p.getValue());
    }
  }

  /** The one output shape [B, channels, length] of a block fed [B, ·, ·]. */
  static Shape[] sameBatch(Shape in, long channels, long length) {
    return new Shape[] {new Shape(in.get(0), channels, length)};
  }
}
