package io.diffpilot.policy.fast;

/** {@link TrainKernels} in plain Java: the fallback without the Vector API, and the reference in tests. */
final class ScalarTrainKernels implements TrainKernels {

  @Override
  public void rowsTimes(float[] a, int[] aOff, int rows, int k, float[] b, float[] c, int[] cOff, int width) {
    for (int n = 0; n < rows; n++) {
      int ar = aOff[n];
      int cr = cOff[n];
      for (int j = 0; j < k; j++) {
        float x = a[ar + j];
        int br = j * width;
        for (int o = 0; o < width; o++) {
          c[cr + o] += x * b[br + o];
        }
      }
    }
  }

  @Override
  public void transposeTimes(float[] a, int[] aOff, int rows, int k, float[] d, int[] dOff, int width, float[] g) {
    for (int n = 0; n < rows; n++) {
      int ar = aOff[n];
      int dr = dOff[n];
      for (int j = 0; j < k; j++) {
        float x = a[ar + j];
        int gr = j * width;
        for (int o = 0; o < width; o++) {
          g[gr + o] += x * d[dr + o];
        }
      }
    }
  }

  @Override
  public String name() {
    return "scalar";
  }
}
