package io.diffpilot.tools.bench.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What Linux's scheduler did with one process's threads between two snapshots, from
 * {@code /proc/<pid>/task/<tid>/status} and {@code …/schedstat}: voluntary context switches count
 * hand-offs (a thread blocked to wait for the next message and was woken), involuntary ones count
 * preemptions (a running thread lost its core), and the run-queue wait is the time threads were
 * ready to run but had no core. Switch counts barely depend on how loaded the machine is, so they
 * compare two runs' thread hand-offs fairly; the run-queue wait shows where latency went to CPU
 * contention. Grouped by the kernel's thread name (15 characters, digits removed). Empty where
 * /proc is missing.
 */
final class SchedulerStats {

  /**
   * One thread group: voluntary switches (hand-offs), involuntary ones (preemptions), and the time
   * spent runnable but waiting for a core (ns; 0 where the kernel keeps no schedstat).
   */
  record Counts(long voluntary, long involuntary, long runQueueWaitNanos) {
    Counts plus(Counts o) {
      return new Counts(voluntary + o.voluntary, involuntary + o.involuntary, runQueueWaitNanos + o.runQueueWaitNanos);
    }

    Counts minus(Counts o) {
      return new Counts(voluntary - o.voluntary, involuntary - o.involuntary, runQueueWaitNanos - o.runQueueWaitNanos);
    }
  }

  private static final Counts NONE = new Counts(0, 0, 0);

  private final long pid;
  private final Map<String, Counts> start; // by tid

  private SchedulerStats(long pid, Map<String, Counts> start) {
    this.pid = pid;
    this.start = start;
  }

  /** Snapshot of process {@code pid} (this JVM: {@code ProcessHandle.current().pid()}). */
  static SchedulerStats snapshot(long pid) {
    return new SchedulerStats(pid, read(pid, null));
  }

  /** Per thread group, switches since the snapshot (threads born since count whole). */
  Map<String, Counts> since() {
    Map<String, String> names = new HashMap<>();
    Map<String, Counts> now = read(pid, names);
    Map<String, Counts> out = new TreeMap<>();
    for (Map.Entry<String, Counts> e : now.entrySet()) {
      Counts d = e.getValue().minus(start.getOrDefault(e.getKey(), NONE));
      out.merge(names.get(e.getKey()), d, Counts::plus);
    }
    return out;
  }

  static Counts total(Map<String, Counts> groups) {
    return groups.values().stream().reduce(NONE, Counts::plus);
  }

  /** Second field of {@code schedstat}: ns spent waiting on a run queue (0 if unavailable). */
  private static long runQueueWait(Path task) {
    try {
      String[] f = Files.readString(task.resolve("schedstat")).trim().split("\\s+");
      return f.length >= 2 ? Long.parseLong(f[1]) : 0;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  private static Map<String, Counts> read(long pid, Map<String, String> names) {
    Map<String, Counts> out = new HashMap<>();
    Path tasks = Path.of("/proc", Long.toString(pid), "task");
    if (!Files.isDirectory(tasks)) {
      return out;
    }
    try (Stream<Path> ts = Files.list(tasks)) {
      for (Path t : (Iterable<Path>) ts::iterator) {
        try {
          long vol = -1;
          long invol = -1;
          String name = "?";
          for (String line : Files.readAllLines(t.resolve("status"))) {
            if (line.startsWith("Name:")) {
              name = line.substring(5).trim();
            } else if (line.startsWith("voluntary_ctxt_switches:")) {
              vol = Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            } else if (line.startsWith("nonvoluntary_ctxt_switches:")) {
              invol = Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            }
          }
          if (vol >= 0 && invol >= 0) {
            String tid = t.getFileName().toString();
            out.put(tid, new Counts(vol, invol, runQueueWait(t)));
            if (names != null) {
              names.put(tid, name.replaceAll("[-_ ]?\\d+", "").trim());
            }
          }
        } catch (IOException | RuntimeException e) {
          // the thread ended between listing and reading: it simply does not count
        }
      }
    } catch (IOException e) {
      return out;
    }
    return out;
  }
}
