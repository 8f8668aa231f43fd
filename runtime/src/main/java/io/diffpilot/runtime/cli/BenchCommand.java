package io.diffpilot.runtime.cli;

import picocli.CommandLine.Command;

/** {@code diffpilot bench …}: benchmarks (not timed tests); each module adds its own subcommand. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks: runtime latency.",
    subcommands = {BenchRuntimeCommand.class})
public final class BenchCommand {}
