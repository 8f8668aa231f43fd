package io.diffpilot.tools.cli;

import io.diffpilot.tools.bench.policy.PythonEagerBench;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The Python whose torch gives a benchmark's PyTorch eager rows ({@code --python}): a picocli
 * {@code @Mixin} of {@code bench policy} and {@code bench train}.
 */
final class TorchPython {
  @Option(names = "--python", defaultValue = "/usr/bin/python3", description = "interpreter with torch (default ${DEFAULT-VALUE})")
  Path python;

  /** The eager benchmark, or empty after printing why {@code what} (e.g. "PyTorch eager rows") is skipped. */
  Optional<PythonEagerBench> find(PrintWriter out, String what) {
    StringBuilder why = new StringBuilder();
    Optional<PythonEagerBench> py = PythonEagerBench.find(python, why);
    if (py.isEmpty()) {
      out.println(what + " skipped: " + why);
    }
    return py;
  }
}
