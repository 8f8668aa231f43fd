package io.diffpilot.ros1.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits for a condition another process or thread makes true (a subscriber connecting, a
 * message arriving), so tests wait exactly as long as needed instead of sleeping a guessed time.
 */
public final class Await {

  private Await() {}

  /** Polls {@code condition} every 20 ms; fails the test naming {@code what} after {@code timeout}. */
  public static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      }
      Thread.sleep(20);
    }
  }
}
