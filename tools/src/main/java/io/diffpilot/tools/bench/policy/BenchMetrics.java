package io.diffpilot.tools.bench.policy;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

/** What the backend benchmark reads about itself and its rows: RSS, heap, allocation, load, percentiles. */
final class BenchMetrics {

  private BenchMetrics() {}

  static long rssKb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException e) {
      return -1;
    }
    return -1;
  }

  static long heapUsedAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** Looked up once: {@code ManagementFactory.getThreadMXBean()} itself allocates ~800 bytes a call. */
  private static final java.lang.management.ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  static long threadAllocatedBytes() {
    if (THREADS instanceof com.sun.management.ThreadMXBean sun) {
      return sun.getCurrentThreadAllocatedBytes();
    }
    return -1;
  }

  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "?";
    }
  }

  static double percentile(double[] values, double q) {
    double[] s = values.clone();
    Arrays.sort(s);
    int i = (int) Math.ceil(q * s.length) - 1;
    return s[Math.max(0, Math.min(s.length - 1, i))];
  }

  static void fill(SplittableRandom r, float[] v) {
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) r.nextGaussian();
    }
  }
}
