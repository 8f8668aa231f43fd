package io.diffpilot.policy.fast;

import io.diffpilot.policy.unet.UnetConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One thread's share of a training step: forward and backward of {@code ConditionalUnet1D} for a
 * slice of the batch, with its own activations and gradient buffers (nothing is shared but the
 * packed weights, which are read only), so the threads never synchronise inside a step.
 */
final class TrainingLane {

  final UnetConfig config;
  final TrainKernels kernels;
  private final int horizon;
  final int maxBatch;
  private final int dsed;
  final int condDim;
  /** Flat gradient of this lane's slice, in the parameters' layout. */
  final float[] grad;
  private final List<ConvOp> ops = new ArrayList<>();
  private final List<FeatureMap> gradMaps = new ArrayList<>();

  private final float[] frequencies;
  private final float[] embedding;
  private final float[] stepHidden;
  private final float[] stepMish;
  private final float[] gradStepMish;
  private final float[] gradStepHidden;
  private final float[] cond;
  final float[] condMish;
  private final float[] gradCond;
  final float[] gradCondMish;
  private final ConvOp step1;
  private final ConvOp step2;

  private final FeatureMap input;
  private final TrainingBlock[] down;
  private final ConvOp[] downsample;
  private final TrainingBlock[] mid;
  private final FeatureMap[] skips;
  private final FeatureMap[] gradSkips;
  private final FeatureMap[] catSources;
  private final FeatureMap[] gradCatSources;
  private final FeatureMap[] cats;
  private final FeatureMap[] gradCats;
  private final TrainingBlock[] up;
  private final ConvOp[] upEven;
  private final ConvOp[] upOdd;
  private final ConvOp finalConv;
  private final TrainableGroupNorm finalNorm;
  private final FeatureMap finalPre;
  private final FeatureMap finalNormed;
  private final FeatureMap finalAct;
  private final FeatureMap gradFinalPre;
  private final FeatureMap gradFinalNormed;
  private final FeatureMap gradFinalAct;
  private final double[] finalStats;
  private final ConvOp output;
  private final FeatureMap prediction;
  private final FeatureMap gradPrediction;

  float[] params;
  int batch;

