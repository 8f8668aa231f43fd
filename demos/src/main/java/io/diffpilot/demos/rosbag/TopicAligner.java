package io.diffpilot.demos.rosbag;

import io.diffpilot.core.Episode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Samples topics at the control rate into episodes.
 *
 * <p>Alignment rule: at each tick {@code t}, every topic contributes its <b>latest message with
 * record time ≤ t</b> (zero-order hold), which must be at most {@code maxAge} old; the observation
 * and the action of a step are both taken at the same tick, so the step pairs the last observation
 * and the last command known at that moment.
 *
 * <p>Segments: the messages of all chosen topics, in time order, are cut where consecutive
 * messages are more than {@code gap} apart and at each marker message. A segment's first tick is
 * the time by which every topic has sent a message; ticks follow every {@code 1/controlHz} up to
 * its last message. A tick where some topic is stale ends the episode; the next episode starts at
 * the first tick where all are fresh again. Episodes shorter than 2 steps are dropped and counted.
 */
final class TopicAligner {

  private final long periodNanos;
  private final long maxAgeNanos;
  private final long gapNanos;
  final List<String> report = new ArrayList<>();

  TopicAligner(double controlHz, double maxAgeSeconds, double gapSeconds) {
    this.periodNanos = Math.round(1e9 / controlHz);
    this.maxAgeNanos = Math.round(maxAgeSeconds * 1e9);
    this.gapNanos = Math.round(gapSeconds * 1e9);
  }

  /**
   * @param observations observation name → its topic's series
   * @param action the action topic's series
   * @param markers marker message times (sorted), may be empty
   */
  List<Episode> align(Map<String, TimeSeries> observations, TimeSeries action, long[] markers, String task,
      Map<String, String> metadata) {
    List<TimeSeries> all = new ArrayList<>(observations.values());
    all.add(action);
    TreeSet<Long> times = new TreeSet<>();
    for (TimeSeries s : all) {
      for (long t : s.timesNanos()) {
        times.add(t);
      }
    }
    List<long[]> segments = segments(times, markers);
    List<Episode> episodes = new ArrayList<>();
    int staleTicks = 0;
    int shortDropped = 0;
    for (long[] seg : segments) {
      long start = Long.MIN_VALUE;
      boolean complete = true;
      for (TimeSeries s : all) {
        int i = s.firstAtOrAfter(seg[0]);
        if (i < 0 || s.timesNanos()[i] > seg[1]) {
          complete = false;
          report.add("segment " + fmt(seg[0]) + "–" + fmt(seg[1]) + " s skipped: no message on " + s.topic());
          break;
        }
        start = Math.max(start, s.timesNanos()[i]);
      }
      if (!complete) {
        continue;
      }
      List<Long> ticks = new ArrayList<>();
      for (long t = start; t <= seg[1]; t += periodNanos) {
        boolean fresh = true;
        for (TimeSeries s : all) {
          int i = s.latestAtOrBefore(t, seg[0]);
          if (i < 0 || t - s.timesNanos()[i] > maxAgeNanos) {
            fresh = false;
            break;
          }
        }
        if (fresh) {
          ticks.add(t);
        } else {
          staleTicks++;
          shortDropped += flush(ticks, observations, action, seg[0], task, metadata, episodes);
        }
      }
      shortDropped += flush(ticks, observations, action, seg[0], task, metadata, episodes);
    }
    if (staleTicks > 0) {
      report.add(staleTicks + " ticks dropped because a topic's latest message was older than "
          + maxAgeNanos / 1e9 + " s (episodes were cut there)");
    }
    if (shortDropped > 0) {
      report.add(shortDropped + " pieces shorter than 2 steps dropped");
    }
    return episodes;
  }

  private int flush(List<Long> ticks, Map<String, TimeSeries> observations, TimeSeries action, long segStart,
      String task, Map<String, String> metadata, List<Episode> out) {
    if (ticks.isEmpty()) {
      return 0;
    }
    if (ticks.size() < 2) {
      ticks.clear();
      return 1;
    }
    int n = ticks.size();
    double[] t = new double[n];
    Map<String, float[][]> obs = new LinkedHashMap<>();
    observations.forEach((name, s) -> obs.put(name, new float[n][]));
    float[][] actions = new float[n][];
    long t0 = ticks.get(0);
    for (int k = 0; k < n; k++) {
      long tick = ticks.get(k);
      t[k] = (tick - t0) / 1e9;
      for (var e : observations.entrySet()) {
        obs.get(e.getKey())[k] = e.getValue().values()[e.getValue().latestAtOrBefore(tick, segStart)].clone();
      }
      actions[k] = action.values()[action.latestAtOrBefore(tick, segStart)].clone();
    }
    Map<String, String> meta = new LinkedHashMap<>(metadata);
    meta.put("start_time_ns", Long.toString(t0));
    out.add(new Episode(out.size(), task, t, obs, actions, meta));
    ticks.clear();
    return 0;
  }

  private List<long[]> segments(TreeSet<Long> times, long[] markers) {
    List<long[]> out = new ArrayList<>();
    if (times.isEmpty()) {
      return out;
    }
    long[] sorted = times.stream().mapToLong(Long::longValue).toArray();
    long[] marks = markers.clone();
    Arrays.sort(marks);
    int start = 0;
    for (int i = 1; i <= sorted.length; i++) {
      boolean cut = i == sorted.length || sorted[i] - sorted[i - 1] > gapNanos || markerBetween(marks, sorted[i - 1], sorted[i]);
      if (cut) {
        out.add(new long[] {sorted[start], sorted[i - 1]});
        start = i;
      }
    }
    return out;
  }

  /** A marker m with a < m ≤ b: messages from m on belong to the next episode. */
  private static boolean markerBetween(long[] marks, long a, long b) {
    int i = Arrays.binarySearch(marks, a + 1);
    if (i < 0) {
      i = -i - 1;
    }
    return i < marks.length && marks[i] <= b;
  }

  private static String fmt(long nanos) {
    return String.format("%.3f", nanos / 1e9);
  }
}
