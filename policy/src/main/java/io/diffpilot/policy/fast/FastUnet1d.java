package io.diffpilot.policy.fast;

import io.diffpilot.policy.io.Safetensors;
import io.diffpilot.policy.unet.UnetConfig;
import java.util.List;
import java.util.Map;

/**
 * diffusion_policy's {@code ConditionalUnet1D} as plain-Java kernels: the inference backend
 * {@code java}. Same state dict names and numbers as the DJL {@code ConditionalUnet1d} (to float
 * rounding), but one model owns all its buffers, so a forward pass after the first allocates
 * nothing and makes no native call.
 *
 * <p>Shapes: {@code sample} {@code [B, T, A]} row-major, {@code timesteps} {@code [B]},
 * {@code globalCond} {@code [B, G]}, output {@code [B, T, A]}; {@code B ≤ maxBatch},
 * {@code T = horizon}. Activations are channels-last ({@code [B, T, C]}) with zero rows around
 * each sequence, so a convolution is a packed matrix product over consecutive floats.
 *
 * <p>Not thread-safe: one forward at a time per instance (it uses its own worker threads).
 */
public final class FastUnet1d extends FixedShapeDenoiser implements AutoCloseable {

  /** Per-call values the stage tasks read. */
  static final class Shared {
    int batch;
    float[] film;
    int filmStride;
  }

  private final Gemm gemm;
  private final WorkerPool pool;
  private final Shared shared = new Shared();
  private final int condDim;
  private final long parameterCount;

  private final StepEncoder stepEncoder;
  private final float[] cond;
  private final float[] condMish;
  private final GemmStage filmStage;

  private final FeatureMap input;
  private final ResidualBlock[] downBlocks;
  private final GemmStage[] downsample;
  private final ResidualBlock[] midBlocks;
  private final FeatureMap[] skips;
  private final FeatureMap[] catSkipSlots;
  private final ResidualBlock[] upBlocks;
  private final GemmStage[] upsampleEven;
  private final GemmStage[] upsampleOdd;
  private final GemmStage finalConv;
  private final GroupNormMish finalNorm;
  private final FeatureMap finalHidden;
  private final GemmStage outputStage;

  private final WorkerPool.Task filmTask = this::filmPart;
  private final WorkerPool.Task finalTask = this::finalPart;
  private final WorkerPool.Task outputTask = this::outputPart;
  private final WorkerPool.Task[] downsampleTasks;
  private final WorkerPool.Task[] upsampleTasks;

  /**
   * Builds the network from a diffusion_policy state dict.
   *
   * @param stateDict float32 tensors under diffusion_policy's {@code state_dict} names
   * @param horizon T, divisible by {@link UnetConfig#horizonMultiple()}
   * @param maxBatch the largest batch a forward will get (buffers are sized for it)
   * @param threads 1 or more threads (the caller's plus {@code threads - 1} workers)
   */
  public static FastUnet1d create(UnetConfig config, Map<String, Safetensors.Tensor> stateDict, int horizon,
      int maxBatch, int threads) {
    return new FastUnet1d(config, stateDict, horizon, maxBatch, threads, Gemm.best());
  }