  TrainingLane(UnetConfig config, TrainableUnet1d.Weights w, TrainKernels kernels, int horizon, int maxBatch,
      int parameterCount) {
    this.config = config;
    this.kernels = kernels;
    this.horizon = horizon;
    this.maxBatch = maxBatch;
    this.grad = new float[parameterCount];
    this.dsed = config.stepEmbedDim();
    this.condDim = dsed + config.globalCondDim();
    frequencies = StepEncoder.frequencies(dsed);
    embedding = new float[maxBatch * dsed];
    stepHidden = new float[maxBatch * 4 * dsed];
    stepMish = new float[maxBatch * 4 * dsed];
    gradStepMish = new float[maxBatch * 4 * dsed];
    gradStepHidden = new float[maxBatch * 4 * dsed];
    cond = new float[maxBatch * condDim];
    condMish = new float[maxBatch * condDim];
    gradCond = new float[maxBatch * condDim];
    gradCondMish = new float[maxBatch * condDim];
    step1 = add(ConvOp.linear(w.step1, embedding, null, dsed, stepHidden, gradStepHidden, 4 * dsed, maxBatch));
    step2 = add(ConvOp.linear(w.step2, stepMish, gradStepMish, 4 * dsed, cond, gradCond, condDim, maxBatch));

    List<Integer> dims = config.downDims();
    int levels = dims.size();
    int k = config.kernelSize();
    int pad = Math.max(1, k / 2);
    int[] steps = new int[levels];
    steps[0] = horizon;
    for (int l = 1; l < levels; l++) {
      steps[l] = steps[l - 1] / 2;
    }
    input = FeatureMap.allocate(maxBatch, config.inputDim(), horizon, pad);
    FeatureMap x = input;
    FeatureMap dx = null;
    int blockIndex = 0;
    down = new TrainingBlock[2 * levels];
    downsample = new ConvOp[levels - 1];
    skips = new FeatureMap[levels];
    gradSkips = new FeatureMap[levels];
    for (int l = 0; l < levels; l++) {
      int c = dims.get(l);
      FeatureMap a = map(c, steps[l], pad);
      FeatureMap da = gradMap(c, steps[l], pad);
      skips[l] = map(c, steps[l], pad);
      gradSkips[l] = gradMap(c, steps[l], pad);
      down[2 * l] = new TrainingBlock(this, w.blocks[blockIndex++], x, dx, a, da);
      down[2 * l + 1] = new TrainingBlock(this, w.blocks[blockIndex++], a, da, skips[l], gradSkips[l]);
      if (l < levels - 1) {
        FeatureMap next = map(c, steps[l + 1], pad);
        FeatureMap dnext = gradMap(c, steps[l + 1], pad);
        downsample[l] = add(ConvOp.conv(w.downsample[l], skips[l], gradSkips[l], next, dnext, maxBatch, 2, 1));
        x = next;
        dx = dnext;
      } else {
        x = skips[l];
        dx = gradSkips[l];
      }
    }
    int cMid = dims.get(levels - 1);
    FeatureMap m0 = map(cMid, steps[levels - 1], pad);
    FeatureMap dm0 = gradMap(cMid, steps[levels - 1], pad);
    FeatureMap m1 = map(cMid, steps[levels - 1], pad);
    FeatureMap dm1 = gradMap(cMid, steps[levels - 1], pad);
    mid = new TrainingBlock[] {new TrainingBlock(this, w.blocks[blockIndex++], x, dx, m0, dm0),
        new TrainingBlock(this, w.blocks[blockIndex++], m0, dm0, m1, dm1)};
    x = m1;
    dx = dm1;
    up = new TrainingBlock[2 * (levels - 1)];
    upEven = new ConvOp[levels - 1];
    upOdd = new ConvOp[levels - 1];
    cats = new FeatureMap[levels - 1];
    gradCats = new FeatureMap[levels - 1];
    catSources = new FeatureMap[levels - 1];
    gradCatSources = new FeatureMap[levels - 1];
    for (int u = 0; u < levels - 1; u++) {
      int lv = levels - 1 - u;
      int cIn = dims.get(lv);
      int c = dims.get(lv - 1);
      catSources[u] = x;
      gradCatSources[u] = dx;
      cats[u] = map(2 * cIn, steps[lv], pad);
      gradCats[u] = gradMap(2 * cIn, steps[lv], pad);
      FeatureMap a0 = map(c, steps[lv], pad);
      FeatureMap da0 = gradMap(c, steps[lv], pad);
      FeatureMap a1 = map(c, steps[lv], pad);
      FeatureMap da1 = gradMap(c, steps[lv], pad);
      up[2 * u] = new TrainingBlock(this, w.blocks[blockIndex++], cats[u], gradCats[u], a0, da0);
      up[2 * u + 1] = new TrainingBlock(this, w.blocks[blockIndex++], a0, da0, a1, da1);
      FeatureMap next = map(c, steps[lv - 1], pad);
      FeatureMap dnext = gradMap(c, steps[lv - 1], pad);
      upEven[u] = add(ConvOp.upsampleParity(w.upsampleEven[u], a1, da1, next, dnext, maxBatch, 0));
      upOdd[u] = add(ConvOp.upsampleParity(w.upsampleOdd[u], a1, da1, next, dnext, maxBatch, 1));
      x = next;
      dx = dnext;
    }
    int c0 = dims.get(0);
    finalPre = map(c0, horizon, 0);
    gradFinalPre = gradMap(c0, horizon, 0);
    finalNormed = map(c0, horizon, 0);
    gradFinalNormed = gradMap(c0, horizon, 0);
    finalAct = map(c0, horizon, 0);
    gradFinalAct = gradMap(c0, horizon, 0);
    finalConv = add(ConvOp.conv(w.finalConv, x, dx, finalPre, gradFinalPre, maxBatch, 1, k / 2));
    finalNorm = w.finalNorm;
    finalStats = new double[maxBatch * finalNorm.groups * 2];
    prediction = map(config.inputDim(), horizon, 0);
    gradPrediction = gradMap(config.inputDim(), horizon, 0);
    output = add(ConvOp.conv(w.output, finalAct, gradFinalAct, prediction, gradPrediction, maxBatch, 1, 0));
  }

  ConvOp add(ConvOp op) {
    ops.add(op);
    return op;
  }

  FeatureMap map(int channels, int steps, int pad) {
    return FeatureMap.allocate(maxBatch, channels, steps, pad);
  }

  FeatureMap gradMap(int channels, int steps, int pad) {
    FeatureMap m = FeatureMap.allocate(maxBatch, channels, steps, pad);
    gradMaps.add(m);
    return m;
  }

  /**
   * Forward and backward for {@code batch} samples starting at row {@code first} of the step's
   * arrays; the loss gradient is scaled for a mean over {@code totalElements}. Returns the sum of
   * squared errors of this slice; the gradient is in {@link #grad} (cleared by the caller).
   */
  double run(float[] params, float[] sample, long[] timesteps, float[] globalCond, float[] target, int first,
      int batch, int totalElements) {
    this.params = params;
    this.batch = batch;
    if (batch == 0) {
      return 0; // this lane's weight gradients stay zero
    }
    forward(sample, timesteps, globalCond, first);
    double sse = 0;
    int a = config.inputDim();
    float scale = 2f / totalElements;
    for (int i = 0; i < batch * horizon * a; i++) {
      float diff = prediction.data[i] - target[first * horizon * a + i];
      sse += (double) diff * diff;
      gradPrediction.data[i] = scale * diff;
    }
    backward();
    return sse;
  }

  /** The prediction rows {@code [batch][T][A]} of the last {@link #run}. */
  float[] prediction() {
    return prediction.data;
  }

