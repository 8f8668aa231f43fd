package io.diffpilot.core;

/** Runs {@code factor} times faster than the system clock; starts at 0. */
final class ScaledClock implements Clock {
  private final double factor;
  private final long originNanos = System.nanoTime();

  ScaledClock(double factor) {
    if (!(factor > 0) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException("clock scale must be a positive finite number, got " + factor);
    }
    this.factor = factor;
  }

  @Override
  public long nanos() {
    return (long) ((System.nanoTime() - originNanos) * factor);
  }

  @Override
  public void sleepUntil(long deadlineNanos) throws InterruptedException {
    long wallDeadline = originNanos + (long) (deadlineNanos / factor);
    Clock.system().sleepUntil(wallDeadline);
  }
}
