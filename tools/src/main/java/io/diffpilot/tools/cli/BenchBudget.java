package io.diffpilot.tools.cli;

import io.diffpilot.tools.bench.policy.PolicyBenchCase.BenchSettings;
import picocli.CommandLine.Option;

/**
 * How long a network benchmark times each row ({@code --warmup}, {@code --iterations},
 * {@code --budget-seconds}): a picocli {@code @Mixin} of {@code bench policy} (calls) and
 * {@code bench train} (optimizer steps), each with its own defaults.
 */
final class BenchBudget {
  // No defaultValue: each command passes its own, shown as ${DEFAULT-VALUE} all the same.
  @Option(names = "--warmup", description = "untimed calls (steps) per row (default ${DEFAULT-VALUE})")
  int warmup;

  @Option(names = "--iterations", description = "timed calls (steps) per row, at most (default ${DEFAULT-VALUE})")
  int iterations;

  @Option(names = "--budget-seconds", description = "time per row (and side) after 5 calls (default ${DEFAULT-VALUE})")
  double budgetSeconds;

  BenchBudget(int warmup, int iterations, double budgetSeconds) {
    this.warmup = warmup;
    this.iterations = iterations;
    this.budgetSeconds = budgetSeconds;
  }

  BenchSettings settings() {
    return new BenchSettings(warmup, iterations, budgetSeconds);
  }
}
