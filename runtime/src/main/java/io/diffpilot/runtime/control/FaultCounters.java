package io.diffpilot.runtime.control;

import io.diffpilot.runtime.transport.Fault;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import org.slf4j.event.Level;

/**
 * Lock-free counts per {@link Fault}; each fault is also logged at WARN through a
 * {@link RateLimitedLog}, one line per fault per interval with the count of the others, so a
 * flood stays readable.
 */
final class FaultCounters {
  private final AtomicLongArray counts = new AtomicLongArray(Fault.values().length);
  private final RateLimitedLog log;
  private final String robotId;

  FaultCounters(RateLimitedLog log, String robotId) {
    this.log = log;
    this.robotId = robotId;
  }

  long add(Fault fault, long n, String detail) {
    if (n <= 0) {
      return get(fault);
    }
    long after = counts.addAndGet(fault.ordinal(), n);
    log.log(Level.WARN, fault.name(), "[" + robotId + "] " + fault + " (count " + after + "): " + detail);
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
