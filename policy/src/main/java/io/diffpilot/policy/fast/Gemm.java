package io.diffpilot.policy.fast;

/**
 * The one arithmetic kernel of the Java backend: a matrix product whose columns are gathered
 * without copies.
 *
 * <p>For each column {@code n < columns} and output channel {@code o} of the panels
 * {@code [panelFrom, panelTo)}:
 * {@code out[outOff[n] + o] = bias[o] + Σ_k W[o][k] · in[inOff[n] + k]}. A convolution over a
 * zero-padded channels-last feature map is this product with {@code inOff[n]} pointing at the first
 * tap's row (implicit im2col); a linear layer has one column per batch element.
 */
interface Gemm {

  /** Output channels per packed panel; weights must be packed with this width. */
  int panelWidth();

  void multiply(PackedWeights w, float[] in, int[] inOff, float[] out, int[] outOff, int columns,
      int panelFrom, int panelTo);

  /** A short name for reports ("vector-512", "scalar"). */
  String name();

  /**
   * The Vector API kernel when the JVM runs with {@code --add-modules jdk.incubator.vector},
   * otherwise the plain-Java one (same results to float rounding, a few times slower).
   */
  static Gemm best() {
    if (vectorApiAvailable()) {
      return new VectorGemm();
    }
    return new ScalarGemm(16);
  }

  static boolean vectorApiAvailable() {
    return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
  }
}
