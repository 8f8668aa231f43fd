package io.diffpilot.demos;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Test data: the repository's Push-T demonstrations ({@code data/pusht}, always present) and the
 * reference copies in the project's {@code shared/} folder (the Push-T CSV originals and a real
 * LeRobot v3.0 dataset), which a bare clone does not have: tests that compare against those skip.
 */
public final class SharedData {
  private SharedData() {}

  /** The repository's {@code data/pusht} (LeRobot v3.0, 206 episodes). */
  public static Path repoPushT() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("data/pusht/meta/info.json"))) {
        return p.resolve("data/pusht");
      }
    }
    throw new IllegalStateException("data/pusht not found above " + Path.of("").toAbsolutePath());
  }

  /** The Push-T CSV originals ({@code shared/data/pusht}); skips the calling test when absent. */
  public static Path pushtCsv() {
    return require("data", "pusht");
  }

  /** The real SO-101 LeRobot v3.0 dataset ({@code shared/data/lerobot-v3-so101}); skips when absent. */
  public static Path so101() {
    return require("data", "lerobot-v3-so101");
  }

  /**
   * {@code shared/SUB...}: {@code -Ddiffpilot.shared=DIR}, else the first {@code shared/data}
   * found walking up from the working directory; skips the calling test when it is absent.
   */
  public static Path require(String... sub) {
    String prop = System.getProperty("diffpilot.shared", System.getenv("DIFFPILOT_SHARED"));
    Path root = null;
    if (prop != null && !prop.isBlank()) {
      root = Path.of(prop);
    } else {
      for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
        if (Files.isDirectory(p.resolve("shared").resolve("data"))) {
          root = p.resolve("shared");
          break;
        }
      }
    }
    assumeTrue(root != null, "no shared/ folder above " + Path.of("").toAbsolutePath() + " (reference data absent)");
    Path out = root;
    for (String s : sub) {
      out = out.resolve(s);
    }
    assumeTrue(Files.exists(out), out + " absent");
    return out;
  }
}
