package io.diffpilot.policy.fast;

/**
 * Where each row of a layer run as one matrix product reads and writes: row {@code n} (sample b,
 * output step t) takes its input columns from {@code in[n]} and writes its outputs at {@code out[n]}.
 * Inference ({@link GemmStage}) and training ({@link ConvOp}) lay out their layers alike; the
 * tables are built once per layer, and the hot loops only index them.
 *
 * @param rowsPerSample rows of one sample: output steps, or 1 for a linear layer
 */
record RowOffsets(int[] in, int[] out, int rowsPerSample) {

  /** A linear layer: sample b reads {@code b · inStride} and writes {@code b · outStride + outOffset}. */
  static RowOffsets linear(int maxBatch, int inStride, int outStride, int outOffset) {
    int[] in = new int[maxBatch];
    int[] out = new int[maxBatch];
    for (int b = 0; b < maxBatch; b++) {
      in[b] = b * inStride;
      out[b] = b * outStride + outOffset;
    }
    return new RowOffsets(in, out, 1);
  }

  /** A convolution with {@code stride} and {@code padding}: output step t reads from input step t · stride − padding. */
  static RowOffsets conv(FeatureMap in, FeatureMap out, int maxBatch, int stride, int padding) {
    int steps = out.steps;
    int[] inOff = new int[maxBatch * steps];
    int[] outOff = new int[maxBatch * steps];
    for (int b = 0; b < maxBatch; b++) {
      for (int t = 0; t < steps; t++) {
        inOff[b * steps + t] = in.offset(b, t * stride - padding);
        outOff[b * steps + t] = out.offset(b, t);
      }
    }
    return new RowOffsets(inOff, outOff, steps);
  }

  /**
   * One parity of ConvTranspose1d(kernel 4, stride 2, padding 1): output step 2m + parity reads
   * input steps m − 1 + parity and m + parity.
   */
  static RowOffsets upsampleParity(FeatureMap in, FeatureMap out, int maxBatch, int parity) {
    int steps = in.steps;
    int[] inOff = new int[maxBatch * steps];
    int[] outOff = new int[maxBatch * steps];
    for (int b = 0; b < maxBatch; b++) {
      for (int m = 0; m < steps; m++) {
        inOff[b * steps + m] = in.offset(b, m - 1 + parity);
        outOff[b * steps + m] = out.offset(b, 2 * m + parity);
      }
    }
    return new RowOffsets(inOff, outOff, steps);
  }
}
