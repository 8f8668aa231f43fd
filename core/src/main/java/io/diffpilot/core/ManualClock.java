package io.diffpilot.core;

/**
 * A clock that moves only when told to: {@link #advance(long)} or a {@link #sleepUntil(long)}, which
 * jumps straight to the deadline. Deterministic tests of timing logic use it. Thread-safe.
 */
public final class ManualClock implements Clock {
  private long now;

  public ManualClock(long startNanos) {
    this.now = startNanos;
  }

  public ManualClock() {
    this(0);
  }

  @Override
  public synchronized long nanos() {
    return now;
  }

  /** Moves time forward by {@code deltaNanos} ≥ 0. */
  public synchronized void advance(long deltaNanos) {
    if (deltaNanos < 0) {
      throw new IllegalArgumentException("time cannot go backwards");
    }
    now += deltaNanos;
    notifyAll();
  }

  /** Jumps to the deadline if it lies ahead: a simulated sleep costs no wall time. */
  @Override
  public synchronized void sleepUntil(long deadlineNanos) {
    if (deadlineNanos > now) {
      now = deadlineNanos;
      notifyAll();
    }
  }
}
