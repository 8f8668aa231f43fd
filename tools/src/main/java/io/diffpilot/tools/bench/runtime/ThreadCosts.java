package io.diffpilot.tools.bench.runtime;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Heap allocation and CPU time per thread group of this JVM between two snapshots: who allocates
 * (what feeds the GC) and who competes for the cores during a benchmark. Threads are grouped by
 * name with digits and client ids removed ("MQTT Call: diffpilot-ctl-…" → "MQTT Call (ctl)",
 * "Session Executor 1" → "Session Executor", "nioEventLoopGroup-3-1" → "nioEventLoopGroup").
 * Needs HotSpot's {@code com.sun.management.ThreadMXBean}; elsewhere the snapshot is empty.
 */
final class ThreadCosts {

  /** Totals of one thread group: bytes allocated, CPU ns, live threads at the end. */
  record Group(long allocatedBytes, long cpuNanos, int threads) {}

  private final Map<Long, long[]> start;

  private ThreadCosts(Map<Long, long[]> start) {
    this.start = start;
  }

  /** Notes every live thread's allocation and CPU so far. */
  static ThreadCosts snapshot() {
    Map<Long, long[]> now = new LinkedHashMap<>();
    com.sun.management.ThreadMXBean mx = bean();
    if (mx != null) {
      long[] ids = mx.getAllThreadIds();
      long[] bytes = mx.getThreadAllocatedBytes(ids);
      for (int i = 0; i < ids.length; i++) {
        now.put(ids[i], new long[] {bytes[i], mx.getThreadCpuTime(ids[i])});
      }
    }
    return new ThreadCosts(now);
  }

  /** Per group, what the threads allocated and used since this snapshot (threads born since count whole). */
  Map<String, Group> since() {
    Map<String, Group> out = new TreeMap<>();
    com.sun.management.ThreadMXBean mx = bean();
    if (mx == null) {
      return out;
    }
    long[] ids = mx.getAllThreadIds();
    long[] bytes = mx.getThreadAllocatedBytes(ids);
    ThreadInfo[] infos = mx.getThreadInfo(ids);
    for (int i = 0; i < ids.length; i++) {
      if (infos[i] == null || bytes[i] < 0) {
        continue; // died meanwhile
      }
      long[] s = start.getOrDefault(ids[i], new long[] {0, 0});
      long cpu = Math.max(0, mx.getThreadCpuTime(ids[i]));
      String g = group(infos[i].getThreadName());
      Group old = out.getOrDefault(g, new Group(0, 0, 0));
      out.put(g, new Group(old.allocatedBytes() + bytes[i] - s[0], old.cpuNanos() + cpu - Math.max(0, s[1]),
          old.threads() + 1));
    }
    return out;
  }

  static String group(String threadName) {
    String n = threadName;
    String side = "";
    if (n.contains("diffpilot-ctl-")) {
      side = " (ctl)";
    } else if (n.contains("diffpilot-robot-")) {
      side = " (robot)";
    }
    int colon = n.indexOf(':');
    if (colon > 0 && n.startsWith("MQTT")) {
      n = n.substring(0, colon);
    }
    if (n.startsWith("diffpilot-inference-")) {
      n = "diffpilot-inference";
    } else if (n.startsWith("diffpilot-watchdog-")) {
      n = "diffpilot-watchdog";
    }
    n = n.replaceAll("[-_ ]?\\d+", "").trim();
    return n + side;
  }

  private static com.sun.management.ThreadMXBean bean() {
    if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean mx
        && mx.isThreadAllocatedMemorySupported() && mx.isThreadCpuTimeSupported()) {
      mx.setThreadAllocatedMemoryEnabled(true);
      mx.setThreadCpuTimeEnabled(true);
      return mx;
    }
    return null;
  }
}
