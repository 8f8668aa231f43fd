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
 * LeRobot's estimator (not the sample quantile). Per episode the arithmetic is numpy's (float32
 * for float32 features, float64 for the int64 index columns, in numpy's summation order), so the
 * values are LeRobot's bit for bit. Over a dataset, min, max, count and mean combine exactly and
 * std by the parallel-variance formula, in double; quantiles cannot be combined, so, as LeRobot
 * does since its fix #3804, a lower quantile (≤ q50) is the smallest of the episodes' and an
 * upper one the largest: a bound, not an estimate.
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

  /**
   * Statistics of one episode's float32 feature [n][d], bit for bit as numpy computes them in
   * RunningQuantileStats: float32 arithmetic throughout; sums run row by row per component
   * (numpy's order for an axis-0 reduction of an [n][d] array, d ≥ 2) or pairwise (d = 1,
   * numpy's pairwise summation); histogram edges from a float32 linspace.
   */
  public static FeatureStatistics ofFloat32(float[][] rows) {
    int n = rows.length;
    if (n == 0) {
      throw new IllegalArgumentException("no rows");
    }
    int d = rows[0].length;
    double[] min = new double[d];
    double[] max = new double[d];
    double[] mean = new double[d];
    double[] std = new double[d];
    Map<String, double[]> q = emptyQuantiles(d);
    float[] column = new float[n];
    float[] squares = new float[n];
    for (int j = 0; j < d; j++) {
      float lo = Float.POSITIVE_INFINITY;
      float hi = Float.NEGATIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        column[i] = rows[i][j];
        squares[i] = column[i] * column[i];
        lo = Math.min(lo, column[i]);
        hi = Math.max(hi, column[i]);
      }
      float m = (float) ((double) sum(column, d == 1) / n);
      float m2 = (float) ((double) sum(squares, d == 1) / n);
      min[j] = lo;
      max[j] = hi;
      mean[j] = m;
      if (n < 2) {
        basic(q, j, m);
        continue;
      }
      std[j] = (float) Math.sqrt(Math.max(0f, m2 - m * m));
      float start = lo - 1e-10f;
      float stop = hi + 1e-10f;
      float step = (stop - start) / BINS;
      double[] edges = new double[BINS + 1];
      for (int k = 0; k < BINS; k++) {
        edges[k] = (float) k * step + start;
      }
      edges[BINS] = stop;
      double[] values = new double[n];
      for (int i = 0; i < n; i++) {
        values[i] = column[i];
      }
      quantiles(values, edges, true, q, j);
    }
    return new FeatureStatistics(min, max, mean, std, n, q);
  }

  /**
   * Statistics of an int64 index column (frame_index, index, ...): LeRobot promotes it to
   * float64, so this is the same computation in double, with pairwise sums (d = 1).
   */
  public static FeatureStatistics ofInt64(long[] column) {
    double[] values = new double[column.length];
    for (int i = 0; i < values.length; i++) {
      values[i] = column[i];
    }
    return ofFloat64(values);
  }

  /** Statistics of a float64 scalar column (d = 1), such as the timestamps LeRobot's buffer holds. */
  public static FeatureStatistics ofFloat64(double[] column) {
    int n = column.length;
    if (n == 0) {
      throw new IllegalArgumentException("no rows");
    }
    double[] values = column.clone();
    double[] squares = new double[n];
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      squares[i] = values[i] * values[i];
      lo = Math.min(lo, values[i]);
      hi = Math.max(hi, values[i]);
    }
    double m = pairwise(values, 0, n, false) / n;
    double m2 = pairwise(squares, 0, n, false) / n;
    Map<String, double[]> q = emptyQuantiles(1);
    double std = 0;
    if (n < 2) {
      basic(q, 0, m);
    } else {
      std = Math.sqrt(Math.max(0, m2 - m * m));
      double start = lo - 1e-10;
      double stop = hi + 1e-10;
      double step = (stop - start) / BINS;
      double[] edges = new double[BINS + 1];
      for (int k = 0; k < BINS; k++) {
        edges[k] = k * step + start;
      }
      edges[BINS] = stop;
      quantiles(values, edges, false, q, 0);
    }
    return new FeatureStatistics(new double[] {lo}, new double[] {hi}, new double[] {m}, new double[] {std}, n, q);
  }

  private static Map<String, double[]> emptyQuantiles(int d) {
    Map<String, double[]> q = new LinkedHashMap<>();
    QUANTILE_KEYS.forEach(k -> q.put(k, new double[d]));
    return q;
  }

  /** compute_stats._compute_basic_stats (fewer than 2 frames): every quantile is the mean. */
  private static void basic(Map<String, double[]> q, int j, double mean) {
    for (String k : QUANTILE_KEYS) {
      q.get(k)[j] = mean;
    }
  }

  /** A float32 sum in numpy's order: row by row, or pairwise when the feature has one component. */
  private static float sum(float[] x, boolean pairwise) {
    if (pairwise) {
      double[] wide = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        wide[i] = x[i];
      }
      return (float) pairwise(wide, 0, x.length, true);
    }
    float s = 0;
    for (float v : x) {
      s += v;
    }
    return s;
  }

  /**
   * numpy's pairwise_sum (8 accumulators up to 128 elements, halves above). With {@code float32}
   * every sum is rounded to float, which gives float32 arithmetic bit for bit: a double holds the
   * exact sum of two floats' worth of bits closely enough that rounding it once more to float is
   * the correctly rounded float sum (53 ≥ 2·24 + 2).
   */
  private static double pairwise(double[] x, int from, int n, boolean float32) {
    if (n < 8) {
      double r = -0.0;
      for (int i = 0; i < n; i++) {
        r = add(r, x[from + i], float32);
      }
      return r;
    }
    if (n <= 128) {
      double[] r = new double[8];
      for (int j = 0; j < 8; j++) {
        r[j] = x[from + j];
      }
      int i = 8;
      for (; i < n - n % 8; i += 8) {
        for (int j = 0; j < 8; j++) {
          r[j] = add(r[j], x[from + i + j], float32);
        }
      }
      double res = add(add(add(r[0], r[1], float32), add(r[2], r[3], float32), float32),
          add(add(r[4], r[5], float32), add(r[6], r[7], float32), float32), float32);
      for (; i < n; i++) {
        res = add(res, x[from + i], float32);
      }
      return res;
    }
    int half = n / 2;
    half -= half % 8;
    return add(pairwise(x, from, half, float32), pairwise(x, from + half, n - half, float32), float32);
  }

  private static double add(double a, double b, boolean float32) {
    double sum = a + b;
    return float32 ? (float) sum : sum;
  }

  /**
   * np.histogram with explicit edges (bin k holds e_k ≤ x &lt; e_k+1, the last also x = e_last),
   * then RunningQuantileStats._compute_single_quantile for every quantile. With float32 edges
   * the bin width is a float32 difference, as numpy computes it between two float32 scalars.
   */
  private static void quantiles(double[] values, double[] edges, boolean float32, Map<String, double[]> out, int j) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    long[] below = new long[BINS + 1];
    for (int k = 0; k <= BINS; k++) {
      below[k] = searchSorted(sorted, edges[k], k == BINS); // values < e_k; the last bin also holds x = e_last
    }
    double[] cumsum = new double[BINS];
    double running = 0;
    for (int k = 0; k < BINS; k++) {
      running += below[k + 1] - below[k];
      cumsum[k] = running;
    }
    for (int qi = 0; qi < QUANTILES.length; qi++) {
      double target = QUANTILES[qi] * values.length;
      int idx = searchSorted(cumsum, target, false);
      double v;
      if (idx == 0) {
        v = edges[0];
      } else if (idx >= BINS) {
        v = edges[BINS];
      } else {
        double before = cumsum[idx - 1];
        double inBin = cumsum[idx] - before;
        if (inBin == 0) {
          v = edges[idx];
        } else {
          double width = float32 ? (float) ((float) edges[idx + 1] - (float) edges[idx]) : edges[idx + 1] - edges[idx];
          v = edges[idx] + (target - before) / inBin * width;
        }
      }
      out.get(QUANTILE_KEYS.get(qi))[j] = v;
    }
  }

  /**
   * np.searchsorted on an ascending array: the first index whose value is ≥ x (side "left"), or
   * > x with {@code right} (side "right"); that is, how many values are below x (or at most x).
   */
  private static int searchSorted(double[] ascending, double x, boolean right) {
    int lo = 0;
    int hi = ascending.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (ascending[mid] < x || (right && ascending[mid] == x)) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
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
