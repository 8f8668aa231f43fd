package io.diffpilot.policy.fast;

/**
 * GroupNorm (eps 1e-5, affine) then Mish, in place on a {@link FeatureMap}, optionally followed
 * by FiLM ({@code scale · y + bias}, or {@code y + bias}) or a residual add: the epilogue of
 * diffusion_policy's {@code Conv1dBlock} and {@code ConditionalResidualBlock1D}, fused so each
 * activation is read and written once.
 */
final class GroupNormMish {

  private static final double EPS = 1e-5;

  final int channels;
  final int groups;
  final int groupSize;
  private final float[] gamma;
  private final float[] beta;

  GroupNormMish(int channels, int groups, float[] gamma, float[] beta) {
    if (groups < 1 || channels % groups != 0) {
      throw new IllegalArgumentException(channels + " channels do not split into " + groups + " groups");
    }
    if (gamma.length != channels || beta.length != channels) {
      throw new IllegalArgumentException("GroupNorm affine parameters need " + channels + " values");
    }
    this.channels = channels;
    this.groups = groups;
    this.groupSize = channels / groups;
    this.gamma = gamma;
    this.beta = beta;
  }

  /**
   * Normalises groups {@code [groupFrom, groupTo)} of {@code y} for batch elements
   * {@code [0, batch)}, applies Mish, then adds FiLM (when {@code film != null}: row {@code b} at
   * {@code film[b · filmStride + filmOffset ...]}, scale then bias when {@code filmScale}) or
   * {@code residual} (when not null).
   */
  void apply(FeatureMap y, int batch, int groupFrom, int groupTo, float[] film, int filmStride, int filmOffset,
      boolean filmScale, FeatureMap residual) {
    float[] d = y.data;
    int steps = y.steps;
    double count = (double) groupSize * steps;
    for (int b = 0; b < batch; b++) {
      for (int g = groupFrom; g < groupTo; g++) {
        int c0 = g * groupSize;
        double sum = 0;
        double sumSq = 0;
        for (int t = 0; t < steps; t++) {
          int base = y.offset(b, t) + c0;
          for (int c = 0; c < groupSize; c++) {
            double v = d[base + c];
            sum += v;
            sumSq += v * v;
          }
        }
        double mean = sum / count;
        double var = Math.max(0, sumSq / count - mean * mean);
        float rstd = (float) (1.0 / Math.sqrt(var + EPS));
        float fmean = (float) mean;
        for (int t = 0; t < steps; t++) {
          int base = y.offset(b, t) + c0;
          int rBase = residual == null ? 0 : residual.offset(b, t) + c0;
          for (int c = 0; c < groupSize; c++) {
            int ch = c0 + c;
            float v = mish((d[base + c] - fmean) * rstd * gamma[ch] + beta[ch]);
            if (film != null) {
              int f = b * filmStride + filmOffset + ch;
              v = filmScale ? film[f] * v + film[f + channels] : v + film[f];
            } else if (residual != null) {
              v += residual.data[rBase + c];
            }
            d[base + c] = v;
          }
        }
      }
    }
  }

  /**
   * PyTorch's Mish, {@code x · tanh(softplus(x))}, with one exponential:
   * {@code tanh(log(1 + e)) = n / (n + 2)} for {@code n = e (e + 2)}, {@code e = exp(x)}.
   */
  static float mish(float x) {
    if (x > 20f) {
      return x; // softplus's threshold in PyTorch; tanh is 1 in float beyond it
    }
    double e = Math.exp(x);
    double n = e * (e + 2);
    return (float) (x * n / (n + 2));
  }
}
