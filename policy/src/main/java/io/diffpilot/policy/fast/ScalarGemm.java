package io.diffpilot.policy.fast;

/**
 * Plain-Java {@link Gemm}: the fallback when the Vector API module is absent, and the reference
 * the vector kernel is tested against. The innermost loop runs over the output channels of one
 * panel, contiguous in memory, which HotSpot auto-vectorises.
 */
final class ScalarGemm implements Gemm {

  private final int mr;

  ScalarGemm(int panelWidth) {
    if (panelWidth < 1) {
      throw new IllegalArgumentException("panel width must be >= 1");
    }
    this.mr = panelWidth;
  }

  @Override
  public int panelWidth() {
    return mr;
  }

  @Override
  public String name() {
    return "scalar";
  }

  @Override
  public void multiply(PackedWeights w, float[] in, int[] inOff, float[] out, int[] outOff, int columns,
      int panelFrom, int panelTo) {
    if (w.mr != mr) {
      throw new IllegalArgumentException("weights packed for panel width " + w.mr + ", kernel uses " + mr);
    }
    final int k = w.k;
    final float[] wd = w.data;
    for (int p = panelFrom; p < panelTo; p++) {
      int o0 = p * mr;
      int width = Math.min(mr, w.cout - o0);
      int wBase = p * k * mr;
      for (int n = 0; n < columns; n++) {
        int y = outOff[n] + o0;
        int x = inOff[n];
        for (int r = 0; r < width; r++) {
          out[y + r] = w.bias[o0 + r];
        }
        for (int kk = 0; kk < k; kk++) {
          float xv = in[x + kk];
          int wi = wBase + kk * mr;
          for (int r = 0; r < width; r++) {
            out[y + r] += wd[wi + r] * xv;
          }
        }
      }
    }
  }
}
