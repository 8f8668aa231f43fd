package io.diffpilot.runtime.control;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads of one {@link ControlLoop}: where inference runs (a given executor, or a daemon
 * thread owned here) and the watchdog timer, and how both stop when the loop closes.
 */
final class LoopThreads {
  private static final Logger LOG = LoggerFactory.getLogger(ControlLoop.class);
  private static final long CLOSE_WAIT_SECONDS = 30;

  private final String robotId;
  private final Executor inference;
  private final ExecutorService owned;
  private ScheduledExecutorService ticker;

  /** @param given where inference runs; null for a dedicated daemon thread owned (and shut down) here */
  LoopThreads(String robotId, Executor given) {
    this.robotId = robotId;
    if (given == null) {
      owned = Executors.newSingleThreadExecutor(r -> daemon(r, "diffpilot-inference-" + robotId));
      inference = owned;
    } else {
      owned = null;
      inference = given;
    }
  }

  Executor inference() {
    return inference;
  }

  void startTicker(Runnable tick, long periodNanos) {
    ticker = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "diffpilot-watchdog-" + robotId));
    ticker.scheduleAtFixedRate(tick, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
  }

  /** Stops the timer at once and lets an inference in flight on the owned thread finish. */
  void shutdown() {
    if (ticker != null) {
      ticker.shutdownNow();
    }
    if (owned != null) {
      // Let an inference in flight finish: the owner closes the policy right after this returns,
      // and a native policy closed under a running call fails it (or worse).
      owned.shutdown();
      try {
        if (!owned.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
          LOG.warn("[{}] inference still running {} s after shutdown; closing anyway", robotId, CLOSE_WAIT_SECONDS);
          owned.shutdownNow();
        }
      } catch (InterruptedException e) {
        owned.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }
}
