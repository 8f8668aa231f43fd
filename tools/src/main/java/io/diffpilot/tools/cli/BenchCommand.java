package io.diffpilot.tools.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code diffpilot bench}: the benchmarks each module contributes (sim, policy, runtime, ros). */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmarks: medians and percentiles, never timed tests.")
public final class BenchCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
