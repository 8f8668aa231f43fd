package io.diffpilot.tools.bench.policy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The Python side of the policy benchmarks, written to a folder where Debian's python runs it: the
 * scripts of this package beside {@code conditional_unet1d.py}, the policy module's reading of
 * diffusion_policy's network (shared with its test fixtures), which they import.
 */
final class PythonScripts {

  static final String NETWORK = "conditional_unet1d.py";
  private static final String NETWORK_RESOURCE = "/io/diffpilot/policy/python/" + NETWORK;

  private PythonScripts() {}

  /** Writes the network and {@code scripts} (resources of this package) into {@code dir}. */
  static void copy(Path dir, List<String> scripts) throws IOException {
    write(NETWORK_RESOURCE, dir.resolve(NETWORK));
    for (String s : scripts) {
      write(s, dir.resolve(s));
    }
  }

  private static void write(String resource, Path file) throws IOException {
    try (InputStream in = PythonScripts.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("resource " + resource + " is missing from the class path");
      }
      Files.write(file, in.readAllBytes());
    }
    file.toFile().deleteOnExit();
  }
}
