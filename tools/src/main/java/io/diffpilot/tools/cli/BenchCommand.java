package io.diffpilot.tools.cli;

import picocli.CommandLine.Command;

/** {@code diffpilot bench}: the benchmarks each module contributes (sim, policy, runtime, ros). */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmarks: medians and percentiles, never timed tests.")
public final class BenchCommand extends CommandGroup {}
