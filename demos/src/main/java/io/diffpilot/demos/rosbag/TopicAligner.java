package io.diffpilot.demos.rosbag;

import io.diffpilot.core.Episode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Samples topics at the control rate into episodes. The rules (demos/README.md draws them):
 *
 * <ol>
 *   <li><b>Segments.</b> The messages of all chosen topics, in record-time order, are cut where
 *       consecutive messages are more than {@code gap} apart and at each marker message (a marker
 *       at m: messages from m on belong to the next episode).</li>
 *   <li><b>Ticks.</b> Ticks are {@code 1 / controlHz} apart, in phase with the action messages
 *       (the median of their offsets from such a grid, so that one late message does not shift
 *       it); the episode's first tick is the first by which every topic has a message. Each message belongs to its <b>nearest</b> tick
 *       (its slot: tick k owns [t_k − P/2, t_k + P/2)), not to the next one: record times jitter around the moments the messages were
 *       published, and a rule that looks only backwards (latest message at or before the tick)
 *       flips between two messages whenever jitter crosses a tick that sits on a message time.</li>
 *   <li><b>One message per step.</b> On a topic that sends about one message per tick or fewer
 *       (median interval ≥ ¾ of a period), messages keep their order and each takes its own tick.
 *       When a message lands on a tick already taken, the messages on the consecutive ticks just
 *       before it move back one tick if the tick before them is free (they were delivered late,
 *       as when two messages are recorded in the same millisecond after a stall), else it moves
 *       on into a free next tick (it came early); only if neither is free does it supersede the
 *       earlier message (counted in the report).</li>
 *   <li><b>Sample.</b> At tick k every topic contributes its latest message whose slot is ≤ k (a
 *       faster topic: the latest in the slot), which must be at most {@code maxAge} old in ticks ×
 *       period; a tick where one is older ends the episode there and the next starts at the first
 *       tick where all are fresh again.</li>
 *   <li><b>End.</b> The last tick of a segment is the slot of its last action message: each
 *       recorded action is a step, the last one included.</li>
 * </ol>
 * Episodes shorter than 2 steps are dropped and counted. Timestamps are {@code k / controlHz}.
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

  /** The messages of one topic inside one segment, with the tick each belongs to. */
  private record Slotted(TimeSeries series, int from, long[] slots) {

    /** Index into {@code series} of the latest message with slot ≤ k, or −1. */
    int latestAtOrBefore(long k) {
      int i = TimeSeries.lastAtOrBefore(slots, k);
      return i < 0 ? -1 : from + i;
    }

    long slotOf(int seriesIndex) {
      return slots[seriesIndex - from];
    }
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
    int[] superseded = new int[1];
    for (long[] seg : segments) {
      boolean complete = true;
      for (TimeSeries s : all) {
        int i = s.firstAtOrAfter(seg[0]);
        if (i < 0 || s.timesNanos()[i] > seg[1]) {
          complete = false;
          report.add("segment " + fmt(seg[0]) + "–" + fmt(seg[1]) + " s skipped: no message on " + s.topic());
          break;
        }
      }
      if (!complete) {
        continue;
      }
      long start = gridAnchor(action, seg);
      Map<String, Slotted> obs = new LinkedHashMap<>();
      for (var e : observations.entrySet()) {
        obs.put(e.getKey(), slot(e.getValue(), seg, start, superseded));
      }
      Slotted act = slot(action, seg, start, superseded);
      List<Slotted> slotted = new ArrayList<>(obs.values());
      slotted.add(act);
      long first = Long.MIN_VALUE;
      for (Slotted s : slotted) {
        first = Math.max(first, s.slots()[0]); // the first tick by which every topic has a message
      }
      long last = act.slots()[act.slots().length - 1];
      List<Long> ticks = new ArrayList<>();
      for (long k = first; k <= last; k++) {
        boolean fresh = true;
        for (Slotted s : slotted) {
          int i = s.latestAtOrBefore(k);
          if (i < 0 || (k - s.slotOf(i)) * periodNanos > maxAgeNanos) {
            fresh = false;
            break;
          }
        }
        if (fresh) {
          ticks.add(k);
        } else {
          staleTicks++;
          shortDropped += flush(ticks, obs, act, start, task, metadata, episodes);
        }
      }
      shortDropped += flush(ticks, obs, act, start, task, metadata, episodes);
    }
    if (superseded[0] > 0) {
      report.add(superseded[0] + " messages superseded: two messages of a one-per-step topic fell into one tick"
          + " and no neighbouring tick was free");
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

  /**
   * Where the ticks lie: in phase with the action messages of the segment, the median of their
   * offsets from a 1/hz grid through the first one, so that one late message (the first included)
   * does not shift the grid.
   */
  private long gridAnchor(TimeSeries action, long[] seg) {
    int from = action.firstAtOrAfter(seg[0]);
    long first = action.timesNanos()[from];
    List<Long> offsets = new ArrayList<>();
    for (int i = from; i < action.timesNanos().length && action.timesNanos()[i] <= seg[1]; i++) {
      offsets.add(Math.floorMod(action.timesNanos()[i] - first + periodNanos / 2, periodNanos) - periodNanos / 2);
    }
    offsets.sort(null);
    return first + offsets.get(offsets.size() / 2);
  }

  /** Assigns each message of {@code s} inside {@code seg} to its nearest tick (rules 2 and 3). */
  private Slotted slot(TimeSeries s, long[] seg, long start, int[] superseded) {
    int from = s.firstAtOrAfter(seg[0]);
    int to = from;
    while (to < s.timesNanos().length && s.timesNanos()[to] <= seg[1]) {
      to++;
    }
    long[] slots = new long[to - from];
    for (int i = 0; i < slots.length; i++) {
      slots[i] = Math.floorDiv(s.timesNanos()[from + i] - start + periodNanos / 2, periodNanos);
    }
    if (slots.length >= 2 && medianInterval(s, from, to) * 4 >= periodNanos * 3) {
      for (int i = 1; i < slots.length; i++) {
        if (slots[i] > slots[i - 1]) {
          continue;
        }
        // The run of messages on consecutive ticks just before i; if the tick before the run is
        // free, they were delivered late (a stalled publisher or recorder): move them back one.
        int j = i - 1;
        while (j > 0 && slots[j - 1] == slots[j] - 1) {
          j--;
        }
        if (j == 0 || slots[j - 1] < slots[j] - 1) {
          for (int m = j; m < i; m++) {
            slots[m]--;
          }
          slots[i] = Math.max(slots[i], slots[i - 1] + 1);
        } else if (i + 1 == slots.length || slots[i + 1] > slots[i - 1] + 1) {
          slots[i] = slots[i - 1] + 1; // it came early: on into the free tick after
        } else {
          superseded[0]++;
          slots[i] = slots[i - 1]; // the later supersedes the earlier (latest in a tick wins)
        }
      }
    }
    return new Slotted(s, from, slots);
  }

  private static long medianInterval(TimeSeries s, int from, int to) {
    long[] d = new long[to - from - 1];
    for (int i = from + 1; i < to; i++) {
      d[i - from - 1] = s.timesNanos()[i] - s.timesNanos()[i - 1];
    }
    Arrays.sort(d);
    return d[d.length / 2];
  }

  private int flush(List<Long> ticks, Map<String, Slotted> observations, Slotted action, long start,
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
    long k0 = ticks.get(0);
    for (int k = 0; k < n; k++) {
      long tick = ticks.get(k);
      t[k] = (tick - k0) * periodNanos / 1e9;
      for (var e : observations.entrySet()) {
        Slotted s = e.getValue();
        obs.get(e.getKey())[k] = s.series().values()[s.latestAtOrBefore(tick)].clone();
      }
      actions[k] = action.series().values()[action.latestAtOrBefore(tick)].clone();
    }
    Map<String, String> meta = new LinkedHashMap<>(metadata);
    meta.put("start_time_ns", Long.toString(start + k0 * periodNanos));
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
