package io.diffpilot.runtime.control;

import io.diffpilot.runtime.transport.Fault;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import org.slf4j.Logger;

/**
 * Lock-free counts per {@link Fault}; each increment is also logged (WARN at the 1st, 2nd, 4th,
 * 8th… occurrence of a fault so that a flood stays readable, DEBUG otherwise).
 */
final class FaultCounters {
  private final AtomicLongArray counts = new AtomicLongArray(Fault.values().length);
  private final Logger log;
  private final String robotId;

  FaultCounters(Logger log, String robotId) {
    this.log = log;
    this.robotId = robotId;
  }

  long add(Fault fault, long n, String detail) {
    if (n <= 0) {
      return get(fault);
    }
    long after = counts.addAndGet(fault.ordinal(), n);
    long before = after - n;
    // Late actions are the normal cost of inference latency (diffusion_policy drops them too): DEBUG only.
    if (fault != Fault.LATE_ACTIONS_DROPPED && Long.highestOneBit(after) != Long.highestOneBit(before)) {
      log.warn("[{}] {} (count {}): {}", robotId, fault, after, detail);
    } else if (log.isDebugEnabled()) {
      log.debug("[{}] {} (count {}): {}", robotId, fault, after, detail);
    }
    return after;
  }

  long get(Fault fault) {
    return counts.get(fault.ordinal());
  }

  Map<Fault, Long> snapshot() {
    EnumMap<Fault, Long> m = new EnumMap<>(Fault.class);
    for (Fault f : Fault.values()) {
      long v = counts.get(f.ordinal());
      if (v > 0) {
        m.put(f, v);
      }
    }
    return m;
  }
}
