package io.diffpilot.tools.bench.policy;

import io.diffpilot.policy.engine.ResidentMemory;
import java.util.Arrays;

/**
 * Latency percentiles of repeated calls and the process's resident memory before and after them.
 *
 * @param n timed calls
 * @param p50Millis median
 * @param p99Millis 99th percentile (nearest rank; the maximum when n < 100)
 * @param rssBeforeKib VmRSS after warm-up, before the timed calls
 * @param rssAfterKib VmRSS after the timed calls
 */
public record LatencySample(int n, double p50Millis, double p99Millis, long rssBeforeKib, long rssAfterKib) {

  /**
   * Runs {@code call} {@code warmup} times untimed, then times it until {@code iterations} calls
   * or, after at least 5 calls, until {@code budgetSeconds} have passed.
   */
  public static LatencySample measure(Runnable call, int warmup, int iterations, double budgetSeconds) {
    for (int i = 0; i < warmup; i++) {
      call.run();
    }
    long rssBefore = ResidentMemory.kib();
    double[] times = new double[Math.max(iterations, 1)];
    int n = 0;
    long start = System.nanoTime();
    while (n < iterations && (n < 5 || (System.nanoTime() - start) / 1e9 < budgetSeconds)) {
      long t0 = System.nanoTime();
      call.run();
      times[n++] = (System.nanoTime() - t0) / 1e6;
    }
    long rssAfter = ResidentMemory.kib();
    double[] s = Arrays.copyOf(times, n);
    Arrays.sort(s);
    return new LatencySample(n, percentile(s, 0.5), percentile(s, 0.99), rssBefore, rssAfter);
  }

  /** Nearest-rank percentile of sorted values. */
  static double percentile(double[] sorted, double q) {
    int i = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }
}
