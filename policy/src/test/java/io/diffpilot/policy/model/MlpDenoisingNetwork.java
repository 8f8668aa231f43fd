package io.diffpilot.policy.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Test stand-in for the U-Net with the same forward signature: an MLP over [flattened sample,
 * sinusoidal step embedding, global condition] → flattened prediction [B, T, A].
 */
public final class MlpDenoisingNetwork implements DenoisingNetwork {

  private static final int EMBED = 32;
  private final Mlp block;
  private final int horizon;
  private final int actionDim;
  private final int condDim;

  public MlpDenoisingNetwork(int horizon, int actionDim, int condDim, int hidden) {
    this.horizon = horizon;
    this.actionDim = actionDim;
    this.condDim = condDim;
    this.block = new Mlp(horizon * actionDim, hidden);
  }

  public static NetworkFactory factory(int hidden) {
    return c -> new MlpDenoisingNetwork(c.policy().horizon(), c.policy().actionDim(), c.network().globalCondDim(), hidden);
  }

  @Override
  public Block block() {
    return block;
  }

  @Override
  public Map<String, Parameter> namedParameters() {
    Map<String, Parameter> out = new LinkedHashMap<>();
    for (Pair<String, Parameter> p : block.getParameters()) {
      out.put(p.getKey(), p.getValue());
    }
    return out;
  }

  @Override
  public void initialize(NDManager manager) {
    block.initialize(manager, DataType.FLOAT32, DenoisingNetwork.inputShapes(horizon, actionDim, condDim));
  }

  private static final class Mlp extends AbstractBlock {
    private final int out;
    private final Block l1;
    private final Block l2;
    private final Block l3;

    Mlp(int out, int hidden) {
      super((byte) 1);
      this.out = out;
      l1 = addChildBlock("l1", Linear.builder().setUnits(hidden).build());
      l2 = addChildBlock("l2", Linear.builder().setUnits(hidden).build());
      l3 = addChildBlock("l3", Linear.builder().setUnits(out).build());
    }

    private static NDArray features(NDList in) {
      NDArray sample = in.get(0);
      long b = sample.getShape().get(0);
      NDArray t = in.get(1).toType(DataType.FLOAT32, false).reshape(b, 1);
      float[] freqs = new float[EMBED / 2];
      for (int i = 0; i < freqs.length; i++) {
        freqs[i] = (float) Math.exp(-Math.log(10000) * i / (freqs.length - 1));
      }
      NDArray arg = t.mul(sample.getManager().create(freqs, new Shape(1, freqs.length)));
      return NDArrays.concat(new NDList(sample.reshape(b, -1), arg.sin(), arg.cos(), in.get(2)), 1);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList in, boolean training, PairList<String, Object> params) {
      NDArray sample = in.get(0);
      NDArray h = l1.forward(ps, new NDList(features(in)), training).singletonOrThrow();
      h = l2.forward(ps, new NDList(ai.djl.nn.Activation.relu(h)), training).singletonOrThrow();
      h = l3.forward(ps, new NDList(ai.djl.nn.Activation.relu(h)), training).singletonOrThrow();
      return new NDList(h.reshape(sample.getShape()));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
      return new Shape[] {inputs[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputs) {
      long b = inputs[0].get(0);
      long featureWidth = inputs[0].size() / b + EMBED + inputs[2].get(1);
      Shape f = new Shape(b, featureWidth);
      l1.initialize(manager, dataType, f);
      Shape h = l1.getOutputShapes(new Shape[] {f})[0];
      l2.initialize(manager, dataType, h);
      l3.initialize(manager, dataType, l2.getOutputShapes(new Shape[] {h})[0]);
    }
  }
}
