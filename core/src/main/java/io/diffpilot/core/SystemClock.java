package io.diffpilot.core;

import java.util.concurrent.locks.LockSupport;

/** {@link System#nanoTime()}; sleeps park the thread, spinning only the last 100 µs for precision. */
enum SystemClock implements Clock {
  INSTANCE;

  private static final long SPIN_NANOS = 100_000;

  @Override
  public long nanos() {
    return System.nanoTime();
  }

  @Override
  public void sleepUntil(long deadlineNanos) throws InterruptedException {
    while (true) {
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0) {
        return;
      }
      if (left > SPIN_NANOS) {
        LockSupport.parkNanos(left - SPIN_NANOS);
      } else {
        Thread.onSpinWait();
      }
    }
  }
}
