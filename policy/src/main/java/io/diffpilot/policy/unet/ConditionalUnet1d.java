package io.diffpilot.policy.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * diffusion_policy's {@code ConditionalUnet1D} (Chi et al. 2023), the noise-prediction network
 * of the diffusion policy, as a DJL block.
 *
 * <p>Inputs (indices {@link #SAMPLE}, {@link #TIMESTEP}, {@link #GLOBAL_COND}):
 * sample [B, T, A] float32, timestep [B] int64 or float32 (a single value is broadcast to B),
 * globalCond [B, G] float32 (may be omitted when G = 0). Output: [B, T, A] float32. T must be a
 * multiple of {@link UnetConfig#horizonMultiple()}.
 *
 * <p>Structure: step embedding (sinusoidal → Linear(d, 4d) → Mish → Linear(4d, d)) concatenated
 * with the global condition gives the FiLM condition of every residual block; down levels of
 * two {@link ConditionalResidualBlock1d}s then a {@link Downsample1d} (none after the last), two
 * mid blocks, up levels (skip concatenation, two residual blocks, {@link Upsample1d}) for every
 * level but the first, then a {@link Conv1dBlock} with 8 groups (the reference hard-codes
 * GroupNorm's default there, whatever {@code n_groups} is) and a 1×1 convolution to A channels.
 * Children are named after the reference's {@code state_dict} keys; {@link #stateDictParameters()}
 * lists every parameter under its exact key.
 *
 * <p>Parameters start with PyTorch's default initialisation; the block trains with DJL's
 * {@code Trainer} (gradients reach every parameter). Inference callers must run each forward in
 * an {@code NDScope} or sub-manager (see {@link UnetEvaluator}).
 */
public final class ConditionalUnet1d extends FixedShapeBlock {

  public static final int SAMPLE = 0;
  public static final int TIMESTEP = 1;
  public static final int GLOBAL_COND = 2;
  /** Groups of the final Conv1dBlock's GroupNorm: the reference leaves it at the default 8. */
  public static final int FINAL_BLOCK_GROUPS = 8;

  private static final byte VERSION = 1;

  private final UnetConfig config;
  private final SinusoidalStepEmbedding stepEmbedding;
  private final LinearLayer stepLinear1;
  private final LinearLayer stepLinear2;
  private final List<DownLevel> down = new ArrayList<>();
  private final List<ConditionalResidualBlock1d> mid = new ArrayList<>();
  private final List<UpLevel> up = new ArrayList<>();
  private final Conv1dBlock finalBlock;
  private final Conv1dLayer finalConv;

  /** One down level: two residual blocks, then a downsample (null after the last level). */
  private record DownLevel(ConditionalResidualBlock1d first, ConditionalResidualBlock1d second, Downsample1d downsample) {}

  /** One up level: two residual blocks, then an upsample. */
  private record UpLevel(ConditionalResidualBlock1d first, ConditionalResidualBlock1d second, Upsample1d upsample) {}

  public ConditionalUnet1d(UnetConfig config) {
    super(VERSION);
    this.config = config;
    List<Integer> downDims = config.downDims();
    if (downDims.get(0) % FINAL_BLOCK_GROUPS != 0) {
      throw new IllegalArgumentException("downDims[0] = " + downDims.get(0) + " must be divisible by "
          + FINAL_BLOCK_GROUPS + ": diffusion_policy's final Conv1dBlock always uses GroupNorm with 8 groups");
    }
    int dsed = config.stepEmbedDim();
    int condDim = dsed + config.globalCondDim();
    int k = config.kernelSize();
    int g = config.nGroups();
    boolean scale = config.condPredictScale();

    stepEmbedding = addChildBlock("diffusion_step_encoder.0", new SinusoidalStepEmbedding(dsed));
    stepLinear1 = addChildBlock("diffusion_step_encoder.1", new LinearLayer(dsed, dsed * 4));
    stepLinear2 = addChildBlock("diffusion_step_encoder.3", new LinearLayer(dsed * 4, dsed));

    List<Integer> dims = new ArrayList<>();
    dims.add(config.inputDim());
    dims.addAll(downDims);
    int levels = downDims.size();
    for (int i = 0; i < levels; i++) {
      int in = dims.get(i);
      int out = dims.get(i + 1);
      String p = "down_modules." + i + ".";
      var first = addChildBlock(p + "0", new ConditionalResidualBlock1d(in, out, condDim, k, g, scale));
      var second = addChildBlock(p + "1", new ConditionalResidualBlock1d(out, out, condDim, k, g, scale));
      Downsample1d ds = i < levels - 1 ? addChildBlock(p + "2", new Downsample1d(out)) : null;
      down.add(new DownLevel(first, second, ds));
    }
    int midDim = dims.get(levels);
    for (int i = 0; i < 2; i++) {
      mid.add(addChildBlock("mid_modules." + i, new ConditionalResidualBlock1d(midDim, midDim, condDim, k, g, scale)));
    }
    // Up path: levels levels-1 … 1 of the down path (in = dims[i], out = dims[i+1]), each ending in an upsample.
    for (int j = 0, i = levels - 1; i >= 1; i--, j++) {
      int in = dims.get(i);
      int out = dims.get(i + 1);
      String p = "up_modules." + j + ".";
      var first = addChildBlock(p + "0", new ConditionalResidualBlock1d(out * 2, in, condDim, k, g, scale));
      var second = addChildBlock(p + "1", new ConditionalResidualBlock1d(in, in, condDim, k, g, scale));
      var us = addChildBlock(p + "2", new Upsample1d(in));
      up.add(new UpLevel(first, second, us));
    }
    int start = downDims.get(0);
    finalBlock = addChildBlock("final_conv.0", new Conv1dBlock(start, start, k, FINAL_BLOCK_GROUPS));
    finalConv = addChildBlock("final_conv.1", new Conv1dLayer(start, config.inputDim(), 1, 1, 0));
  }

  public UnetConfig config() {
    return config;
  }

  /**
   * Initialises every parameter (PyTorch's default scheme) on {@code manager}, which then owns
   * the weights. Equivalent to {@code initialize(manager, FLOAT32, example input shapes)}.
   */
  public void initializeParameters(NDManager manager) {
    initialize(manager, DataType.FLOAT32, exampleInputShapes(1, config.horizonMultiple()));
  }

  /** Input shapes for a batch and horizon: sample [B, T, A], timestep [B], globalCond [B, G]. */
  public Shape[] exampleInputShapes(long batch, long horizon) {
    return new Shape[] {
      new Shape(batch, horizon, config.inputDim()), new Shape(batch), new Shape(batch, config.globalCondDim())
    };
  }

  /** Every parameter under its diffusion_policy {@code state_dict} key, in a stable order. */
  public Map<String, Parameter> stateDictParameters() {
    Map<String, Parameter> out = new LinkedHashMap<>();
    collectParameters("", out);
    return out;
  }

  /** Drops values derived from the weights (the upsamplers' phase kernels) after in-place changes. */
  public void invalidateCaches() {
    for (UpLevel l : up) {
      l.upsample().invalidateCache();
    }
  }

  @Override
  public void collectParameters(String prefix, Map<String, Parameter> out) {
    stepLinear1.collectParameters(prefix + "diffusion_step_encoder.1.", out);
    stepLinear2.collectParameters(prefix + "diffusion_step_encoder.3.", out);
    for (int i = 0; i < down.size(); i++) {
      DownLevel l = down.get(i);
      String p = prefix + "down_modules." + i + ".";
      l.first().collectParameters(p + "0.", out);
      l.second().collectParameters(p + "1.", out);
      if (l.downsample() != null) {
        l.downsample().collectParameters(p + "2.", out);
      }
    }
    for (int i = 0; i < mid.size(); i++) {
      mid.get(i).collectParameters(prefix + "mid_modules." + i + ".", out);
    }
    for (int i = 0; i < up.size(); i++) {
      UpLevel l = up.get(i);
      String p = prefix + "up_modules." + i + ".";
      l.first().collectParameters(p + "0.", out);
      l.second().collectParameters(p + "1.", out);
      l.upsample().collectParameters(p + "2.", out);
    }
    finalBlock.collectParameters(prefix + "final_conv.0.", out);
    finalConv.collectParameters(prefix + "final_conv.1.", out);
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    if (inputs.size() < 2) {
      throw new IllegalArgumentException("ConditionalUnet1d needs (sample, timestep[, globalCond]), got " + inputs.size() + " inputs");
    }
    NDArray sample = inputs.get(SAMPLE);
    Shape s = sample.getShape();
    if (s.dimension() != 3 || s.get(2) != config.inputDim()) {
      throw new IllegalArgumentException("sample must be [B, T, " + config.inputDim() + "], got " + s);
    }
    long batch = s.get(0);
    long horizon = s.get(1);
    if (horizon < 1 || horizon % config.horizonMultiple() != 0) {
      throw new IllegalArgumentException("sample horizon T = " + horizon + " must be a positive multiple of "
          + config.horizonMultiple() + " (one halving per down level but the last)");
    }
    NDArray timestep = inputs.get(TIMESTEP);
    long tSize = timestep.getShape().size();
    if (timestep.getShape().dimension() > 1 || (tSize != batch && tSize != 1)) {
      throw new IllegalArgumentException("timestep must be [B] = [" + batch + "] or a single value, got " + timestep.getShape());
    }
    if (tSize != batch) {
      timestep = timestep.reshape(1).broadcast(new Shape(batch));
    }

    NDArray feature = stepLinear2.apply(ps, Mish.apply(stepLinear1.apply(ps, stepEmbedding.apply(timestep), training)), training);
    if (config.globalCondDim() > 0) {
      if (inputs.size() <= GLOBAL_COND) {
        throw new IllegalArgumentException("globalCond [B, " + config.globalCondDim() + "] is missing");
      }
      NDArray cond = inputs.get(GLOBAL_COND);
      Shape cs = cond.getShape();
      if (cs.dimension() != 2 || cs.get(0) != batch || cs.get(1) != config.globalCondDim()) {
        throw new IllegalArgumentException("globalCond must be [" + batch + ", " + config.globalCondDim() + "], got " + cs);
      }
      feature = feature.concat(cond, 1);
    }

    // Each block's cond_encoder starts with Mish of the same feature: compute it once.
    NDArray activatedCond = Mish.apply(feature);
    NDArray x = sample.transpose(0, 2, 1); // [B, A, T]
    List<NDArray> skips = new ArrayList<>();
    for (DownLevel l : down) {
      x = l.first().applyActivated(ps, x, activatedCond, training);
      x = l.second().applyActivated(ps, x, activatedCond, training);
      skips.add(x);
      if (l.downsample() != null) {
        x = l.downsample().apply(ps, x, training);
      }
    }
    for (ConditionalResidualBlock1d m : mid) {
      x = m.applyActivated(ps, x, activatedCond, training);
    }
    for (UpLevel l : up) {
      x = x.concat(skips.remove(skips.size() - 1), 1);
      x = l.first().applyActivated(ps, x, activatedCond, training);
      x = l.second().applyActivated(ps, x, activatedCond, training);
      x = l.upsample().apply(ps, x, training);
    }
    x = finalConv.apply(ps, finalBlock.apply(ps, x, training), training);
    return new NDList(x.transpose(0, 2, 1));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape s = inputShapes[SAMPLE];
    return new Shape[] {new Shape(s.get(0), s.get(1), config.inputDim())};
  }

  /** Number of scalar parameters (e.g. 5.4 M for the small net with G = 40). */
  public long parameterCount() {
    return stateDictParameters().values().stream().mapToLong(p -> p.getShape().size()).sum();
  }

  @Override
  public String toString() {
    return "ConditionalUnet1d" + config + " (" + parameterCount() + " parameters)";
  }
}