  FastUnet1d(UnetConfig config, Map<String, Safetensors.Tensor> stateDict, int horizon, int maxBatch,
      int threads, Gemm gemm) {
    super(config, horizon, maxBatch);
    this.gemm = gemm;
    CheckedStateDict w = new CheckedStateDict(stateDict, gemm.panelWidth());
    int mr = gemm.panelWidth();
    int dsed = config.stepEmbedDim();
    int a = config.inputDim();
    this.condDim = dsed + config.globalCondDim();
    List<Integer> dims = config.downDims();
    int levels = dims.size();
    int k = config.kernelSize();
    int pad = Math.max(1, k / 2);

    cond = new float[maxBatch * condDim];
    condMish = new float[maxBatch * condDim];
    stepEncoder = new StepEncoder(w, dsed, gemm, maxBatch, cond, condDim);

    // FiLM: every block's cond encoder is one Linear over the same Mish(cond): stack them.
    StackedFilm film = StackedFilm.of(config, w, condDim, mr);
    int[] filmOffsets = film.offsets();
    int filmWidth = film.width();
    PackedWeights filmWeights = film.weights();
    shared.film = new float[maxBatch * filmWidth];
    shared.filmStride = filmWidth;
    filmStage = GemmStage.linear(filmWeights, condMish, condDim, shared.film, filmWidth, 0, maxBatch);

    // Sequence lengths per level: halved by every Downsample1d but the last level's.
    int[] steps = new int[levels];
    steps[0] = horizon;
    for (int l = 1; l < levels; l++) {
      steps[l] = steps[l - 1] / 2;
    }
    input = FeatureMap.allocate(maxBatch, a, horizon, pad);
    // Up level u consumes cat(x, skip of down level levels-1-u); allocate those buffers first.
    FeatureMap[] cat = new FeatureMap[Math.max(0, levels - 1)];
    catSkipSlots = new FeatureMap[cat.length];
    for (int u = 0; u < cat.length; u++) {
      int lv = levels - 1 - u;
      cat[u] = FeatureMap.allocate(maxBatch, 2 * dims.get(lv), steps[lv], pad);
      catSkipSlots[u] = cat[u].slice(dims.get(lv), dims.get(lv));
    }
    FeatureMap finalIn = FeatureMap.allocate(maxBatch, dims.get(0), horizon, pad);

    int blockIndex = 0;
    downBlocks = new ResidualBlock[2 * levels];
    downsample = new GemmStage[levels];
    skips = new FeatureMap[levels];
    downsampleTasks = new WorkerPool.Task[levels];
    FeatureMap x = input;
    for (int l = 0; l < levels; l++) {
      int c = dims.get(l);
      String p = "down_modules." + l;
      FeatureMap hidden = FeatureMap.allocate(maxBatch, c, steps[l], pad);
      FeatureMap mid = FeatureMap.allocate(maxBatch, c, steps[l], pad);
      skips[l] = FeatureMap.allocate(maxBatch, c, steps[l], pad);
      downBlocks[2 * l] = block(w, p + ".0", x, hidden, mid, filmOffsets[blockIndex++], maxBatch);
      downBlocks[2 * l + 1] = block(w, p + ".1", mid, hidden, skips[l], filmOffsets[blockIndex++], maxBatch);
      if (l < levels - 1) {
        FeatureMap next = FeatureMap.allocate(maxBatch, c, steps[l + 1], pad);
        downsample[l] = GemmStage.conv(w.conv(p + ".2.conv", c, c, 3), skips[l], next, 2, 1, maxBatch);
        GemmStage stage = downsample[l];
        downsampleTasks[l] = (part, parts) -> stage.run(gemm, shared.batch,
            stage.panels() * part / parts, stage.panels() * (part + 1) / parts);
        x = next;
      } else {
        x = skips[l];
      }
    }

    int cMid = dims.get(levels - 1);
    FeatureMap midHidden = FeatureMap.allocate(maxBatch, cMid, steps[levels - 1], pad);
    FeatureMap mid0 = FeatureMap.allocate(maxBatch, cMid, steps[levels - 1], pad);
    FeatureMap midOut = levels > 1 ? cat[0].slice(0, cMid) : finalIn;
    midBlocks = new ResidualBlock[] {
        block(w, "mid_modules.0", x, midHidden, mid0, filmOffsets[blockIndex++], maxBatch),
        block(w, "mid_modules.1", mid0, midHidden, midOut, filmOffsets[blockIndex++], maxBatch)};

    upBlocks = new ResidualBlock[2 * (levels - 1)];
    upsampleEven = new GemmStage[levels - 1];
    upsampleOdd = new GemmStage[levels - 1];
    upsampleTasks = new WorkerPool.Task[levels - 1];
    for (int u = 0; u < levels - 1; u++) {
      int lv = levels - 1 - u;
      int c = dims.get(lv - 1);
      String p = "up_modules." + u;
      FeatureMap hidden = FeatureMap.allocate(maxBatch, c, steps[lv], pad);
      FeatureMap a0 = FeatureMap.allocate(maxBatch, c, steps[lv], pad);
      FeatureMap a1 = FeatureMap.allocate(maxBatch, c, steps[lv], pad);
      upBlocks[2 * u] = block(w, p + ".0", cat[u], hidden, a0, filmOffsets[blockIndex++], maxBatch);
      upBlocks[2 * u + 1] = block(w, p + ".1", a0, hidden, a1, filmOffsets[blockIndex++], maxBatch);
      FeatureMap next = u + 1 < levels - 1 ? cat[u + 1].slice(0, c) : finalIn;
      float[] t = w.floats(p + ".2.conv.weight", c, c, 4); // ConvTranspose1d: [in, out, 4]
      float[] bias = w.floats(p + ".2.conv.bias", c);
      // Output 2m reads inputs m-1, m with kernel taps 3, 1; output 2m+1 reads m, m+1 with taps 2, 0.
      upsampleEven[u] = GemmStage.upsampleParity(PackedWeights.of(c, c, 2, mr,
          (o, i, tap) -> t[(i * c + o) * 4 + (tap == 0 ? 3 : 1)], bias), a1, next, 0, maxBatch);
      upsampleOdd[u] = GemmStage.upsampleParity(PackedWeights.of(c, c, 2, mr,
          (o, i, tap) -> t[(i * c + o) * 4 + (tap == 0 ? 2 : 0)], bias), a1, next, 1, maxBatch);
      GemmStage even = upsampleEven[u];
      GemmStage odd = upsampleOdd[u];
      upsampleTasks[u] = (part, parts) -> {
        int from = even.panels() * part / parts;
        int to = even.panels() * (part + 1) / parts;
        even.run(gemm, shared.batch, from, to);
        odd.run(gemm, shared.batch, from, to);
      };
    }

    // final_conv = Conv1dBlock(start, start, k) (its GroupNorm keeps PyTorch's default 8 groups), Conv1d(start, A, 1).
    int c0 = dims.get(0);
    finalHidden = FeatureMap.allocate(maxBatch, c0, horizon, pad);
    finalConv = GemmStage.conv(w.conv("final_conv.0.block.0", c0, c0, k), finalIn, finalHidden, 1, k / 2, maxBatch);
    finalNorm = new GroupNormMish(c0, 8, w.floats("final_conv.0.block.1.weight", c0),
        w.floats("final_conv.0.block.1.bias", c0));
    // The 1×1 conv writes rows of a pad-free [B, T, A] map: the caller's output array is swapped in per call.
    outputStage = GemmStage.conv(w.conv("final_conv.1", a, c0, 1), finalHidden,
        FeatureMap.allocate(maxBatch, a, horizon, 0), 1, 0, maxBatch);
    w.checkAllUsed();
    this.parameterCount = w.parameters;
    this.pool = new WorkerPool(threads, "fast-unet");
  }

