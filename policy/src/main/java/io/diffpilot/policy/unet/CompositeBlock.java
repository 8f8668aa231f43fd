package io.diffpilot.policy.unet;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;

/**
 * A block made of children whose parameter shapes are all fixed at construction, so that
 * initialising a child needs no shape inference: the given shapes are only recorded.
 */
abstract class CompositeBlock extends AbstractBlock {

  CompositeBlock(byte version) {
    super(version);
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    for (Block child : getChildren().values()) {
      child.initialize(manager, dataType, inputShapes);
    }
  }
}
