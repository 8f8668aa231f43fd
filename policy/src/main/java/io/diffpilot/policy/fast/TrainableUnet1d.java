package io.diffpilot.policy.fast;

import io.diffpilot.policy.io.Safetensors;
import io.diffpilot.policy.unet.UnetConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * diffusion_policy's {@code ConditionalUnet1D} with a backward pass on the Java kernels: the
 * {@code java} training backend. Parameters, gradients (and, in the trainer, Adam moments and
 * the EMA) are flat float vectors in the state dict's own order ({@link #layout()}); before each
 * step the weights are repacked for the kernels. Each thread takes a contiguous slice of the
 * batch through forward and backward on its own buffers; their gradients are summed at the end.
 *
 * <p>Loss: mean squared error over all {@code batch · T · A} outputs, as the DJL trainer's
 * {@code pred.sub(y).square().mean()}. Not thread-safe; after the first step at the largest
 * batch, a step allocates nothing.
 */
public final class TrainableUnet1d implements AutoCloseable {

  /** The weights of one residual block. */
  static final class BlockWeights {
    final TrainableConv conv0;
    final TrainableGroupNorm norm0;
    final TrainableConv conv1;
    final TrainableGroupNorm norm1;
    final TrainableConv encoder;
    final TrainableConv residual;

    BlockWeights(StateDictLayout l, UnetConfig cfg, String p, int cin, int cout, int condDim) {
      int k = cfg.kernelSize();
      conv0 = TrainableConv.conv(l, p + ".blocks.0.block.0", cout, cin, k);
      norm0 = new TrainableGroupNorm(l, p + ".blocks.0.block.1", cout, cfg.nGroups());
      conv1 = TrainableConv.conv(l, p + ".blocks.1.block.0", cout, cout, k);
      norm1 = new TrainableGroupNorm(l, p + ".blocks.1.block.1", cout, cfg.nGroups());
      encoder = TrainableConv.linear(l, p + ".cond_encoder.1", (cfg.condPredictScale() ? 2 : 1) * cout, condDim);
      residual = cin != cout ? TrainableConv.conv(l, p + ".residual_conv", cout, cin, 1) : null;
    }
  }

  /** Every layer's weights, shared read-only by the lanes. */
  static final class Weights {
    final List<TrainableConv> convs = new ArrayList<>();
    final TrainableConv step1;
    final TrainableConv step2;
    final BlockWeights[] blocks;
    final TrainableConv[] downsample;
    final TrainableConv[] upsampleEven;
    final TrainableConv[] upsampleOdd;
    final TrainableConv finalConv;
    final TrainableGroupNorm finalNorm;
    final TrainableConv output;