  private ResidualBlock block(CheckedStateDict w, String p, FeatureMap in, FeatureMap hidden, FeatureMap out,
      int filmOffset, int maxBatch) {
    return ResidualBlock.of(w, p, config, gemm, shared, in, hidden, out, filmOffset, maxBatch);
  }

  /**
   * One network evaluation.
   *
   * @param sample {@code [batch, T, A]} row-major (at least {@code batch·T·A} values)
   * @param timesteps {@code [batch]} diffusion steps
   * @param globalCond {@code [batch, G]}; may be null when {@code G = 0}
   * @param batch {@code 1 ≤ batch ≤ maxBatch}
   * @param out receives {@code [batch, T, A]}
   */
  @Override
  public void forward(float[] sample, long[] timesteps, float[] globalCond, int batch, float[] out) {
    int a = config.inputDim();
    int g = config.globalCondDim();
    int dsed = config.stepEmbedDim();
    requireBatch(batch);
    requireLength("sample", sample, batch * horizon * a);
    requireLength("out", out, batch * horizon * a);
    if (timesteps == null || timesteps.length < batch) {
      throw new IllegalArgumentException("timesteps needs " + batch + " values");
    }
    if (g > 0) {
      requireLength("globalCond", globalCond, batch * g);
    }
    shared.batch = batch;

    for (int b = 0; b < batch; b++) {
      for (int t = 0; t < horizon; t++) {
        System.arraycopy(sample, (b * horizon + t) * a, input.data, input.offset(b, t), a);
      }
    }
    stepEncoder.run(pool, timesteps, batch);
    for (int b = 0; b < batch; b++) {
      if (g > 0) {
        System.arraycopy(globalCond, b * g, cond, b * condDim + dsed, g);
      }
      for (int i = 0; i < condDim; i++) {
        condMish[b * condDim + i] = GroupNormMish.mish(cond[b * condDim + i]);
      }
    }
    pool.invoke(filmTask);

    int levels = config.downDims().size();
    for (int l = 0; l < levels; l++) {
      downBlocks[2 * l].run(pool);
      downBlocks[2 * l + 1].run(pool);
      if (downsampleTasks[l] != null) {
        pool.invoke(downsampleTasks[l]);
      }
    }
    midBlocks[0].run(pool);
    midBlocks[1].run(pool);
    for (int u = 0; u < levels - 1; u++) {
      copyChannels(skips[levels - 1 - u], catSkipSlots[u], batch);
      upBlocks[2 * u].run(pool);
      upBlocks[2 * u + 1].run(pool);
      pool.invoke(upsampleTasks[u]);
    }
    pool.invoke(finalTask);
    outputStage.out = out;
    try {
      pool.invoke(outputTask);
    } finally {
      outputStage.out = null;
    }
  }

