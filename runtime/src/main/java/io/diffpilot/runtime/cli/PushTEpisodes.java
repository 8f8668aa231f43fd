package io.diffpilot.runtime.cli;

import picocli.CommandLine.Option;

/**
 * Where the simulated Push-T robot's episodes start and how long each may run, for the commands
 * that drive it ({@code sim-robot}, {@code quickstart}; a picocli {@code @Mixin}): episode
 * {@code e} starts from reset seed {@code --seed + e} and ends after {@code --max-steps}.
 */
final class PushTEpisodes {
  @Option(names = "--seed", defaultValue = "100000", description = "seed of the first episode (default ${DEFAULT-VALUE})")
  long seed;

  // No defaultValue: each command passes its own, shown as ${DEFAULT-VALUE} all the same.
  @Option(names = "--max-steps", description = "steps per episode at 10 Hz (default ${DEFAULT-VALUE})")
  int maxSteps;

  PushTEpisodes(int maxSteps) {
    this.maxSteps = maxSteps;
  }

  /** The reset seed of episode {@code e} (0-based). */
  long seed(int e) {
    return seed + e;
  }

  /**
   * Checks that {@code episodes} and {@code --max-steps} make a run.
   *
   * @throws IllegalArgumentException if either is below 1
   */
  void check(int episodes) {
    if (episodes < 1 || maxSteps < 1) {
      throw new IllegalArgumentException("--episodes and --max-steps must be >= 1");
    }
  }
}
