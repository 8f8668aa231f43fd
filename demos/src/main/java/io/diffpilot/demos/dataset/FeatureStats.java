package io.diffpilot.demos.dataset;

/**
 * Per-component statistics of a [N][d] feature, as LeRobot's stats.json stores them:
 * min, max, mean, population std and count (N), each of width d (count of width 1).
 */
public final class FeatureStats {
  private final int dim;
  private final double[] min;
  private final double[] max;
  private final double[] sum;
  private final double[] sumSq;
  private long count;

  public FeatureStats(int dim) {
    this.dim = dim;
    min = new double[dim];
    max = new double[dim];
    sum = new double[dim];
    sumSq = new double[dim];
    java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
  }

  public void add(float[] row) {
    for (int j = 0; j < dim; j++) {
      add(j, row[j]);
    }
    count++;
  }

  public void add(double value) {
    add(0, value);
    count++;
  }

  private void add(int j, double v) {
    min[j] = Math.min(min[j], v);
    max[j] = Math.max(max[j], v);
    sum[j] += v;
    sumSq[j] += v * v;
  }

  public long count() {
    return count;
  }

  public double[] min() {
    return min.clone();
  }

  public double[] max() {
    return max.clone();
  }

  public double[] mean() {
    double[] m = new double[dim];
    for (int j = 0; j < dim; j++) {
      m[j] = sum[j] / count;
    }
    return m;
  }

  public double[] std() {
    double[] s = new double[dim];
    for (int j = 0; j < dim; j++) {
      double mean = sum[j] / count;
      s[j] = Math.sqrt(Math.max(0, sumSq[j] / count - mean * mean));
    }
    return s;
  }
}
