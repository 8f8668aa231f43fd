package io.diffpilot.runtime.control;

import io.diffpilot.core.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.event.Level;

/**
 * At most one log line per cause per interval, with a count of what it left out.
 *
 * <p>The first event of a cause is logged at once. Further events of that cause within the
 * interval are only counted; the next one after the interval is logged with "(and N more like it
 * in the last … s)", and {@link #flush} (the control loop's timer) writes the summary of a cause
 * that went quiet, so a burst never ends unreported. A loop flapping between two states ten times
 * a second thus writes one line per transition per interval instead of twenty lines a second.
 * Thread-safe.
 */
final class RateLimitedLog {
  /** Interval of the control loop's logs. */
  static final long DEFAULT_INTERVAL_NANOS = 10_000_000_000L;

  private static final class Cause {
    final Level level;
    long lastLoggedNanos = Long.MIN_VALUE;
    long suppressed;
    String latest;

    Cause(Level level) {
      this.level = level;
    }
  }

  /** Where the lines go: an SLF4J logger, or a test's list. */
  interface Sink {
    boolean enabled(Level level);

    void write(Level level, String line);

    static Sink of(Logger log) {
      return new Sink() {
        @Override
        public boolean enabled(Level level) {
          return log.isEnabledForLevel(level);
        }

        @Override
        public void write(Level level, String line) {
          log.atLevel(level).log(line);
        }
      };
    }
  }

  private final Sink log;
  private final Clock clock;
  private final long intervalNanos;
  private final Map<String, Cause> causes = new LinkedHashMap<>();

  RateLimitedLog(Logger log, Clock clock, long intervalNanos) {
    this(Sink.of(log), clock, intervalNanos);
  }

  RateLimitedLog(Sink log, Clock clock, long intervalNanos) {
    this.log = Objects.requireNonNull(log, "log");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (intervalNanos <= 0) {
      throw new IllegalArgumentException("interval must be > 0 ns");
    }
    this.intervalNanos = intervalNanos;
  }

  /**
   * Logs {@code message} under {@code cause} at {@code level}, or counts it when that cause was
   * logged less than an interval ago.
   *
   * @return true when the line was written now
   */
  boolean log(Level level, String cause, String message) {
    if (!log.enabled(level)) {
      return false;
    }
    long now = clock.nanos();
    String line;
    synchronized (causes) {
      Cause c = causes.computeIfAbsent(cause, k -> new Cause(level));
      if (c.lastLoggedNanos != Long.MIN_VALUE && now - c.lastLoggedNanos < intervalNanos) {
        c.suppressed++;
        c.latest = message;
        return false;
      }
      line = c.suppressed == 0 ? message
          : message + " (and " + c.suppressed + " more like it in the last " + seconds(now - c.lastLoggedNanos) + " s)";
      c.lastLoggedNanos = now;
      c.suppressed = 0;
      c.latest = null;
    }
    log.write(level, line);
    return true;
  }

  /** Writes one summary line for every cause with events left out over a full interval. */
  void flush() {
    long now = clock.nanos();
    java.util.List<Map.Entry<Level, String>> lines = new java.util.ArrayList<>();
    synchronized (causes) {
      for (Cause c : causes.values()) {
        if (c.suppressed > 0 && now - c.lastLoggedNanos >= intervalNanos) {
          lines.add(Map.entry(c.level, c.latest + " (" + c.suppressed + " like it in the last "
              + seconds(now - c.lastLoggedNanos) + " s)"));
          c.lastLoggedNanos = now;
          c.suppressed = 0;
          c.latest = null;
        }
      }
    }
    for (Map.Entry<Level, String> line : lines) {
      log.write(line.getKey(), line.getValue());
    }
  }

  private static String seconds(long nanos) {
    return String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e9);
  }
}
