package io.diffpilot.policy.fast;

import java.util.Arrays;

/**
 * One {@link TrainableConv} bound, for one training lane, to its input, output and their
 * gradient buffers through precomputed row offsets: forward, and backward to the bias, the
 * weights and (when {@code gradIn} is set) the input. The gradient to the input goes through a
 * small column block and is scattered back, because the rows of a convolution's input overlap.
 */
final class ConvOp {

  private static final int CHUNK = 64;

  final TrainableConv p;
  private final float[] in;
  private final float[] out;
  private final float[] gradIn;
  private final float[] gradOut;
  private final int[] inOff;
  private final int[] outOff;
  private final int rowsPerSample;
  final float[] weightGrad;
  private final float[] columns;
  private final int[] columnOff = new int[CHUNK];
  private final int[] chunkOff = new int[CHUNK];

  ConvOp(TrainableConv p, float[] in, float[] gradIn, float[] out, float[] gradOut, RowOffsets rows) {
    this.p = p;
    this.in = in;
    this.out = out;
    this.gradIn = gradIn;
    this.gradOut = gradOut;
    this.inOff = rows.in();
    this.outOff = rows.out();
    this.rowsPerSample = rows.rowsPerSample();
    this.weightGrad = new float[p.k * p.cout];
    this.columns = gradIn == null ? null : new float[CHUNK * p.k];
    for (int r = 0; r < CHUNK; r++) {
      columnOff[r] = r * p.k;
    }
  }

  /** A convolution from map {@code in} (padded) to map {@code out} with {@code stride} and {@code padding}. */
  static ConvOp conv(TrainableConv p, FeatureMap in, FeatureMap gradIn, FeatureMap out, FeatureMap gradOut,
      int maxBatch, int stride, int padding) {
    int steps = out.steps;
    if (in.pad < padding || (steps - 1) * stride - padding + p.taps - 1 >= in.steps + in.pad) {
      throw new IllegalArgumentException("convolution reads past the padding of its input map");
    }
    return new ConvOp(p, in.data, gradIn == null ? null : gradIn.data, out.data, gradOut.data,
        RowOffsets.conv(in, out, maxBatch, stride, padding));
  }

  /** One parity of ConvTranspose1d(kernel 4, stride 2, padding 1): output 2m + parity reads inputs m − 1 + parity, m + parity. */
  static ConvOp upsampleParity(TrainableConv p, FeatureMap in, FeatureMap gradIn, FeatureMap out, FeatureMap gradOut,
      int maxBatch, int parity) {
    return new ConvOp(p, in.data, gradIn.data, out.data, gradOut.data, RowOffsets.upsampleParity(in, out, maxBatch, parity));
  }

  /** A linear layer over rows {@code in[b · inStride ...]} into {@code out[b · outStride ...]}. */
  static ConvOp linear(TrainableConv p, float[] in, float[] gradIn, int inStride, float[] out, float[] gradOut,
      int outStride, int maxBatch) {
    return new ConvOp(p, in, gradIn, out, gradOut, RowOffsets.linear(maxBatch, inStride, outStride, 0));
  }

  void forward(TrainKernels kernels, float[] params, int batch) {
    int rows = batch * rowsPerSample;
    int cout = p.cout;
    for (int n = 0; n < rows; n++) {
      System.arraycopy(params, p.biasOffset, out, outOff[n], cout);
    }
    kernels.rowsTimes(in, inOff, rows, p.k, p.wt, out, outOff, cout);
  }

  /** Accumulates the bias gradient into {@code grad}, the weight gradient into {@link #weightGrad}, and the input gradient. */
  void backward(TrainKernels kernels, float[] grad, int batch) {
    int rows = batch * rowsPerSample;
    int cout = p.cout;
    int bias = p.biasOffset;
    for (int n = 0; n < rows; n++) {
      int at = outOff[n];
      for (int o = 0; o < cout; o++) {
        grad[bias + o] += gradOut[at + o];
      }
    }
    kernels.transposeTimes(in, inOff, rows, p.k, gradOut, outOff, cout, weightGrad);
    if (gradIn == null) {
      return;
    }
    int k = p.k;
    for (int from = 0; from < rows; from += CHUNK) {
      int count = Math.min(CHUNK, rows - from);
      System.arraycopy(outOff, from, chunkOff, 0, count);
      Arrays.fill(columns, 0, count * k, 0f);
      kernels.rowsTimes(gradOut, chunkOff, count, cout, p.wrow, columns, columnOff, k);
      for (int r = 0; r < count; r++) {
        int dst = inOff[from + r];
        int src = r * k;
        for (int j = 0; j < k; j++) {
          gradIn[dst + j] += columns[src + j];
        }
      }
    }
  }

  /** Folds {@link #weightGrad} into the flat gradient and clears it. */
  void flushWeightGradient(float[] grad) {
    p.unpackGradient(weightGrad, grad);
    Arrays.fill(weightGrad, 0f);
  }
}
