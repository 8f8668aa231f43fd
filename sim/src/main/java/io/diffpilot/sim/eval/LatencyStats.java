package io.diffpilot.sim.eval;

import java.util.Arrays;

/**
 * Percentiles of per-chunk inference latency (nearest-rank), milliseconds.
 *
 * @param chunks number of timed calls
 */
public record LatencyStats(int chunks, double p50Millis, double p90Millis, double p99Millis, double maxMillis) {

  /** From raw nanosecond samples (copied and sorted). */
  public static LatencyStats ofNanos(long[] nanos) {
    if (nanos.length == 0) {
      return new LatencyStats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    long[] s = nanos.clone();
    Arrays.sort(s);
    return new LatencyStats(s.length, rank(s, 0.50), rank(s, 0.90), rank(s, 0.99), s[s.length - 1] / 1e6);
  }

  private static double rank(long[] sorted, double q) {
    int i = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
  }
}
