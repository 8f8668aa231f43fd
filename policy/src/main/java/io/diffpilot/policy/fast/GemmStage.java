package io.diffpilot.policy.fast;

/**
 * One {@link Gemm} bound to its input and output buffers with precomputed column offsets: a
 * convolution over a {@link FeatureMap}, one parity of a transposed convolution, or a linear
 * layer over {@code [B, features]} rows. Offsets are computed for the largest batch, so any
 * smaller batch uses a prefix of them.
 */
final class GemmStage {

  final PackedWeights weights;
  final float[] in;
  float[] out;
  private final int[] inOff;
  private final int[] outOff;
  private final int columnsPerBatch;

  private GemmStage(PackedWeights weights, float[] in, float[] out, RowOffsets rows) {
    this.weights = weights;
    this.in = in;
    this.out = out;
    this.inOff = rows.in();
    this.outOff = rows.out();
    this.columnsPerBatch = rows.rowsPerSample();
  }

  /** A linear layer: {@code out[b][outOffset + o] = bias[o] + W[o] · in[b][0..cin)}. */
  static GemmStage linear(PackedWeights w, float[] in, int inStride, float[] out, int outStride, int outOffset,
      int maxBatch) {
    return new GemmStage(w, in, out, RowOffsets.linear(maxBatch, inStride, outStride, outOffset));
  }

  /**
   * A convolution with {@code w.taps} taps, {@code stride} and zero {@code padding}, from a
   * contiguous map to any map; output steps = {@code out.steps}.
   */
  static GemmStage conv(PackedWeights w, FeatureMap in, FeatureMap out, int stride, int padding, int maxBatch) {
    checkInput(w, in, padding);
    int steps = out.steps;
    int lastRow = (steps - 1) * stride - padding + w.taps - 1;
    if (lastRow >= in.steps + in.pad) {
      throw new IllegalArgumentException("convolution reads step " + lastRow + " past the padding of a map of "
          + in.steps + " steps");
    }
    return new GemmStage(w, in.data, out.data, RowOffsets.conv(in, out, maxBatch, stride, padding));
  }

  /**
   * One parity of a transposed convolution with kernel 4, stride 2, padding 1 (diffusion_policy's
   * Upsample1d): output step {@code 2m + parity} reads input steps {@code m - 1 + parity} and
   * {@code m + parity} with the two taps packed in {@code w}.
   */
  static GemmStage upsampleParity(PackedWeights w, FeatureMap in, FeatureMap out, int parity, int maxBatch) {
    checkInput(w, in, 1);
    if (w.taps != 2 || out.steps != 2 * in.steps) {
      throw new IllegalArgumentException("upsampling needs 2 taps and twice the steps");
    }
    return new GemmStage(w, in.data, out.data, RowOffsets.upsampleParity(in, out, maxBatch, parity));
  }

  private static void checkInput(PackedWeights w, FeatureMap in, int padding) {
    if (!in.contiguous()) {
      throw new IllegalArgumentException("a convolution input must be a whole feature map, not a channel slice");
    }
    if (in.channels != w.cin) {
      throw new IllegalArgumentException("convolution expects " + w.cin + " input channels, map has " + in.channels);
    }
    if (in.pad < padding) {
      throw new IllegalArgumentException("map padding " + in.pad + " is smaller than the convolution's " + padding);
    }
  }

  int panels() {
    return weights.panels;
  }

  void run(Gemm gemm, int batch, int panelFrom, int panelTo) {
    if (panelFrom < panelTo) {
      gemm.multiply(weights, in, inOff, out, outOff, batch * columnsPerBatch, panelFrom, panelTo);
    }
  }
}