  private void forward(float[] sample, long[] timesteps, float[] globalCond, int first) {
    int a = config.inputDim();
    int g = config.globalCondDim();
    for (int b = 0; b < batch; b++) {
      for (int t = 0; t < horizon; t++) {
        System.arraycopy(sample, ((first + b) * horizon + t) * a, input.data, input.offset(b, t), a);
      }
    }
    StepEncoder.embed(timesteps, first, batch, frequencies, embedding, dsed);
    step1.forward(kernels, params, batch);
    for (int i = 0; i < batch * 4 * dsed; i++) {
      stepMish[i] = TrainableGroupNorm.mish(stepHidden[i]);
    }
    step2.forward(kernels, params, batch);
    for (int b = 0; b < batch; b++) {
      if (g > 0) {
        System.arraycopy(globalCond, (first + b) * g, cond, b * condDim + dsed, g);
      }
      for (int i = 0; i < condDim; i++) {
        condMish[b * condDim + i] = TrainableGroupNorm.mish(cond[b * condDim + i]);
      }
    }
    int levels = config.downDims().size();
    for (int l = 0; l < levels; l++) {
      down[2 * l].forward();
      down[2 * l + 1].forward();
      if (l < levels - 1) {
        downsample[l].forward(kernels, params, batch);
      }
    }
    mid[0].forward();
    mid[1].forward();
    for (int u = 0; u < levels - 1; u++) {
      FeatureMap src = catSources[u];
      FeatureMap skip = skips[levels - 1 - u];
      FeatureMap cat = cats[u];
      int c = src.channels;
      for (int b = 0; b < batch; b++) {
        for (int t = 0; t < cat.steps; t++) {
          System.arraycopy(src.data, src.offset(b, t), cat.data, cat.offset(b, t), c);
          System.arraycopy(skip.data, skip.offset(b, t), cat.data, cat.offset(b, t) + c, c);
        }
      }
      up[2 * u].forward();
      up[2 * u + 1].forward();
      upEven[u].forward(kernels, params, batch);
      upOdd[u].forward(kernels, params, batch);
    }
    finalConv.forward(kernels, params, batch);
    finalNorm.forward(params, finalPre.data, finalNormed.data, batch, horizon, finalStats);
    int n = batch * horizon * finalAct.channels;
    for (int i = 0; i < n; i++) {
      finalAct.data[i] = TrainableGroupNorm.mish(finalNormed.data[i]);
    }
    output.forward(kernels, params, batch);
  }

  private void backward() {
    for (FeatureMap m : gradMaps) {
      if (m != gradPrediction) {
        Arrays.fill(m.data, 0f);
      }
    }
    Arrays.fill(gradCondMish, 0f);
    Arrays.fill(gradStepMish, 0f);
    output.backward(kernels, grad, batch);
    int n = batch * horizon * finalAct.channels;
    for (int i = 0; i < n; i++) {
      gradFinalNormed.data[i] = gradFinalAct.data[i] * TrainableGroupNorm.mishGrad(finalNormed.data[i]);
    }
    finalNorm.backward(params, finalPre.data, gradFinalNormed.data, gradFinalPre.data, batch, horizon, finalStats, grad);
    finalConv.backward(kernels, grad, batch);
    int levels = config.downDims().size();
    for (int u = levels - 2; u >= 0; u--) {
      upEven[u].backward(kernels, grad, batch);
      upOdd[u].backward(kernels, grad, batch);
      up[2 * u + 1].backward();
      up[2 * u].backward();
      FeatureMap dsrc = gradCatSources[u];
      FeatureMap dskip = gradSkips[levels - 1 - u];
      FeatureMap dcat = gradCats[u];
      int c = dsrc.channels;
      for (int b = 0; b < batch; b++) {
        for (int t = 0; t < dcat.steps; t++) {
          int from = dcat.offset(b, t);
          int s = dsrc.offset(b, t);
          int k = dskip.offset(b, t);
          for (int i = 0; i < c; i++) {
            dsrc.data[s + i] += dcat.data[from + i];
            dskip.data[k + i] += dcat.data[from + c + i];
          }
        }
      }
    }
    mid[1].backward();
    mid[0].backward();
    for (int l = levels - 1; l >= 0; l--) {
      if (l < levels - 1) {
        downsample[l].backward(kernels, grad, batch);
      }
      down[2 * l + 1].backward();
      down[2 * l].backward();
    }
    for (int b = 0; b < batch; b++) {
      for (int i = 0; i < dsed; i++) {
        int at = b * condDim + i;
        gradCond[at] = gradCondMish[at] * TrainableGroupNorm.mishGrad(cond[at]);
      }
    }
    step2.backward(kernels, grad, batch);
    for (int i = 0; i < batch * 4 * dsed; i++) {
      gradStepHidden[i] = gradStepMish[i] * TrainableGroupNorm.mishGrad(stepHidden[i]);
    }
    step1.backward(kernels, grad, batch);
  }

  /** The lane's layers in a fixed order, the same in every lane (their weight gradients are summed by index). */
  List<ConvOp> ops() {
    return ops;
  }
}