    Weights(StateDictLayout l, UnetConfig cfg) {
      int d = cfg.stepEmbedDim();
      int condDim = d + cfg.globalCondDim();
      step1 = add(TrainableConv.linear(l, "diffusion_step_encoder.1", 4 * d, d));
      step2 = add(TrainableConv.linear(l, "diffusion_step_encoder.3", d, 4 * d));
      List<Integer> dims = cfg.downDims();
      int levels = dims.size();
      blocks = new BlockWeights[4 * levels];
      downsample = new TrainableConv[levels - 1];
      upsampleEven = new TrainableConv[levels - 1];
      upsampleOdd = new TrainableConv[levels - 1];
      int bi = 0;
      int in = cfg.inputDim();
      for (int lv = 0; lv < levels; lv++) {
        int out = dims.get(lv);
        blocks[bi++] = block(l, cfg, "down_modules." + lv + ".0", in, out, condDim);
        blocks[bi++] = block(l, cfg, "down_modules." + lv + ".1", out, out, condDim);
        if (lv < levels - 1) {
          downsample[lv] = add(TrainableConv.conv(l, "down_modules." + lv + ".2.conv", out, out, 3));
        }
        in = out;
      }
      int mid = dims.get(levels - 1);
      blocks[bi++] = block(l, cfg, "mid_modules.0", mid, mid, condDim);
      blocks[bi++] = block(l, cfg, "mid_modules.1", mid, mid, condDim);
      for (int u = 0; u < levels - 1; u++) {
        int dimOut = dims.get(levels - 1 - u);
        int c = dims.get(levels - 2 - u);
        String p = "up_modules." + u;
        blocks[bi++] = block(l, cfg, p + ".0", 2 * dimOut, c, condDim);
        blocks[bi++] = block(l, cfg, p + ".1", c, c, condDim);
        // ConvTranspose1d weight [in, out, 4]: output 2m reads inputs m−1, m with taps 3, 1; 2m+1 reads m, m+1 with 2, 0.
        int w = l.require(p + ".2.conv.weight", c, c, 4).offset();
        int b = l.require(p + ".2.conv.bias", c).offset();
        upsampleEven[u] = add(new TrainableConv(c, c, 2, (o, i, tap) -> w + (i * c + o) * 4 + (tap == 0 ? 3 : 1), b));
        upsampleOdd[u] = add(new TrainableConv(c, c, 2, (o, i, tap) -> w + (i * c + o) * 4 + (tap == 0 ? 2 : 0), b));
      }
      int c0 = dims.get(0);
      finalConv = add(TrainableConv.conv(l, "final_conv.0.block.0", c0, c0, cfg.kernelSize()));
      // diffusion_policy's final Conv1dBlock keeps GroupNorm's default of 8 groups.
      finalNorm = new TrainableGroupNorm(l, "final_conv.0.block.1", c0, 8);
      output = add(TrainableConv.conv(l, "final_conv.1", cfg.inputDim(), c0, 1));
      l.checkAllUsed();
    }

    private BlockWeights block(StateDictLayout l, UnetConfig cfg, String p, int cin, int cout, int condDim) {
      BlockWeights b = new BlockWeights(l, cfg, p, cin, cout, condDim);
      add(b.conv0);
      add(b.conv1);
      add(b.encoder);
      if (b.residual != null) {
        add(b.residual);
      }
      return b;
    }

    private TrainableConv add(TrainableConv c) {
      convs.add(c);
      return c;
    }
  }

  private final UnetConfig config;
  private final int horizon;
  private final int maxBatch;
  private final StateDictLayout layout;
  private final float[] params;
  private final float[] grad;
  private final Weights weights;
  private final TrainingLane[] lanes;
  private final double[] laneLoss;
  private final WorkerPool pool;
  private final TrainKernels kernels;

  private float[] sample;
  private long[] timesteps;
  private float[] globalCond;
  private float[] target;
  private int batch;
  private final WorkerPool.Task packTask = this::packPart;
  private final WorkerPool.Task laneTask = this::lanePart;
  private final WorkerPool.Task sumTask = this::sumPart;
  private final WorkerPool.Task unpackTask = this::unpackPart;

  /**
   * @param stateDict initial weights under diffusion_policy's names (their order is the flat layout's)
   * @param horizon T
   * @param maxBatch the largest batch a step will get
   * @param threads threads that split the batch
   */
  public static TrainableUnet1d create(UnetConfig config, Map<String, Safetensors.Tensor> stateDict, int horizon,
      int maxBatch, int threads) {
    return new TrainableUnet1d(config, stateDict, horizon, maxBatch, threads, TrainKernels.best());
  }

  TrainableUnet1d(UnetConfig config, Map<String, Safetensors.Tensor> stateDict, int horizon, int maxBatch, int threads,
      TrainKernels kernels) {
    if (horizon < 1 || horizon % config.horizonMultiple() != 0) {
      throw new IllegalArgumentException("horizon " + horizon + " must be a positive multiple of "
          + config.horizonMultiple());
    }
    if (maxBatch < 1 || threads < 1) {
      throw new IllegalArgumentException("maxBatch and threads must be >= 1");
    }
    this.config = config;
    this.horizon = horizon;
    this.maxBatch = maxBatch;
    this.kernels = kernels;
    this.layout = new StateDictLayout(stateDict);
    this.params = layout.flatten(stateDict);
    this.grad = new float[layout.size()];
    this.weights = new Weights(layout, config);
    int perLane = (maxBatch + threads - 1) / threads;
    this.lanes = new TrainingLane[threads];
    for (int i = 0; i < threads; i++) {
      lanes[i] = new TrainingLane(config, weights, kernels, horizon, perLane, layout.size());
    }
    this.laneLoss = new double[threads];
    this.pool = new WorkerPool(threads, "train-unet");
  }

