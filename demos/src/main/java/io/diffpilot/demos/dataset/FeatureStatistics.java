package io.diffpilot.demos.dataset;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Statistics of one feature over one episode or a whole dataset, computed as LeRobot computes
 * them (lerobot/datasets/compute_stats.py, {@code RunningQuantileStats} fed one episode at a
 * time, then {@code aggregate_feature_stats}): per component min, max, mean, population std,
 * the count of frames and the quantiles q01, q10, q50, q90 and q99.
 *
 * <p>Quantiles of an episode come from a 5000-bin histogram between min − 1e-10 and max + 1e-10,
 * interpolated linearly inside the bin where the cumulative count reaches q · count, exactly
 * LeRobot's estimator (not the sample quantile). Over a dataset, min, max, count and mean
 * combine exactly and std by the parallel-variance formula; quantiles cannot be combined, so, as
 * LeRobot does since its fix #3804, a lower quantile (≤ q50) is the smallest of the episodes' and
 * an upper one the largest: a bound, not an estimate. LeRobot computes in float32 where the data
 * are float32; this class computes in double, so values agree to float32 rounding.
 *
 * @param min [d]
 * @param max [d]
 * @param mean [d]
 * @param std [d]
 * @param count frames
 * @param quantiles "q01" … "q99" → [d]
 */
public record FeatureStatistics(double[] min, double[] max, double[] mean, double[] std, long count,
    Map<String, double[]> quantiles) {

  /** LeRobot's DEFAULT_QUANTILES and their keys. */
  public static final double[] QUANTILES = {0.01, 0.10, 0.50, 0.90, 0.99};
  public static final List<String> QUANTILE_KEYS = List.of("q01", "q10", "q50", "q90", "q99");
  static final int BINS = 5000;

  public FeatureStatistics {
    quantiles = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(quantiles));
  }

  /** Statistics of {@code rows} [n][d] (one episode). */
  public static FeatureStatistics of(double[][] rows) {
    int n = rows.length;
    if (n == 0) {
      throw new IllegalArgumentException("no rows");
    }
    int d = rows[0].length;
    double[] min = new double[d];
    double[] max = new double[d];
    double[] mean = new double[d];
    double[] std = new double[d];
    Map<String, double[]> q = new LinkedHashMap<>();
    QUANTILE_KEYS.forEach(k -> q.put(k, new double[d]));
    double[] column = new double[n];
    for (int j = 0; j < d; j++) {
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      double sum = 0;
      double sumSq = 0;
      for (int i = 0; i < n; i++) {
        double v = rows[i][j];
        column[i] = v;
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
        sum += v;
        sumSq += v * v;
      }
      min[j] = lo;
      max[j] = hi;
      mean[j] = sum / n;
      if (n < 2) {
        // compute_stats._compute_basic_stats: np.std and every quantile = the mean.
        std[j] = 0;
        for (String k : QUANTILE_KEYS) {
          q.get(k)[j] = mean[j];
        }
        continue;
      }
      std[j] = Math.sqrt(Math.max(0, sumSq / n - mean[j] * mean[j]));
      double[] quantiles = histogramQuantiles(column, lo, hi);
      for (int k = 0; k < QUANTILES.length; k++) {
        q.get(QUANTILE_KEYS.get(k))[j] = quantiles[k];
      }
    }
    return new FeatureStatistics(min, max, mean, std, n, q);
  }

  /** RunningQuantileStats after one update: histogram, cumulative sum, search, interpolation. */
  private static double[] histogramQuantiles(double[] values, double lo, double hi) {
    double[] edges = new double[BINS + 1];
    double start = lo - 1e-10;
    double stop = hi + 1e-10;
    double step = (stop - start) / BINS;
    for (int i = 0; i <= BINS; i++) {
      edges[i] = start + i * step; // np.linspace
    }
    edges[BINS] = stop;
    long[] hist = new long[BINS];
    for (double v : values) {
      // np.histogram: bins [e_i, e_{i+1}), the last one closed
      int b = (int) Math.floor((v - start) / step);
      b = Math.max(0, Math.min(BINS - 1, b));
      while (b > 0 && v < edges[b]) {
        b--;
      }
      while (b < BINS - 1 && v >= edges[b + 1]) {
        b++;
      }
      hist[b]++;
    }
    long[] cumsum = new long[BINS];
    long running = 0;
    for (int i = 0; i < BINS; i++) {
      running += hist[i];
      cumsum[i] = running;
    }
    double[] out = new double[QUANTILES.length];
    for (int k = 0; k < QUANTILES.length; k++) {
      double target = QUANTILES[k] * values.length;
      int idx = 0; // np.searchsorted(cumsum, target), side left: first cumsum >= target
      while (idx < BINS && cumsum[idx] < target) {
        idx++;
      }
      if (idx == 0) {
        out[k] = edges[0];
      } else if (idx >= BINS) {
        out[k] = edges[BINS];
      } else {
        long before = cumsum[idx - 1];
        long inBin = cumsum[idx] - before;
        out[k] = inBin == 0 ? edges[idx] : edges[idx] + (target - before) / inBin * (edges[idx + 1] - edges[idx]);
      }
    }
    return out;
  }

  /** Dataset statistics from per-episode ones (compute_stats.aggregate_feature_stats). */
  public static FeatureStatistics aggregate(List<FeatureStatistics> episodes) {
    if (episodes.isEmpty()) {
      throw new IllegalArgumentException("no statistics to aggregate");
    }
    int d = episodes.get(0).min().length;
    double[] min = new double[d];
    double[] max = new double[d];
    double[] mean = new double[d];
    double[] std = new double[d];
    Arrays.fill(min, Double.POSITIVE_INFINITY);
    Arrays.fill(max, Double.NEGATIVE_INFINITY);
    long count = 0;
    for (FeatureStatistics s : episodes) {
      count += s.count();
    }
    for (FeatureStatistics s : episodes) {
      for (int j = 0; j < d; j++) {
        min[j] = Math.min(min[j], s.min()[j]);
        max[j] = Math.max(max[j], s.max()[j]);
        mean[j] += s.mean()[j] * s.count() / count;
      }
    }
    for (FeatureStatistics s : episodes) {
      for (int j = 0; j < d; j++) {
        double delta = s.mean()[j] - mean[j];
        std[j] += (s.std()[j] * s.std()[j] + delta * delta) * s.count() / count;
      }
    }
    for (int j = 0; j < d; j++) {
      std[j] = Math.sqrt(std[j]);
    }
    Map<String, double[]> q = new LinkedHashMap<>();
    for (int k = 0; k < QUANTILE_KEYS.size(); k++) {
      boolean lower = QUANTILES[k] <= 0.5;
      double[] v = new double[d];
      Arrays.fill(v, lower ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY);
      for (FeatureStatistics s : episodes) {
        double[] e = s.quantiles().get(QUANTILE_KEYS.get(k));
        for (int j = 0; j < d; j++) {
          v[j] = lower ? Math.min(v[j], e[j]) : Math.max(v[j], e[j]);
        }
      }
      q.put(QUANTILE_KEYS.get(k), v);
    }
    return new FeatureStatistics(min, max, mean, std, count, q);
  }
}
