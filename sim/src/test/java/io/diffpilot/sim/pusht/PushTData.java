package io.diffpilot.sim.pusht;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the repository's Push-T demonstrations ({@code data/pusht}, LeRobot v3.0) by walking up
 * from the working directory (tests run in module directories).
 */
public final class PushTData {
  private PushTData() {}

  /** The in-repository Push-T dataset folder; fails with a clear message if it is not there. */
  public static Path pushtDemos() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path d = dir; d != null; d = d.getParent()) {
      Path candidate = d.resolve("data").resolve("pusht");
      if (Files.isRegularFile(candidate.resolve(PushTDemonstrations.LEROBOT_INFO))) {
        return candidate;
      }
    }
    throw new IllegalStateException("Push-T demonstrations not found: looked for data/pusht/"
        + PushTDemonstrations.LEROBOT_INFO + " in " + dir + " and its parents");
  }
}
