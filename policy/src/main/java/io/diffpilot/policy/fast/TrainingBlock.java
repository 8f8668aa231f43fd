package io.diffpilot.policy.fast;

import io.diffpilot.policy.unet.UnetConfig;

/**
 * diffusion_policy's ConditionalResidualBlock1D in one {@link TrainingLane}: forward with what the
 * backward pass needs kept (GroupNorm statistics, Mish derivatives, the FiLM input), and the
 * backward pass into the lane's flat gradient.
 */
final class TrainingBlock {

  private final TrainingLane lane;
  private final UnetConfig config;
  private final TrainKernels kernels;
  private final TrainableUnet1d.BlockWeights w;
  private final FeatureMap x;
  private final FeatureMap gradX;
  private final FeatureMap out;
  private final FeatureMap gradOut;
  private final float[] film;
  private final float[] gradFilm;
  private final int filmWidth;
  private final ConvOp encoder;
  private final ConvOp conv0;
  private final ConvOp conv1;
  private final ConvOp residual;
  private final FeatureMap y0;
  private final FeatureMap z0;
  private final FeatureMap m0;
  private final FeatureMap h;
  private final FeatureMap y1;
  private final FeatureMap z1;
  private final FeatureMap r;
  private final FeatureMap dy0;
  private final FeatureMap dz0;
  private final FeatureMap dh;
  private final FeatureMap dy1;
  private final FeatureMap dz1;
  private final FeatureMap dm1;
  private final FeatureMap mishGrad0;
  private final FeatureMap mishGrad1;
  private final double[] stats0;
  private final double[] stats1;

  TrainingBlock(TrainingLane lane, TrainableUnet1d.BlockWeights w, FeatureMap x, FeatureMap gradX, FeatureMap out,
      FeatureMap gradOut) {
    this.lane = lane;
    this.config = lane.config;
    this.kernels = lane.kernels;
    int maxBatch = lane.maxBatch;
    this.w = w;
    this.x = x;
    this.gradX = gradX;
    this.out = out;
    this.gradOut = gradOut;
    int c = out.channels;
    int t = out.steps;
    int k = config.kernelSize();
    int pad = Math.max(1, k / 2);
    filmWidth = w.encoder.cout;
    film = new float[maxBatch * filmWidth];
    gradFilm = new float[maxBatch * filmWidth];
    encoder = lane.add(ConvOp.linear(w.encoder, lane.condMish, lane.gradCondMish, lane.condDim, film, gradFilm, filmWidth,
        maxBatch));
    y0 = lane.map(c, t, 0);
    z0 = lane.map(c, t, 0);
    m0 = lane.map(c, t, 0);
    h = lane.map(c, t, pad);
    y1 = lane.map(c, t, 0);
    z1 = lane.map(c, t, 0);
    dy0 = lane.map(c, t, 0);
    dz0 = lane.map(c, t, 0);
    dh = lane.gradMap(c, t, pad);
    dy1 = lane.map(c, t, 0);
    dz1 = lane.map(c, t, 0);
    dm1 = lane.map(c, t, 0);
    mishGrad0 = lane.map(c, t, 0);
    mishGrad1 = lane.map(c, t, 0);
    conv0 = lane.add(ConvOp.conv(w.conv0, x, gradX, y0, dy0, maxBatch, 1, k / 2));
    conv1 = lane.add(ConvOp.conv(w.conv1, h, dh, y1, dy1, maxBatch, 1, k / 2));
    if (w.residual != null) {
      r = lane.map(c, t, 0);
      residual = lane.add(ConvOp.conv(w.residual, x, gradX, r, dm1, maxBatch, 1, 0));
    } else {
      r = null;
      residual = null;
    }
    stats0 = new double[maxBatch * w.norm0.groups * 2];
    stats1 = new double[maxBatch * w.norm1.groups * 2];
  }

  void forward() {
    float[] params = lane.params;
    int batch = lane.batch;
    int c = out.channels;
    int t = out.steps;
    encoder.forward(kernels, params, batch);
    conv0.forward(kernels, params, batch);
    w.norm0.forward(params, y0.data, z0.data, batch, t, stats0);
    boolean scale = config.condPredictScale();
    TrainableGroupNorm.mishAndGrad(z0.data, 0, m0.data, 0, mishGrad0.data, batch * t * c);
    for (int b = 0; b < batch; b++) {
      int f = b * filmWidth;
      for (int s = 0; s < t; s++) {
        int src = (b * t + s) * c;
        int dst = h.offset(b, s);
        for (int i = 0; i < c; i++) {
          float m = m0.data[src + i];
          h.data[dst + i] = scale ? film[f + i] * m + film[f + c + i] : m + film[f + i];
        }
      }
    }
    conv1.forward(kernels, params, batch);
    w.norm1.forward(params, y1.data, z1.data, batch, t, stats1);
    if (residual != null) {
      residual.forward(kernels, params, batch);
    }
    for (int b = 0; b < batch; b++) {
      for (int s = 0; s < t; s++) {
        int src = (b * t + s) * c;
        int dst = out.offset(b, s);
        int res = x.offset(b, s);
        TrainableGroupNorm.mishAndGrad(z1.data, src, out.data, dst, mishGrad1.data, c);
        for (int i = 0; i < c; i++) {
          out.data[dst + i] += r != null ? r.data[src + i] : x.data[res + i];
        }
      }
    }
  }

  void backward() {
    float[] params = lane.params;
    float[] grad = lane.grad;
    int batch = lane.batch;
    int c = out.channels;
    int t = out.steps;
    for (int b = 0; b < batch; b++) {
      for (int s = 0; s < t; s++) {
        System.arraycopy(gradOut.data, gradOut.offset(b, s), dm1.data, (b * t + s) * c, c);
      }
    }
    if (residual != null) {
      residual.backward(kernels, grad, batch);
    } else if (gradX != null) {
      for (int b = 0; b < batch; b++) {
        for (int s = 0; s < t; s++) {
          int src = (b * t + s) * c;
          int dst = gradX.offset(b, s);
          for (int i = 0; i < c; i++) {
            gradX.data[dst + i] += dm1.data[src + i];
          }
        }
      }
    }
    int n = batch * t * c;
    for (int i = 0; i < n; i++) {
      dz1.data[i] = dm1.data[i] * mishGrad1.data[i];
    }
    w.norm1.backward(params, y1.data, dz1.data, dy1.data, batch, t, stats1, grad);
    conv1.backward(kernels, grad, batch);
    boolean scale = config.condPredictScale();
    for (int b = 0; b < batch; b++) {
      int f = b * filmWidth;
      for (int i = 0; i < c; i++) {
        float sScale = 0;
        float sBias = 0;
        float gamma = scale ? film[f + i] : 1f;
        for (int s = 0; s < t; s++) {
          int at = (b * t + s) * c + i;
          float d = dh.data[h.offset(b, s) + i];
          sBias += d;
          sScale += d * m0.data[at];
          dz0.data[at] = d * gamma * mishGrad0.data[at];
        }
        if (scale) {
          gradFilm[f + i] = sScale;
          gradFilm[f + c + i] = sBias;
        } else {
          gradFilm[f + i] = sBias;
        }
      }
    }
    w.norm0.backward(params, y0.data, dz0.data, dy0.data, batch, t, stats0, grad);
    conv0.backward(kernels, grad, batch);
    encoder.backward(kernels, grad, batch);
  }
}
