package io.diffpilot.ros1.testing;

import java.util.concurrent.TimeUnit;

/** Ends a process the hard way, as a crash or the OOM killer would, for tests of what survives that. */
public final class Kill {

  private Kill() {}

  /**
   * SIGKILL ({@link Process#destroyForcibly} on Linux); fails the test unless the process is gone
   * within 20 s with exit status 137 (128 + 9), i.e. it really died of the signal.
   */
  public static void minusNine(Process p) throws InterruptedException {
    p.destroyForcibly();
    if (!p.waitFor(20, TimeUnit.SECONDS)) {
      throw new AssertionError("process " + p.pid() + " still alive 20 s after SIGKILL");
    }
    if (p.exitValue() != 137) {
      throw new AssertionError("process " + p.pid() + " exited with " + p.exitValue() + ", not 137 (SIGKILL)");
    }
  }
}
