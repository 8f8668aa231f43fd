package io.diffpilot.runtime.record;

import io.diffpilot.ros1.testing.Await;
import java.io.StringWriter;
import java.time.Duration;

/** Waits on a command's captured output. */
final class OutputWait {
  private OutputWait() {}

  static void awaitLine(StringWriter log, String text) throws InterruptedException {
    Await.await("'" + text + "' in: " + log, Duration.ofSeconds(30),
        () -> log.toString().contains(text));
  }
}
