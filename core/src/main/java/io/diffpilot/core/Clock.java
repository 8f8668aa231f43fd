package io.diffpilot.core;

/**
 * Time as the control loop sees it. Real robots use {@link #system()}; tests and the simulator use
 * a {@link ManualClock} or a scaled clock so they run faster than real time while the code under
 * test keeps its real-time logic.
 */
public interface Clock {

  /** Monotonic time in nanoseconds. */
  long nanos();

  /** Blocks until {@link #nanos()} ≥ {@code deadlineNanos} (returns at once if already past). */
  void sleepUntil(long deadlineNanos) throws InterruptedException;

  /** The machine's monotonic clock ({@link System#nanoTime()}). */
  static Clock system() {
    return SystemClock.INSTANCE;
  }

  /**
   * A clock running {@code factor} times faster than the system clock (factor 10: one simulated
   * second per 0.1 s of wall time), starting at 0.
   */
  static Clock scaled(double factor) {
    return new ScaledClock(factor);
  }
}