  public int threads() {
    return pool.threads();
  }

  public long parameterCount() {
    return parameterCount;
  }

  /** The kernel in use, e.g. {@code vector-512} or {@code scalar}. */
  public String kernelName() {
    return gemm.name();
  }

  /** Whether this JVM has {@code jdk.incubator.vector}, i.e. whether new networks get the vector kernel. */
  public static boolean vectorApiAvailable() {
    return Gemm.vectorApiAvailable();
  }

  /** The kernel a network built now would use, e.g. {@code vector-512} or {@code scalar}. */
  public static String bestKernelName() {
    return Gemm.best().name();
  }

  @Override
  public void close() {
    pool.close();
  }

  private void filmPart(int part, int parts) {
    int panels = filmStage.panels();
    filmStage.run(gemm, shared.batch, panels * part / parts, panels * (part + 1) / parts);
  }

  private void finalPart(int part, int parts) {
    int mr = gemm.panelWidth();
    int channels = finalNorm.channels;
    int unit = ResidualBlock.lcm(mr, finalNorm.groupSize);
    int unitChannels = channels % unit == 0 ? unit : channels;
    int units = channels / unitChannels;
    int c0 = units * part / parts * unitChannels;
    int c1 = units * (part + 1) / parts * unitChannels;
    if (c0 >= c1) {
      return;
    }
    finalConv.run(gemm, shared.batch, c0 / mr, ResidualBlock.ceilDiv(c1, mr));
    finalNorm.apply(finalHidden, shared.batch, c0 / finalNorm.groupSize, c1 / finalNorm.groupSize, null, 0, 0,
        false, null);
  }

  private void outputPart(int part, int parts) {
    // A handful of output channels: one panel, not worth splitting.
    if (part == 0) {
      outputStage.run(gemm, shared.batch, 0, outputStage.panels());
    }
  }

  private static void copyChannels(FeatureMap from, FeatureMap to, int batch) {
    for (int b = 0; b < batch; b++) {
      for (int t = 0; t < from.steps; t++) {
        System.arraycopy(from.data, from.offset(b, t), to.data, to.offset(b, t), from.channels);
      }
    }
  }

  private static void requireLength(String name, float[] values, int needed) {
    if (values == null || values.length < needed) {
      throw new IllegalArgumentException(name + " needs " + needed + " values, got "
          + (values == null ? "null" : values.length));
    }
  }
}