  public StateDictLayout layout() {
    return layout;
  }

  /** The live parameter vector (state dict order); change it between steps, not during one. */
  public float[] parameters() {
    return params;
  }

  /** The gradient of the last {@link #lossAndGradient} (state dict order). */
  public float[] gradient() {
    return grad;
  }

  public int threads() {
    return lanes.length;
  }

  public String kernelName() {
    return kernels.name();
  }

  /**
   * Mean squared error between the network's output for ({@code sample}, {@code timesteps},
   * {@code globalCond}) and {@code target}, all row-major as the DJL network takes them; leaves
   * its gradient with respect to every parameter in {@link #gradient()}.
   */
  public double lossAndGradient(float[] sample, long[] timesteps, float[] globalCond, float[] target, int batch) {
    if (batch < 1 || batch > maxBatch) {
      throw new IllegalArgumentException("batch " + batch + " outside [1, " + maxBatch + "]");
    }
    int n = batch * horizon * config.inputDim();
    if (sample.length < n || target.length < n || timesteps.length < batch
        || (config.globalCondDim() > 0 && globalCond.length < batch * config.globalCondDim())) {
      throw new IllegalArgumentException("a training batch of " + batch + " needs " + n + " sample and target values");
    }
    this.sample = sample;
    this.timesteps = timesteps;
    this.globalCond = globalCond;
    this.target = target;
    this.batch = batch;
    pool.invoke(packTask);
    pool.invoke(laneTask);
    pool.invoke(sumTask);
    pool.invoke(unpackTask);
    double sse = 0;
    for (double l : laneLoss) {
      sse += l;
    }
    return sse / n;
  }

  private void packPart(int part, int parts) {
    List<TrainableConv> convs = weights.convs;
    for (int i = part; i < convs.size(); i += parts) {
      convs.get(i).pack(params);
    }
  }

  private void lanePart(int part, int parts) {
    int from = batch * part / parts;
    int to = batch * (part + 1) / parts;
    laneLoss[part] = lanes[part].run(params, sample, timesteps, globalCond, target, from, to - from,
        batch * horizon * config.inputDim());
  }

  private void sumPart(int part, int parts) {
    // Weight gradients: sum the lanes' packed blocks (contiguous), then scatter once into the flat vector.
    List<ConvOp> first = lanes[0].ops();
    for (int i = part; i < first.size(); i += parts) {
      float[] acc = first.get(i).weightGrad;
      for (int l = 1; l < lanes.length; l++) {
        float[] g = lanes[l].ops().get(i).weightGrad;
        for (int j = 0; j < acc.length; j++) {
          acc[j] += g[j];
        }
        Arrays.fill(g, 0f);
      }
    }
    sumFlat(part, parts);
  }

  private void unpackPart(int part, int parts) {
    List<ConvOp> first = lanes[0].ops();
    for (int i = part; i < first.size(); i += parts) {
      first.get(i).flushWeightGradient(grad);
    }
  }

  private void sumFlat(int part, int parts) {
    int from = (int) ((long) grad.length * part / parts);
    int to = (int) ((long) grad.length * (part + 1) / parts);
    System.arraycopy(lanes[0].grad, from, grad, from, to - from);
    Arrays.fill(lanes[0].grad, from, to, 0f);
    for (int l = 1; l < lanes.length; l++) {
      float[] g = lanes[l].grad;
      for (int i = from; i < to; i++) {
        grad[i] += g[i];
      }
      Arrays.fill(g, from, to, 0f);
    }
  }

  @Override
  public void close() {
    pool.close();
  }
}
