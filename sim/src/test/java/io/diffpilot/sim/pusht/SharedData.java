package io.diffpilot.sim.pusht;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds ../shared/data/pusht by walking up from the working directory (tests run in module dirs). */
public final class SharedData {
  private SharedData() {}

  /** The Push-T demonstration folder; fails with a clear message if it is not there. */
  public static Path pushtDemos() {
    String override = System.getenv("DIFFPILOT_SHARED");
    if (override != null && Files.isDirectory(Path.of(override, "data", "pusht"))) {
      return Path.of(override, "data", "pusht");
    }
    Path dir = Path.of("").toAbsolutePath();
    for (Path d = dir; d != null; d = d.getParent()) {
      Path candidate = d.resolve("shared").resolve("data").resolve("pusht");
      if (Files.isRegularFile(candidate.resolve(PushTDemonstrations.REPLAY_CSV))) {
        return candidate;
      }
    }
    throw new IllegalStateException("Push-T demonstrations not found: looked for shared/data/pusht/"
        + PushTDemonstrations.REPLAY_CSV + " in " + dir + " and its parents (set DIFFPILOT_SHARED to the shared folder)");
  }
}
