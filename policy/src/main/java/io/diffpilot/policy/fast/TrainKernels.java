package io.diffpilot.policy.fast;

/**
 * The two matrix products training needs, over rows gathered by offset arrays (so a convolution
 * over a padded channels-last map is a product without an im2col copy):
 * <ul>
 *   <li>{@link #rowsTimes}: {@code c[cOff[n] + o] += Σ_k a[aOff[n] + k] · b[k · width + o]}
 *       (forward: inputs × packed weights; backward to the input: output gradients × weights);
 *   <li>{@link #transposeTimes}: {@code g[k · width + o] += Σ_n a[aOff[n] + k] · d[dOff[n] + o]}
 *       (backward to the weights: inputs transposed × output gradients).
 * </ul>
 * Both accumulate into their output.
 */
interface TrainKernels {

  void rowsTimes(float[] a, int[] aOff, int rows, int k, float[] b, float[] c, int[] cOff, int width);

  void transposeTimes(float[] a, int[] aOff, int rows, int k, float[] d, int[] dOff, int width, float[] g);

  String name();

  /** The Vector API kernels when the JVM has {@code jdk.incubator.vector}, otherwise plain Java. */
  static TrainKernels best() {
    return Gemm.vectorApiAvailable() ? new VectorTrainKernels() : new ScalarTrainKernels();
  }
}
