package io.diffpilot.policy.fast;

/**
 * Weights of one convolution or linear layer, packed once per model into panels of {@code mr}
 * output channels so that the GEMM inner loop reads them sequentially.
 *
 * <p>Layout {@code [panels][k][mr]} with {@code k = tap · cin + inputChannel} (tap-major, so that
 * the {@code k} inputs of one output column are {@code taps · cin} consecutive floats of a
 * channels-last feature map). Output channels past {@code cout} in the last panel are zero. The
 * bias is padded the same way.
 */
final class PackedWeights {

  /** Source of one weight element, in the convolution's own indexing. */
  @FunctionalInterface
  interface Source {
    float weight(int out, int in, int tap);
  }

  final int cout;
  final int cin;
  final int taps;
  final int k;
  final int mr;
  final int panels;
  final float[] data;
  final float[] bias;

  private PackedWeights(int cout, int cin, int taps, int mr, Source w, float[] bias) {
    if (bias != null && bias.length != cout) {
      throw new IllegalArgumentException("bias has " + bias.length + " values for " + cout + " output channels");
    }
    this.cout = cout;
    this.cin = cin;
    this.taps = taps;
    this.k = cin * taps;
    this.mr = mr;
    this.panels = (cout + mr - 1) / mr;
    this.data = new float[panels * k * mr];
    this.bias = new float[panels * mr];
    for (int o = 0; o < cout; o++) {
      int p = o / mr;
      int r = o % mr;
      for (int tap = 0; tap < taps; tap++) {
        for (int i = 0; i < cin; i++) {
          data[(p * k + tap * cin + i) * mr + r] = w.weight(o, i, tap);
        }
      }
      this.bias[o] = bias == null ? 0f : bias[o];
    }
  }

  /** Packs any weight source with {@code cout × cin × taps} elements. */
  static PackedWeights of(int cout, int cin, int taps, int mr, Source w, float[] bias) {
    return new PackedWeights(cout, cin, taps, mr, w, bias);
  }

  /** Packs a PyTorch {@code Conv1d} weight {@code [cout, cin, taps]} (row-major). */
  static PackedWeights conv(float[] weight, int cout, int cin, int taps, float[] bias, int mr) {
    if (weight.length != cout * cin * taps) {
      throw new IllegalArgumentException("conv weight has " + weight.length + " values, expected ["
          + cout + ", " + cin + ", " + taps + "]");
    }
    return new PackedWeights(cout, cin, taps, mr, (o, i, t) -> weight[(o * cin + i) * taps + t], bias);
  }

  /** Packs a PyTorch {@code Linear} weight {@code [cout, cin]}. */
  static PackedWeights linear(float[] weight, int cout, int cin, float[] bias, int mr) {
    return conv(weight, cout, cin, 1, bias, mr);
  }
}
