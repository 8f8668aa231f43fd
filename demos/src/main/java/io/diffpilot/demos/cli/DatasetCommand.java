package io.diffpilot.demos.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * A {@code demos} subcommand that reads or writes a dataset: its expected failures go through
 * {@link Guard} (one line, exit 1), so a subclass only says what it does ({@link #execute}).
 */
abstract class DatasetCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public final Integer call() throws Exception {
    return Guard.run(spec, this::execute);
  }

  /** The command's work; its exit code. */
  abstract Integer execute() throws Exception;

  /** Standard output of this command line. */
  final PrintWriter out() {
    return spec.commandLine().getOut();
  }

  /** Prints one result line and flushes, so a caller piping the output sees it at once. */
  final void report(String line) {
    out().println(line);
    out().flush();
  }

  /** A bad argument, reported by picocli with the usage (exit 2). */
  final ParameterException usageError(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
