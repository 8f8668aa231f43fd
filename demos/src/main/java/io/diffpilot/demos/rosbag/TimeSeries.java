package io.diffpilot.demos.rosbag;

import java.util.Arrays;
import java.util.List;

/**
 * The decoded messages of one topic: times (ns, increasing or equal), vectors [n][d] and the d
 * component names the messages carry (JointState's {@code name}), or none.
 */
record TimeSeries(String topic, long[] timesNanos, float[][] values, List<String> names) {

  TimeSeries(String topic, long[] timesNanos, float[][] values) {
    this(topic, timesNanos, values, List.of());
  }

  /** Index of the latest message at or before {@code t} within [{@code from}, ...), or −1. */
  int latestAtOrBefore(long t, long from) {
    int i = lastAtOrBefore(timesNanos, t);
    return i >= 0 && timesNanos[i] >= from ? i : -1;
  }

  /** Index of the last element ≤ {@code key} in ascending {@code sorted} (the last of equal ones), or −1. */
  static int lastAtOrBefore(long[] sorted, long key) {
    int i = Arrays.binarySearch(sorted, key);
    if (i < 0) {
      return -i - 2;
    }
    while (i + 1 < sorted.length && sorted[i + 1] == key) {
      i++;
    }
    return i;
  }

  /** Index of the first message at or after {@code t}, or −1. */
  int firstAtOrAfter(long t) {
    int i = Arrays.binarySearch(timesNanos, t);
    if (i < 0) {
      i = -i - 1;
    } else {
      while (i > 0 && timesNanos[i - 1] == t) {
        i--;
      }
    }
    return i < timesNanos.length ? i : -1;
  }
}
