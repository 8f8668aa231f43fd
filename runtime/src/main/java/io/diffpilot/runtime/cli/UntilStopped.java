package io.diffpilot.runtime.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Option;

/**
 * How a long-running command ({@code run}, {@code serve}) waits to be stopped: by Ctrl-C or SIGTERM,
 * by {@code --duration-s} (a picocli {@code @Mixin}), or by its own {@code stop()}. The JVM halts
 * once the shutdown hooks return, so the hook installed here waits until the command has printed
 * its counts and closed its connections ({@link #release}).
 */
public final class UntilStopped {
  private static final long HOOK_WAIT_SECONDS = 20;

  @Option(names = "--duration-s", paramLabel = "SECONDS", description = "stop after this long (default: until Ctrl-C)")
  Double durationSeconds;

  private CountDownLatch stop;
  private CountDownLatch done;
  private Thread hook;

  /**
   * Installs the shutdown hook: from now on Ctrl-C and SIGTERM count {@code stop} down and the JVM
   * waits (up to 20 s) for {@link #release}.
   */
  void arm(String commandName, CountDownLatch stop) {
    this.stop = stop;
    CountDownLatch done = new CountDownLatch(1);
    this.done = done;
    hook = new Thread(() -> {
      stop.countDown();
      try {
        done.await(HOOK_WAIT_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "diffpilot-" + commandName + "-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** Waits until stopped, or until {@code --duration-s} has passed when it was given. */
  void awaitStop() throws InterruptedException {
    if (durationSeconds == null) {
      stop.await();
    } else {
      stop.await(Math.round(durationSeconds * 1e9), TimeUnit.NANOSECONDS);
    }
  }

  /**
   * Closes what the command opened, in the order given (nulls: never opened), then {@link #release}s:
   * the hook must not let the JVM halt before the connections are closed.
   */
  void closeThenRelease(AutoCloseable... opened) throws Exception {
    for (AutoCloseable c : opened) {
      if (c != null) {
        c.close();
      }
    }
    release();
  }

  /** Removes the hook (if armed) and lets a running one return; call last, after closing everything. */
  void release() {
    if (hook != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the JVM is already exiting through the hook
      }
      done.countDown();
      hook = null;
    }
  }
}
