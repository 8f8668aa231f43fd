package io.diffpilot.runtime.control;

/**
 * Maps the controller's clock onto the robot's, from observations: each one gives
 * {@code capture − received}, which equals the clock offset minus the transport latency, so the
 * maximum over recent observations is the tightest lower bound of the offset. It learns only from
 * admitted observations (last {@value #WINDOW}): one with a wild time stamp is rejected by the
 * future tolerance before it can move the estimate, and {@link #reset} starts over when the
 * stream is re-synchronised (a robot whose clock restarted).
 */
final class RobotClockEstimator {
  static final int WINDOW = 64;
  private final long[] samples = new long[WINDOW];
  private int count;
  private int head;
  private long max = Long.MIN_VALUE;

  void observe(long captureNanos, long receivedNanos) {
    long s = captureNanos - receivedNanos;
    long evicted = count == WINDOW ? samples[head] : Long.MIN_VALUE;
    samples[head] = s;
    head = (head + 1) % WINDOW;
    count = Math.min(count + 1, WINDOW);
    if (s >= max) {
      max = s;
    } else if (evicted == max) {
      max = Long.MIN_VALUE;
      for (int i = 0; i < count; i++) {
        max = Math.max(max, samples[i]);
      }
    }
  }

  /** Forgets every sample: the next one is the whole estimate. */
  void reset() {
    count = 0;
    head = 0;
    max = Long.MIN_VALUE;
  }

  boolean hasEstimate() {
    return count > 0;
  }

  /** Robot time (ns) at controller time {@code controllerNanos}; the identity before any sample. */
  long toRobot(long controllerNanos) {
    return count == 0 ? controllerNanos : controllerNanos + max;
  }
}
