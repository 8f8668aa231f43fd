package io.diffpilot.demos.cli;

import io.diffpilot.demos.dataset.DatasetFormatException;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** Turns the expected failures of a dataset command (bad data, bad arguments, I/O) into one line and exit 1. */
final class Guard {
  private Guard() {}

  static Integer run(CommandSpec spec, Callable<Integer> body) throws Exception {
    try {
      return body.call();
    } catch (DatasetFormatException | IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
      if (e instanceof picocli.CommandLine.ParameterException p) {
        throw p;
      }
      spec.commandLine().getErr().println("error: " + io.diffpilot.demos.dataset.ErrorText.oneLine(e.getMessage()));
      spec.commandLine().getErr().flush();
      return 1;
    }
  }
}
