package io.diffpilot.policy.fast;

/**
 * GroupNorm (eps 1e-5, affine) forward and backward over unpadded channels-last maps
 * {@code [batch][steps][channels]}, statistics in double. The backward is the usual
 * {@code dy = rstd · (dx̂ − mean(dx̂) − x̂ · mean(dx̂ · x̂))} per group, {@code dx̂ = dz · γ}.
 */
final class TrainableGroupNorm {

  private static final double EPS = 1e-5;

  final int channels;
  final int groups;
  private final int groupSize;
  private final int gammaOffset;
  private final int betaOffset;

  TrainableGroupNorm(StateDictLayout layout, String name, int channels, int groups) {
    if (channels % groups != 0) {
      throw new IllegalArgumentException(channels + " channels do not split into " + groups + " groups");
    }
    this.channels = channels;
    this.groups = groups;
    this.groupSize = channels / groups;
    this.gammaOffset = layout.require(name + ".weight", channels).offset();
    this.betaOffset = layout.require(name + ".bias", channels).offset();
  }

  /** {@code z = γ (y − mean) · rstd + β}; keeps mean and rstd per (b, group) in {@code stats} [batch][groups][2]. */
  void forward(float[] params, float[] y, float[] z, int batch, int steps, double[] stats) {
    int c = channels;
    double count = (double) groupSize * steps;
    for (int b = 0; b < batch; b++) {
      for (int g = 0; g < groups; g++) {
        int c0 = g * groupSize;
        double sum = 0;
        double sumSq = 0;
        for (int t = 0; t < steps; t++) {
          int base = (b * steps + t) * c + c0;
          for (int i = 0; i < groupSize; i++) {
            double v = y[base + i];
            sum += v;
            sumSq += v * v;
          }
        }
        double mean = sum / count;
        double var = Math.max(0, sumSq / count - mean * mean);
        double rstd = 1.0 / Math.sqrt(var + EPS);
        stats[(b * groups + g) * 2] = mean;
        stats[(b * groups + g) * 2 + 1] = rstd;
        float fm = (float) mean;
        float fr = (float) rstd;
        for (int t = 0; t < steps; t++) {
          int base = (b * steps + t) * c + c0;
          for (int i = 0; i < groupSize; i++) {
            int ch = c0 + i;
            z[base + i] = (y[base + i] - fm) * fr * params[gammaOffset + ch] + params[betaOffset + ch];
          }
        }
      }
    }
  }

  /** From {@code dz} writes {@code dy} and accumulates γ and β gradients into {@code grad}. */
  void backward(float[] params, float[] y, float[] dz, float[] dy, int batch, int steps, double[] stats, float[] grad) {
    int c = channels;
    double count = (double) groupSize * steps;
    for (int b = 0; b < batch; b++) {
      for (int g = 0; g < groups; g++) {
        int c0 = g * groupSize;
        double mean = stats[(b * groups + g) * 2];
        double rstd = stats[(b * groups + g) * 2 + 1];
        double sumD = 0;
        double sumDx = 0;
        for (int t = 0; t < steps; t++) {
          int base = (b * steps + t) * c + c0;
          for (int i = 0; i < groupSize; i++) {
            int ch = c0 + i;
            double xhat = (y[base + i] - mean) * rstd;
            double d = dz[base + i];
            grad[gammaOffset + ch] += (float) (d * xhat);
            grad[betaOffset + ch] += (float) d;
            double dxhat = d * params[gammaOffset + ch];
            sumD += dxhat;
            sumDx += dxhat * xhat;
          }
        }
        double meanD = sumD / count;
        double meanDx = sumDx / count;
        for (int t = 0; t < steps; t++) {
          int base = (b * steps + t) * c + c0;
          for (int i = 0; i < groupSize; i++) {
            int ch = c0 + i;
            double xhat = (y[base + i] - mean) * rstd;
            double dxhat = dz[base + i] * params[gammaOffset + ch];
            dy[base + i] = (float) (rstd * (dxhat - meanD - xhat * meanDx));
          }
        }
      }
    }
  }

  /** PyTorch's Mish. */
  static float mish(float x) {
    return GroupNormMish.mish(x);
  }

  /** d mish / dx = tanh(softplus(x)) + x · σ(x) · (1 − tanh²(softplus(x))), as PyTorch's mish_backward. */
  static float mishGrad(float x) {
    if (x > 20f) {
      return 1f;
    }
    double e = Math.exp(x);
    double n = e * (e + 2);
    double tsp = n / (n + 2);
    double sig = e / (1 + e);
    return (float) (tsp + x * sig * (1 - tsp * tsp));
  }

  /** Writes mish(x[i]) to {@code y[i]} and mish'(x[i]) to {@code dy[i]}, one exponential each. */
  static void mishAndGrad(float[] x, int from, float[] y, int yFrom, float[] dy, int count) {
    for (int i = 0; i < count; i++) {
      float v = x[from + i];
      if (v > 20f) {
        y[yFrom + i] = v;
        dy[from + i] = 1f;
        continue;
      }
      double e = Math.exp(v);
      double n = e * (e + 2);
      double tsp = n / (n + 2);
      double sig = e / (1 + e);
      y[yFrom + i] = (float) (v * tsp);
      dy[from + i] = (float) (tsp + v * sig * (1 - tsp * tsp));
    }
  }
}
