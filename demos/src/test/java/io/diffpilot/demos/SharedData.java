package io.diffpilot.demos;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the project's {@code shared/} folder: {@code -Ddiffpilot.shared=DIR}, else the first
 * {@code shared/data} found walking up from the working directory (the repository root's
 * {@code ../shared} in a normal checkout).
 */
public final class SharedData {
  private SharedData() {}

  public static Path dir(String... sub) {
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
    if (root == null) {
      throw new IllegalStateException("cannot find shared/data above " + Path.of("").toAbsolutePath()
          + "; set -Ddiffpilot.shared=DIR");
    }
    Path out = root;
    for (String s : sub) {
      out = out.resolve(s);
    }
    return out;
  }
}
