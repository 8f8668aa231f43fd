package io.diffpilot.runtime.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.diffpilot.core.ManualClock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

class RateLimitedLogTest {
  private static final long MS = 1_000_000L;
  private final ManualClock clock = new ManualClock(0);
  private final List<String> lines = new ArrayList<>();
  private final RateLimitedLog log = new RateLimitedLog(new RateLimitedLog.Sink() {
    @Override
    public boolean enabled(Level level) {
      return level != Level.DEBUG;
    }

    @Override
    public void write(Level level, String line) {
      lines.add(level + " " + line);
    }
  }, clock, 10_000 * MS);

  @Test
  void flappingTenTimesASecondGivesOneLinePerCausePerIntervalWithTheCount() {
    // 15 s of HOLDING <-> STARTING ten times a second, as a loaded machine produced it.
    for (int i = 0; i < 150; i++) {
      log.log(Level.INFO, "HOLDING->STARTING", "HOLDING -> STARTING: observations resumed");
      clock.advance(50 * MS);
      log.log(Level.INFO, "STARTING->HOLDING", "STARTING -> HOLDING: no chunk fits the budget");
      clock.advance(50 * MS);
      log.flush();
    }
    assertThat(lines).containsExactly(
        "INFO HOLDING -> STARTING: observations resumed",
        "INFO STARTING -> HOLDING: no chunk fits the budget",
        // the timer's flush, one interval after the first line, reports the quiet cause…
        "INFO HOLDING -> STARTING: observations resumed (99 like it in the last 10.0 s)",
        // …and the next event of a cause due again carries the count of those left out

        "INFO STARTING -> HOLDING: no chunk fits the budget (and 99 more like it in the last 10.0 s)");
  }

  @Test
  void aBurstThatEndsIsSummarisedByTheNextFlush() {
    for (int i = 0; i < 5; i++) {
      log.log(Level.WARN, "STALE", "STALE (count " + (i + 1) + ")");
    }
    log.flush();
    assertThat(lines).containsExactly("WARN STALE (count 1)");
    clock.advance(10_000 * MS);
    log.flush();
    log.flush();
    assertThat(lines).containsExactly("WARN STALE (count 1)", "WARN STALE (count 5) (4 like it in the last 10.0 s)");
  }

  @Test
  void causesAreLimitedIndependentlyAndDisabledLevelsCostNothing() {
    assertThat(log.log(Level.WARN, "A", "a")).isTrue();
    assertThat(log.log(Level.WARN, "B", "b")).isTrue();
    assertThat(log.log(Level.WARN, "A", "a again")).isFalse();
    assertThat(log.log(Level.DEBUG, "C", "c")).isFalse();
    assertThat(lines).containsExactly("WARN a", "WARN b");
  }
}
